using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using Inference.Sdk.Engines;

namespace Inference.Sdk.Costs;

/// <summary>
/// Measures how busy each GPU-hour target is: a target is busy while at least one request is in flight through the cost meter or its
/// engine's last metrics snapshot shows requests running or queued (traffic from other instances of a fleet). From busy time and the
/// tokens served it reports utilization, what the hours cost, the cost per million tokens actually achieved, and the seeds' verdicts.
/// </summary>
public sealed class GpuUtilizationTracker
{
    private readonly ConcurrentDictionary<string, TargetState> _targets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="GpuUtilizationTracker"/> class.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public GpuUtilizationTracker(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>Starts tracking a GPU-hour target; its window starts now.</summary>
    /// <param name="target">The target name (as given to the cost meter).</param>
    /// <param name="pricing">The target's per-GPU-hour price.</param>
    /// <param name="peakTokensPerSecond">The target's measured or catalogued throughput at full load, if known (used for verdicts and headroom).</param>
    public void Register(string target, GpuHourPricing pricing, double? peakTokensPerSecond = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(pricing);
        if (peakTokensPerSecond is { } peak)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(peak, nameof(peakTokensPerSecond));
        }

        _targets[target] = new TargetState(_time, pricing, peakTokensPerSecond, _time.GetTimestamp());
    }

    /// <summary>Feeds an engine metrics snapshot: running or queued requests mark the target busy until the next snapshot says otherwise.</summary>
    /// <param name="target">The target name.</param>
    /// <param name="load">The snapshot.</param>
    public void ReportEngineLoad(string target, EngineLoad load)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(load);
        if (_targets.TryGetValue(target, out TargetState? state))
        {
            state.Update(_time.GetTimestamp(), inFlightDelta: 0, tokens: 0, engineBusy: load.Running + load.Queued > 0);
        }
    }

    /// <summary>Gets what the target's GPUs did since it was registered.</summary>
    /// <param name="target">The target name.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The target is not registered.</exception>
    public UtilizationReport GetReport(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!_targets.TryGetValue(target, out TargetState? state))
        {
            throw new ArgumentException($"Target '{target}' is not registered with the utilization tracker.", nameof(target));
        }

        UtilizationReport report = state.Report(target, _time.GetTimestamp());
        var tags = new TagList { { InferenceTelemetry.TargetTag, target } };
        InferenceTelemetry.Utilization.Record(report.Utilization, tags);
        if (report.EffectiveUsdPerMillionTokens is { } effective)
        {
            InferenceTelemetry.EffectiveCost.Record((double)effective, tags);
        }

        return report;
    }

    internal void RequestStarted(string target)
    {
        if (_targets.TryGetValue(target, out TargetState? state))
        {
            state.Update(_time.GetTimestamp(), inFlightDelta: 1, tokens: 0, engineBusy: null);
        }
    }

    internal void RequestEnded(string target, long tokens)
    {
        if (_targets.TryGetValue(target, out TargetState? state))
        {
            state.Update(_time.GetTimestamp(), inFlightDelta: -1, tokens, engineBusy: null);
        }
    }

    private sealed class TargetState(TimeProvider time, GpuHourPricing pricing, double? peakTokensPerSecond, long started)
    {
        private readonly object _gate = new();
        private int _inFlight;
        private bool _engineBusy;
        private long _busySince;
        private long _busyTicks;
        private long _tokens;

        public void Update(long now, int inFlightDelta, long tokens, bool? engineBusy)
        {
            lock (_gate)
            {
                bool wasBusy = _inFlight > 0 || _engineBusy;
                _inFlight = Math.Max(_inFlight + inFlightDelta, 0);
                _engineBusy = engineBusy ?? _engineBusy;
                _tokens += tokens;
                bool isBusy = _inFlight > 0 || _engineBusy;
                if (!wasBusy && isBusy)
                {
                    _busySince = now;
                }
                else if (wasBusy && !isBusy)
                {
                    _busyTicks += now - _busySince;
                }
            }
        }

        public UtilizationReport Report(string target, long now)
        {
            long busy;
            long tokens;
            lock (_gate)
            {
                busy = _busyTicks + (_inFlight > 0 || _engineBusy ? now - _busySince : 0);
                tokens = _tokens;
            }

            TimeSpan elapsed = time.GetElapsedTime(started, now);
            TimeSpan busyTime = time.GetElapsedTime(0, busy);
            return UtilizationReport.Create(target, pricing, peakTokensPerSecond, elapsed, busyTime, tokens);
        }
    }
}
