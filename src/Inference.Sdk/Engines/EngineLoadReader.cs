using System;
using System.Collections.Generic;

namespace Inference.Sdk.Engines;

/// <summary>Reads an <see cref="EngineLoad"/> out of an engine's Prometheus samples, by the names in its <see cref="EngineProfile"/>. Pure.</summary>
internal static class EngineLoadReader
{
    /// <summary>
    /// Builds the snapshot: gauges are summed over their series (data-parallel engines report one per engine),
    /// KV occupancy is averaged, TTFT/ITL are the mean of the histogram (<c>_sum / _count</c>).
    /// </summary>
    /// <returns>The snapshot, or <see langword="null"/> when the samples carry neither the queued nor the running gauge.</returns>
    public static EngineLoad? Read(EngineProfile profile, IReadOnlyList<PrometheusSample> samples, DateTimeOffset observedAt)
    {
        var totals = new Dictionary<string, (double Sum, int Series)>(StringComparer.Ordinal);
        foreach (PrometheusSample sample in samples)
        {
            if (double.IsNaN(sample.Value))
            {
                continue;
            }

            totals.TryGetValue(sample.Name, out var total);
            totals[sample.Name] = (total.Sum + sample.Value, total.Series + 1);
        }

        double? queued = First(profile.QueuedMetrics, totals);
        double? running = First(profile.RunningMetrics, totals);
        if (queued is null && running is null)
        {
            return null;
        }

        double? kv = Mean(profile.KvCacheUsageMetrics, totals);
        return new EngineLoad(
            Count(queued),
            Count(running),
            kv is double k ? Math.Clamp(k, 0, 1) : null,
            HistogramMean(profile.TimeToFirstTokenMetrics, totals),
            HistogramMean(profile.InterTokenLatencyMetrics, totals),
            observedAt);
    }

    private static double? First(IReadOnlyList<string> names, Dictionary<string, (double Sum, int Series)> totals)
    {
        foreach (string name in names)
        {
            if (totals.TryGetValue(name, out var total))
            {
                return total.Sum;
            }
        }

        return null;
    }

    private static double? Mean(IReadOnlyList<string> names, Dictionary<string, (double Sum, int Series)> totals)
    {
        foreach (string name in names)
        {
            if (totals.TryGetValue(name, out var total) && double.IsFinite(total.Sum))
            {
                return total.Sum / total.Series;
            }
        }

        return null;
    }

    private static TimeSpan? HistogramMean(IReadOnlyList<string> names, Dictionary<string, (double Sum, int Series)> totals)
    {
        foreach (string name in names)
        {
            if (totals.TryGetValue(name + "_sum", out var sum) && totals.TryGetValue(name + "_count", out var count))
            {
                return count.Sum > 0 && double.IsFinite(sum.Sum) && sum.Sum >= 0 && sum.Sum / count.Sum < TimeSpan.MaxValue.TotalSeconds
                    ? TimeSpan.FromSeconds(sum.Sum / count.Sum)
                    : null;
            }
        }

        return null;
    }

    private static int Count(double? value) =>
        value is double v && double.IsFinite(v) && v > 0 ? (int)Math.Min(Math.Round(v), int.MaxValue) : 0;
}
