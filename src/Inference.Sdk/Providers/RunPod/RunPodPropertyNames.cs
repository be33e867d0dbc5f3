namespace Inference.Sdk.Providers.RunPod;

/// <summary>Keys RunPod's job-API chat client writes to <c>ChatResponse.AdditionalProperties</c> (and to the last streamed update) so the cost meter can bill worker-seconds.</summary>
public static class RunPodPropertyNames
{
    /// <summary>The job id (a <see cref="string"/>).</summary>
    public const string JobId = "runpod.job_id";

    /// <summary>The job's <c>delayTime</c>: milliseconds it waited for a worker, cold start included (a <see cref="long"/>).</summary>
    public const string DelayMilliseconds = "runpod.delay_ms";

    /// <summary>The job's <c>executionTime</c>: milliseconds a worker ran it, the billed time (a <see cref="long"/>).</summary>
    public const string ExecutionMilliseconds = "runpod.execution_ms";
}
