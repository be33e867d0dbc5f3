using System;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Engines;

public class EngineLoadReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<EngineKind, string, int, int, double?, double?, double?> Samples => new()
    {
        // engine, text, queued, running, kv, ttft (s), itl (s)
        { EngineKind.Vllm, MetricsSamples.Vllm, 5, 5, 0.6, 0.25, 0.02 },
        { EngineKind.Vllm, MetricsSamples.VllmOld, 0, 1, 0.25, null, 0.05 },
        { EngineKind.Sglang, MetricsSamples.Sglang, 2, 7, 0.28, 0.25, 0.02 },
        { EngineKind.Tgi, MetricsSamples.Tgi, 6, 3, null, null, 0.02 },
        { EngineKind.LlamaCpp, MetricsSamples.LlamaCpp, 1, 2, null, null, null },
        { EngineKind.TensorRtLlm, MetricsSamples.TensorRtLlm, 0, 9, 0.9, 0.2, 0.02 },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_engines_metrics_become_an_EngineLoad(EngineKind engine, string text, int queued, int running, double? kv, double? ttft, double? itl)
    {
        EngineLoad? load = EngineLoadReader.Read(EngineProfile.For(engine), PrometheusText.Parse(text), At);

        Assert.NotNull(load);
        Assert.Equal(queued, load.Queued);
        Assert.Equal(running, load.Running);
        Assert.Equal(kv, load.KvCacheUsage is double k ? Math.Round(k, 6) : null);
        Assert.Equal(ttft, load.TimeToFirstToken?.TotalSeconds is double t ? Math.Round(t, 6) : null);
        Assert.Equal(itl, load.InterTokenLatency?.TotalSeconds is double i ? Math.Round(i, 6) : null);
        Assert.Equal(At, load.ObservedAt);
    }

    [Fact]
    public void Metrics_of_another_engine_give_no_snapshot()
    {
        Assert.Null(EngineLoadReader.Read(EngineProfile.For(EngineKind.LlamaCpp), PrometheusText.Parse(MetricsSamples.Vllm), At));
        Assert.Null(EngineLoadReader.Read(EngineProfile.For(EngineKind.Ollama), PrometheusText.Parse(MetricsSamples.Vllm), At));
    }

    [Fact]
    public void Odd_values_do_not_crash_and_are_bounded()
    {
        const string text = """
            vllm:num_requests_waiting NaN
            vllm:num_requests_running -3
            vllm:kv_cache_usage_perc 7
            vllm:time_to_first_token_seconds_sum 1
            vllm:time_to_first_token_seconds_count 0
            vllm:inter_token_latency_seconds_sum +Inf
            vllm:inter_token_latency_seconds_count 3
            """;

        EngineLoad? load = EngineLoadReader.Read(EngineProfile.For(EngineKind.Vllm), PrometheusText.Parse(text), At);

        Assert.NotNull(load);
        Assert.Equal(0, load.Queued);
        Assert.Equal(0, load.Running);
        Assert.Equal(1.0, load.KvCacheUsage);
        Assert.Null(load.TimeToFirstToken);
        Assert.Null(load.InterTokenLatency);
    }
}
