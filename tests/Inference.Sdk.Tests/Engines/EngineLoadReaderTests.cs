using System;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Engines;

/// <summary>The reader's bounds on values no engine should write; the engines' own pages are in <see cref="EngineMetricsFixtureTests"/>.</summary>
public class EngineLoadReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

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
