namespace Inference.Sdk.Pools;

/// <summary>The limits the endpoint scorer escapes affinity at.</summary>
/// <param name="MaxQueuedRequests">The engine queue length above which an endpoint is saturated.</param>
/// <param name="MaxKvCacheUsage">The KV-cache occupancy in [0, 1] above which an endpoint is saturated.</param>
/// <param name="AffinityInFlightSlack">How many more requests in flight than the least busy usable endpoint an endpoint may have and keep its affinity.</param>
internal sealed record PoolScoring(int MaxQueuedRequests = 4, double MaxKvCacheUsage = 0.9, int AffinityInFlightSlack = 2)
{
    public static PoolScoring Default { get; } = new();
}
