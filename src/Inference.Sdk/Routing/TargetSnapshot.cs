using System;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Routing.Limits;

namespace Inference.Sdk.Routing;

/// <summary>What the policy knows about one target when it decides: read from in-memory state, no I/O.</summary>
internal readonly record struct TargetSnapshot(
    RouteTarget Target,
    int InFlight,
    bool CircuitOpen,
    bool Healthy,
    EngineLoad? Load,
    TimeSpan? MeasuredTtft)
{
    /// <summary>Gets how long the target still asked to be left alone (429/503 <c>Retry-After</c>); <see langword="null"/> when it may be tried.</summary>
    public TimeSpan? BackOff { get; init; }

    /// <summary>Gets a value indicating whether the target's next request is expected to wait for a cold start.</summary>
    public bool ColdStart { get; init; }

    /// <summary>Gets what the target can do now: configured or from the catalog, with what its engine reported on top, less what it refused.</summary>
    public ModelCapabilities Capabilities { get; init; } = ModelCapabilities.All;

    /// <summary>Gets the capabilities the target refused a request for (its engine said it lacks them).</summary>
    public ModelCapabilities Refused { get; init; }

    /// <summary>Gets the capabilities the target's engine reported on (having them or not).</summary>
    public ModelCapabilities Reported { get; init; }

    /// <summary>Gets the newest live price of the target, when a provider reported one.</summary>
    public ProviderPrice? LivePrice { get; init; }

    /// <summary>Gets the target's rate limits (read by the policy with <see cref="Now"/>); <see langword="null"/> when it has none.</summary>
    public RateLimits? Limits { get; init; }

    /// <summary>Gets the timestamp the snapshot was taken at (set only when the target has rate limits).</summary>
    public long Now { get; init; }

    public TimeSpan? Ttft => MeasuredTtft ?? Load?.TimeToFirstToken;

    /// <summary>Whether the target is saturated: its concurrency limit (of which batch work uses only <paramref name="share"/>), engine queue or KV cache.</summary>
    public bool IsSaturated(out string? why, double share = 1)
    {
        var t = Target;
        if (t.MaxConcurrency is { } limit && InFlight >= (share >= 1 ? limit : Math.Max(1, (int)Math.Ceiling(limit * share))))
        {
            why = share >= 1 ? $"in flight {InFlight} at limit {limit}" : $"in flight {InFlight} at the batch share of limit {limit}";
            return true;
        }

        if (Load is { } load)
        {
            if (t.MaxQueuedRequests is { } q && load.Queued > q)
            {
                why = $"engine queue {load.Queued} over {q}";
                return true;
            }

            if (t.MaxKvCacheUsage is { } kv && load.KvCacheUsage is { } usage && usage > kv)
            {
                why = $"KV-cache occupancy {usage:0.##} over {kv:0.##}";
                return true;
            }
        }

        why = null;
        return false;
    }
}
