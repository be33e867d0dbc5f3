using System;

namespace Inference.Sdk.Engines;

/// <summary>A snapshot of how loaded an engine is, read from its metrics endpoint; the router reads it without waiting.</summary>
/// <param name="Queued">Requests waiting for a slot (vLLM <c>num_requests_waiting</c>, llama.cpp <c>requests_deferred</c>, ...).</param>
/// <param name="Running">Requests being served now.</param>
/// <param name="KvCacheUsage">KV-cache occupancy in [0, 1]: the engine's gauge, or derived where it has none (llama.cpp <c>/slots</c>).</param>
/// <param name="TimeToFirstToken">Mean time to first token measured by the engine, where exposed.</param>
/// <param name="InterTokenLatency">Mean inter-token latency measured by the engine, where exposed.</param>
/// <param name="ObservedAt">When the snapshot was taken.</param>
public sealed record EngineLoad(
    int Queued,
    int Running,
    double? KvCacheUsage,
    TimeSpan? TimeToFirstToken,
    TimeSpan? InterTokenLatency,
    DateTimeOffset ObservedAt)
{
    /// <summary>Gets the engine version range whose metric names the load was read with (<see cref="EngineMetricSet.Name"/>), e.g. <c>"vllm ≥ 0.9 (V1 engine)"</c>; <see langword="null"/> when built by hand.</summary>
    public string? MetricSet { get; init; }

    /// <summary>Gets a value indicating whether <see cref="KvCacheUsage"/> was derived (llama.cpp <c>/slots</c> context use) rather than read from a gauge.</summary>
    public bool KvCacheUsageDerived { get; init; }
}
