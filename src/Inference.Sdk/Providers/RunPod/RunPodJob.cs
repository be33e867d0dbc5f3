using System;
using System.Text.Json;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>A RunPod serverless job as <c>/run</c>, <c>/runsync</c>, <c>/status</c> or <c>/cancel</c> reported it.</summary>
public sealed record RunPodJob
{
    /// <summary>Gets the job id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the job status.</summary>
    public required RunPodJobStatus Status { get; init; }

    /// <summary>Gets the handler's output, when the job has one.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Gets the error the handler reported (<c>FAILED</c> jobs), as text.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the time the job waited in the queue (<c>delayTime</c>, milliseconds on the wire); billed as cold start when a worker boots for it.</summary>
    public TimeSpan? DelayTime { get; init; }

    /// <summary>Gets the time a worker ran the job (<c>executionTime</c>, milliseconds on the wire); billed per worker-second.</summary>
    public TimeSpan? ExecutionTime { get; init; }

    /// <summary>Gets a value indicating whether the status is final (completed, failed, cancelled or timed out).</summary>
    public bool IsTerminal => Status is RunPodJobStatus.Completed or RunPodJobStatus.Failed or RunPodJobStatus.Cancelled or RunPodJobStatus.TimedOut;
}
