using System;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>How to reach one RunPod serverless endpoint.</summary>
public sealed class RunPodServerlessOptions
{
    /// <summary>The production base address of serverless endpoints.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.runpod.ai/v2/");

    /// <summary>Gets or sets the endpoint id (the <c>{endpoint_id}</c> in <c>https://api.runpod.ai/v2/{endpoint_id}/…</c>).</summary>
    public string EndpointId { get; set; } = string.Empty;

    /// <summary>Gets or sets the RunPod API key, sent only as <c>Authorization: Bearer</c>.</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the base address of serverless endpoints (<see cref="DefaultBaseAddress"/>).</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Gets or sets the name of the target in errors and snapshots; defaults to <c>runpod:{EndpointId}</c>.</summary>
    public string? TargetName { get; set; }

    /// <summary>Gets or sets how long one HTTP call may take (a <c>/runsync</c> waits up to 90 s on the server).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Gets or sets the clock that dates answers and snapshots; <see cref="System.TimeProvider.System"/> when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets how long a job may take from submission to its final status before it is cancelled.</summary>
    public TimeSpan JobTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the pause between two polls of <c>/status</c> or <c>/stream</c>.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
