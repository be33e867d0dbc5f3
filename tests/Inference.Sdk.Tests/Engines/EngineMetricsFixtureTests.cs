using System;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Testing;

namespace Inference.Sdk.Tests.Engines;

/// <summary>Every engine metrics page under tests/Fixtures read by <see cref="EngineLoadReader"/>: the metric set of the version it shows and the load.</summary>
public class EngineMetricsFixtureTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<EngineKind, string, string, int, int, double?, double?, double?> Pages => new()
    {
        // engine, fixture, metric set (prefix), queued, running, kv, ttft (s), itl (s)
        { EngineKind.Vllm, "vllm/metrics-design-doc.prom", "vllm ≥ 0.9", 0, 8, null, null, null },
        { EngineKind.Vllm, "vllm/metrics-v1-waiting-by-reason.prom", "vllm ≥ 0.9", 3, 2, 0.4567, 0.25, 0.02 },
        { EngineKind.Vllm, "vllm/metrics-v0.prom", "vllm < 0.9", 2, 4, 0.25, null, 0.05 },
        { EngineKind.Sglang, "sglang/metrics-docs.prom", "sglang (older", 2826, 162, 0.28, 213.65352, 0.117145 },
        { EngineKind.Sglang, "sglang/metrics-priority.prom", "sglang (inter_token", 4, 3, 0.5, 0.2, 0.02 },
        { EngineKind.Tgi, "tgi/metrics.prom", "tgi", 5, 3, null, null, 0.05 },
        { EngineKind.Tgi, "tgi/metrics-before-first-request.prom", "tgi", 0, 0, null, null, null },
        { EngineKind.LlamaCpp, "llamacpp/metrics.prom", "llama.cpp (no KV gauge", 1, 2, null, null, null },
        { EngineKind.LlamaCpp, "llamacpp/metrics-kv-gauge.prom", "llama.cpp (older builds", 0, 1, 0.25, null, null },
        { EngineKind.TensorRtLlm, "trtllm/metrics-iteration-stats.prom", "tensorrt-llm (iteration stats: trtllm_num_requests", 0, 9, 0.9, 0.2, 0.02 },
        { EngineKind.TensorRtLlm, "trtllm/metrics-queue-length.prom", "tensorrt-llm (iteration stats: trtllm_server_queue_length", 6, 8, 0.75, 0.2, 0.02 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void Each_upstream_page_is_read_with_the_metric_set_of_its_version(
        EngineKind engine, string fixture, string metricSet, int queued, int running, double? kv, double? ttft, double? itl)
    {
        EngineMetricsReading reading = EngineLoadReader.ReadMetrics(EngineProfile.For(engine), PrometheusText.Parse(Fixtures.Text(fixture)), At);

        EngineLoad load = Assert.IsType<EngineLoad>(reading.Load);
        Assert.StartsWith(metricSet, reading.Set!.Name, StringComparison.Ordinal);
        Assert.Equal(reading.Set.Name, load.MetricSet);
        Assert.Equal(queued, load.Queued);
        Assert.Equal(running, load.Running);
        Assert.Equal(kv, load.KvCacheUsage is double k ? Math.Round(k, 6) : null);
        Assert.Equal(ttft, load.TimeToFirstToken?.TotalSeconds is double t ? Math.Round(t, 6) : null);
        Assert.Equal(itl, load.InterTokenLatency?.TotalSeconds is double i ? Math.Round(i, 6) : null);
    }

    [Fact]
    public void Vllm_waiting_by_reason_is_never_added_into_the_queue()
    {
        EngineLoad? load = EngineLoadReader.Read(EngineProfile.For(EngineKind.Vllm), PrometheusText.Parse(Fixtures.Text("vllm/metrics-v1-waiting-by-reason.prom")), At);

        // num_requests_waiting is 3; its breakdown by reason (2 capacity + 1 deferred) repeats the same requests.
        Assert.Equal(3, load!.Queued);
        Assert.Contains("vllm:num_requests_waiting_by_reason", EngineProfile.For(EngineKind.Vllm).MetricSets[0].Breakdowns);
    }

    [Fact]
    public void Vllm_v1_pages_are_not_read_with_the_removed_gpu_cache_gauge()
    {
        // A V1 page carries kv_cache_usage_perc only; a page written by 0.9-0.10 carries both, with one value.
        const string both = """
            vllm:num_requests_waiting{engine="0",model_name="m"} 0.0
            vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.4
            vllm:gpu_cache_usage_perc{engine="0",model_name="m"} 0.9
            """;

        EngineLoad? load = EngineLoadReader.Read(EngineProfile.For(EngineKind.Vllm), PrometheusText.Parse(both), At);

        Assert.Equal(0.4, load!.KvCacheUsage);
    }

    [Fact]
    public void Sglang_priority_series_are_not_counted_twice()
    {
        EngineLoad? load = EngineLoadReader.Read(EngineProfile.For(EngineKind.Sglang), PrometheusText.Parse(Fixtures.Text("sglang/metrics-priority.prom")), At);

        // The totals (priority="") are 4 queued and 3 running; summing every series would give 8 and 6.
        Assert.Equal(4, load!.Queued);
        Assert.Equal(3, load.Running);
    }

    [Fact]
    public void Tgi_before_its_first_request_is_idle_not_unknown()
    {
        EngineMetricsReading reading = EngineLoadReader.ReadMetrics(EngineProfile.For(EngineKind.Tgi), PrometheusText.Parse(Fixtures.Text("tgi/metrics-before-first-request.prom")), At);

        Assert.Equal(new EngineLoad(0, 0, null, null, null, At) { MetricSet = "tgi" }, reading.Load);
    }

    [Fact]
    public void TensorRt_llm_1_0_has_no_queue_gauges_so_the_page_is_recognised_but_gives_no_load()
    {
        EngineMetricsReading reading = EngineLoadReader.ReadMetrics(EngineProfile.For(EngineKind.TensorRtLlm), PrometheusText.Parse(Fixtures.Text("trtllm/metrics-1.0.prom")), At);

        Assert.StartsWith("tensorrt-llm 1.0", reading.Set!.Name, StringComparison.Ordinal);
        Assert.Null(reading.Load);
    }

    [Fact]
    public void A_page_of_another_engine_gives_no_load()
    {
        Assert.Null(EngineLoadReader.Read(EngineProfile.For(EngineKind.LlamaCpp), PrometheusText.Parse(Fixtures.Text("vllm/metrics-v0.prom")), At));
        Assert.Null(EngineLoadReader.Read(EngineProfile.For(EngineKind.Vllm), PrometheusText.Parse(Fixtures.Text("sglang/metrics-docs.prom")), At));
    }

    public static TheoryData<string, double?> Slots => new()
    {
        // The README example: two slots of 65536; slot 1 is processing with 136 decoded tokens and no n_prompt_tokens.
        { "llamacpp/slots.json", 136.0 / (2 * 65536) },

        // The shape the server code of the same commit writes: next_token an array, n_prompt_tokens present; 100 + 28 of 2 x 256.
        { "llamacpp/slots-server-code.json", 128.0 / 512 },

        // Slots turned off: the 501 error body is not a list of slots.
        { "llamacpp/metrics-disabled.json", null },
    };

    [Theory]
    [MemberData(nameof(Slots))]
    public void Llama_cpp_occupancy_is_derived_from_the_slots(string fixture, double? expected)
    {
        Assert.Equal(expected, SlotOccupancy.Read(Fixtures.Json(fixture)));
    }
}
