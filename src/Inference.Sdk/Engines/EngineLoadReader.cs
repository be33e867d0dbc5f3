using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace Inference.Sdk.Engines;

/// <summary>Reads an <see cref="EngineLoad"/> out of an engine's Prometheus samples, by the metric set of its version. Pure.</summary>
internal static class EngineLoadReader
{
    /// <summary>Reads the load, or <see langword="null"/> when the page carries neither the queue nor the running gauge.</summary>
    public static EngineLoad? Read(EngineProfile profile, IReadOnlyList<PrometheusSample> samples, DateTimeOffset observedAt) =>
        ReadMetrics(profile, samples, observedAt).Load;

    /// <summary>
    /// Picks the metric set the page shows (<see cref="EngineMetricSet.DetectedBy"/>), then builds the snapshot: a gauge's
    /// series are summed (data-parallel engines write one per engine) except where <see cref="EngineMetricSet.TotalLabel"/>
    /// marks the total, which is then read alone; KV occupancy is averaged; TTFT/ITL are the histogram mean
    /// (<c>_sum / _count</c>). Names not in the set (breakdowns such as <c>num_requests_waiting_by_reason</c>) are never read.
    /// </summary>
    public static EngineMetricsReading ReadMetrics(EngineProfile profile, IReadOnlyList<PrometheusSample> samples, DateTimeOffset observedAt)
    {
        EngineMetricSet? set = Detect(profile.MetricSets, samples);
        if (set is null)
        {
            return default;
        }

        var totals = new Dictionary<string, Total>(StringComparer.Ordinal);
        IReadOnlySet<string> read = set.ReadNames;
        foreach (PrometheusSample sample in samples)
        {
            if (!double.IsNaN(sample.Value) && read.Contains(sample.Name))
            {
                ref Total total = ref CollectionsMarshal.GetValueRefOrAddDefault(totals, sample.Name, out _);
                total.Add(sample, set.TotalLabel);
            }
        }

        double? queued = Value(set.Queued, totals);
        double? running = Value(set.Running, totals);
        if (queued is null && running is null && !(set.AbsentGaugesMeanIdle && (set.Queued ?? set.Running) is not null))
        {
            return new EngineMetricsReading(set, null);
        }

        double? kv = Mean(set.KvCacheUsage, totals);
        var load = new EngineLoad(
            Count(queued),
            Count(running),
            kv is double k ? Math.Clamp(k, 0, 1) : null,
            HistogramMean(set.TimeToFirstToken, totals),
            HistogramMean(set.InterTokenLatency, totals),
            observedAt)
        {
            MetricSet = set.Name,
        };
        return new EngineMetricsReading(set, load);
    }

    private static EngineMetricSet? Detect(IReadOnlyList<EngineMetricSet> sets, IReadOnlyList<PrometheusSample> samples)
    {
        if (sets.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (PrometheusSample sample in samples)
        {
            names.Add(sample.Name);
        }

        EngineMetricSet? fallback = null;
        foreach (EngineMetricSet set in sets)
        {
            foreach (string name in set.DetectedBy)
            {
                if (names.Contains(name))
                {
                    return set;
                }
            }

            if (set.DetectedBy.Count == 0)
            {
                fallback ??= set;
            }
        }

        return fallback ?? sets[0];
    }

    private static double? Value(string? name, Dictionary<string, Total> totals) =>
        name is not null && totals.TryGetValue(name, out Total total) ? total.Value : null;

    private static double? Mean(string? name, Dictionary<string, Total> totals) =>
        name is not null && totals.TryGetValue(name, out Total total) && double.IsFinite(total.Value) ? total.Value / total.Series : null;

    private static TimeSpan? HistogramMean(string? name, Dictionary<string, Total> totals)
    {
        if (name is null || !totals.TryGetValue(name + "_sum", out Total sum) || !totals.TryGetValue(name + "_count", out Total count))
        {
            return null;
        }

        return count.Value > 0 && double.IsFinite(sum.Value) && sum.Value >= 0 && sum.Value / count.Value < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(sum.Value / count.Value)
            : null;
    }

    private static int Count(double? value) =>
        value is double v && double.IsFinite(v) && v > 0 ? (int)Math.Min(Math.Round(v), int.MaxValue) : 0;

    /// <summary>The series of one name: all of them summed, and the ones marked as the total (label value empty) summed apart.</summary>
    private struct Total
    {
        private double _sum;
        private int _series;
        private double _totalSum;
        private int _totalSeries;

        /// <summary>Gets the total series when the page has them, else every series.</summary>
        public readonly double Value => _totalSeries > 0 ? _totalSum : _sum;

        /// <summary>Gets how many series <see cref="Value"/> adds up.</summary>
        public readonly int Series => _totalSeries > 0 ? _totalSeries : _series;

        public void Add(PrometheusSample sample, string? totalLabel)
        {
            _sum += sample.Value;
            _series++;
            if (totalLabel is null)
            {
                return;
            }

            foreach (KeyValuePair<string, string> label in sample.Labels)
            {
                if (label.Key == totalLabel)
                {
                    if (label.Value.Length == 0)
                    {
                        _totalSum += sample.Value;
                        _totalSeries++;
                    }

                    return;
                }
            }
        }
    }
}
