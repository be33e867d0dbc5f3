using System;

namespace Inference.Sdk.Engines;

/// <summary>A snapshot of how loaded an engine is, read from its metrics endpoint; the router reads it without waiting.</summary>
/// <param name="Queued">Requests waiting for a slot (vLLM <c>num_requests_waiting</c>, llama.cpp <c>requests_deferred</c>, ...).</param>
/// <param name="Running">Requests being served now.</param>
/// <param name="KvCacheUsage">KV-cache occupancy in [0, 1], where the engine exposes it.</param>
/// <param name="TimeToFirstToken">Mean time to first token measured by the engine, where exposed.</param>
/// <param name="InterTokenLatency">Mean inter-token latency measured by the engine, where exposed.</param>
/// <param name="ObservedAt">When the snapshot was taken.</param>
public sealed record EngineLoad(
    int Queued,
    int Running,
    double? KvCacheUsage,
    TimeSpan? TimeToFirstToken,
    TimeSpan? InterTokenLatency,
    DateTimeOffset ObservedAt);
