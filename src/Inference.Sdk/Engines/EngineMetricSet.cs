using System;
using System.Collections.Generic;

namespace Inference.Sdk.Engines;

/// <summary>
/// The Prometheus names one engine version range writes its load under. Engines rename, add and drop metrics between
/// releases; <see cref="EngineProfile.MetricSets"/> lists each known set, and the reader picks the one that the
/// scraped page shows (see <see cref="DetectedBy"/>). Pure data.
/// </summary>
public sealed class EngineMetricSet
{
    private static readonly string[] None = [];

    internal EngineMetricSet()
    {
    }

    /// <summary>Gets the engine and version range, e.g. <c>"vllm ≥ 0.9 (V1 engine)"</c>; reported as <see cref="EngineLoad.MetricSet"/> and in health data.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>Gets the metric names whose presence on the page selects this set; the first set with one of them present wins, and a set without any is the fallback.</summary>
    public IReadOnlyList<string> DetectedBy { get; internal init; } = None;

    /// <summary>Gets the gauge that counts queued requests, or <see langword="null"/> when this version has none.</summary>
    public string? Queued { get; internal init; }

    /// <summary>Gets the gauge that counts running requests, or <see langword="null"/> when this version has none.</summary>
    public string? Running { get; internal init; }

    /// <summary>Gets the gauge of KV-cache occupancy in [0, 1], or <see langword="null"/> when this version has none (the probe derives it where it can).</summary>
    public string? KvCacheUsage { get; internal init; }

    /// <summary>Gets the histogram (in seconds) of time to first token, or <see langword="null"/>.</summary>
    public string? TimeToFirstToken { get; internal init; }

    /// <summary>Gets the histogram (in seconds) of inter-token latency, or <see langword="null"/>.</summary>
    public string? InterTokenLatency { get; internal init; }

    /// <summary>
    /// Gets the label that splits a gauge into a total and its parts (SGLang's <c>priority</c>: the total under
    /// <c>priority=""</c>, then one series per priority); when the page carries the total, only it is read.
    /// </summary>
    public string? TotalLabel { get; internal init; }

    /// <summary>
    /// Gets the labelled companion series that break a gauge down and must never be added into it
    /// (vLLM's <c>vllm:num_requests_waiting_by_reason</c>); listed so the rule is visible, they are never read.
    /// </summary>
    public IReadOnlyList<string> Breakdowns { get; internal init; } = None;

    /// <summary>Gets a value indicating whether a missing queue/running gauge means the engine is idle (TGI writes them only once the first request was queued).</summary>
    public bool AbsentGaugesMeanIdle { get; internal init; }

    /// <summary>Gets the sample names the reader keeps: the gauges and the <c>_sum</c> / <c>_count</c> of the histograms.</summary>
    internal IReadOnlySet<string> ReadNames => field ??= Names();

    /// <inheritdoc/>
    public override string ToString() => Name;

    private HashSet<string> Names()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string? gauge in (string?[])[Queued, Running, KvCacheUsage])
        {
            if (gauge is not null)
            {
                names.Add(gauge);
            }
        }

        foreach (string? histogram in (string?[])[TimeToFirstToken, InterTokenLatency])
        {
            if (histogram is not null)
            {
                names.Add(histogram + "_sum");
                names.Add(histogram + "_count");
            }
        }

        return names;
    }
}
