using System.Collections.Generic;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>The answer of a serverless endpoint's <c>/health</c>: job and worker counts, read as open maps.</summary>
/// <param name="Jobs">Job counts by state (<c>completed</c>, <c>failed</c>, <c>inProgress</c>, <c>inQueue</c>, <c>retried</c>, …).</param>
/// <param name="Workers">Worker counts by state (<c>idle</c>, <c>ready</c>, <c>running</c>, <c>initializing</c>, <c>throttled</c>, <c>unhealthy</c>, …).</param>
public sealed record RunPodHealth(IReadOnlyDictionary<string, int> Jobs, IReadOnlyDictionary<string, int> Workers)
{
    /// <summary>Gets a value indicating whether a new request will wait for a worker to boot: no worker is idle or ready.</summary>
    public bool ColdStartExpected => Count(Workers, "idle") == 0 && Count(Workers, "ready") == 0;

    /// <summary>Gets the number of jobs waiting in the queue.</summary>
    public int QueuedJobs => Count(Jobs, "inQueue");

    private static int Count(IReadOnlyDictionary<string, int> map, string key) => map.TryGetValue(key, out int n) ? n : 0;
}
