using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The latest probe result of every target, written by <see cref="InferenceTargetMonitor"/>, and the provider's verdict, written by
/// <see cref="ProviderMonitor"/>; read without waiting. A target is healthy for the router only when both allow it.
/// </summary>
internal sealed class TargetHealthStore
{
    private readonly ConcurrentDictionary<string, TargetProbeResult> _latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> _provider = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _engineMetrics = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Occurs after a probe result is recorded.</summary>
    public event Action<string, TargetProbeResult>? Updated;

    public IReadOnlyDictionary<string, TargetProbeResult> Latest => _latest;

    public void Record(string target, TargetProbeResult result)
    {
        _latest[target] = result;
        Updated?.Invoke(target, result);
    }

    /// <summary>Records whether the provider says the target can serve (running, ready, with capacity).</summary>
    public void RecordProvider(string target, bool healthy) => _provider[target] = healthy;

    /// <summary>Whether the provider allows the target: true unless its last verdict was out of service.</summary>
    public bool ProviderAllows(string target) => !_provider.TryGetValue(target, out bool healthy) || healthy;

    /// <summary>Records the engine version range the target's metrics were read as (<see cref="Engines.EngineMetricSet.Name"/>), written by <see cref="EngineLoadMonitor"/>.</summary>
    public void RecordEngineMetrics(string target, string metricSet) => _engineMetrics[target] = metricSet;

    /// <summary>The engine version range the target's metrics were last read as; <see langword="null"/> before the first read.</summary>
    public string? EngineMetrics(string target) => _engineMetrics.TryGetValue(target, out string? set) ? set : null;

    /// <summary>Whether the target's own health probe allows it: true unless its last probe failed.</summary>
    public bool EngineAllows(string target) => !_latest.TryGetValue(target, out TargetProbeResult? result) || result.Healthy;
}
