using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Inference.Sdk.Hosting;

/// <summary>The latest probe result of every target, written by <see cref="InferenceTargetMonitor"/>; read without waiting.</summary>
internal sealed class TargetHealthStore
{
    private readonly ConcurrentDictionary<string, TargetProbeResult> _latest = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Occurs after a probe result is recorded.</summary>
    public event Action<string, TargetProbeResult>? Updated;

    public IReadOnlyDictionary<string, TargetProbeResult> Latest => _latest;

    public void Record(string target, TargetProbeResult result)
    {
        _latest[target] = result;
        Updated?.Invoke(target, result);
    }
}
