using System.Collections.Generic;

namespace Inference.Sdk.Engines;

/// <summary>
/// The metric sets of each engine's releases, newest first. Each was checked against the upstream source or a captured
/// page; the fixtures under <c>tests/Fixtures/&lt;engine&gt;/</c> hold them and docs/engines.md tells which release wrote which.
/// </summary>
internal static class EngineMetricSets
{
    /// <summary>vLLM: the V1 engine (0.9+) writes <c>kv_cache_usage_perc</c> and <c>inter_token_latency_seconds</c>; V0 wrote <c>gpu_cache_usage_perc</c> and <c>time_per_output_token_seconds</c>.</summary>
    public static readonly IReadOnlyList<EngineMetricSet> Vllm =
    [
        new()
        {
            Name = "vllm ≥ 0.9 (V1 engine)",
            DetectedBy = ["vllm:kv_cache_usage_perc", "vllm:inter_token_latency_seconds_count", "vllm:num_requests_waiting_by_reason"],
            Queued = "vllm:num_requests_waiting",
            Running = "vllm:num_requests_running",
            KvCacheUsage = "vllm:kv_cache_usage_perc",
            TimeToFirstToken = "vllm:time_to_first_token_seconds",
            InterTokenLatency = "vllm:inter_token_latency_seconds",
            Breakdowns = ["vllm:num_requests_waiting_by_reason"],
        },
        new()
        {
            Name = "vllm < 0.9 (V0 engine)",
            DetectedBy = ["vllm:gpu_cache_usage_perc", "vllm:num_requests_swapped"],
            Queued = "vllm:num_requests_waiting",
            Running = "vllm:num_requests_running",
            KvCacheUsage = "vllm:gpu_cache_usage_perc",
            TimeToFirstToken = "vllm:time_to_first_token_seconds",
            InterTokenLatency = "vllm:time_per_output_token_seconds",
        },
    ];

    /// <summary>SGLang: current releases write <c>inter_token_latency_seconds</c>, older ones <c>time_per_output_token_seconds</c>; with priority scheduling the gauges carry a <c>priority</c> label whose empty value is the total.</summary>
    public static readonly IReadOnlyList<EngineMetricSet> Sglang =
    [
        new()
        {
            Name = "sglang (inter_token_latency_seconds)",
            DetectedBy = ["sglang:inter_token_latency_seconds_count"],
            Queued = "sglang:num_queue_reqs",
            Running = "sglang:num_running_reqs",
            KvCacheUsage = "sglang:token_usage",
            TimeToFirstToken = "sglang:time_to_first_token_seconds",
            InterTokenLatency = "sglang:inter_token_latency_seconds",
            TotalLabel = "priority",
        },
        new()
        {
            Name = "sglang (older: time_per_output_token_seconds)",
            DetectedBy = ["sglang:time_per_output_token_seconds_count"],
            Queued = "sglang:num_queue_reqs",
            Running = "sglang:num_running_reqs",
            KvCacheUsage = "sglang:token_usage",
            TimeToFirstToken = "sglang:time_to_first_token_seconds",
            InterTokenLatency = "sglang:time_per_output_token_seconds",
            TotalLabel = "priority",
        },
    ];

    /// <summary>TGI: no KV gauge and no TTFT histogram; the gauges appear only once the first request was queued.</summary>
    public static readonly IReadOnlyList<EngineMetricSet> Tgi =
    [
        new()
        {
            Name = "tgi",
            Queued = "tgi_queue_size",
            Running = "tgi_batch_current_size",
            InterTokenLatency = "tgi_request_mean_time_per_token_duration",
            AbsentGaugesMeanIdle = true,
        },
    ];

    /// <summary>llama.cpp: older builds wrote <c>kv_cache_usage_ratio</c>; current ones write no KV gauge (occupancy comes from <c>/slots</c>).</summary>
    public static readonly IReadOnlyList<EngineMetricSet> LlamaCpp =
    [
        new()
        {
            Name = "llama.cpp (older builds: kv_cache_usage_ratio)",
            DetectedBy = ["llamacpp:kv_cache_usage_ratio"],
            Queued = "llamacpp:requests_deferred",
            Running = "llamacpp:requests_processing",
            KvCacheUsage = "llamacpp:kv_cache_usage_ratio",
        },
        new()
        {
            Name = "llama.cpp (no KV gauge; occupancy from /slots)",
            Queued = "llamacpp:requests_deferred",
            Running = "llamacpp:requests_processing",
        },
    ];

    /// <summary>
    /// TensorRT-LLM: the current collector writes <c>trtllm_num_requests_waiting/running</c> (iteration statistics on);
    /// an earlier one <c>trtllm_server_queue_length</c> / <c>trtllm_num_active_requests</c>; the first (1.0 / 1.1rc)
    /// only five per-request metrics without prefix and no queue gauge at all.
    /// </summary>
    public static readonly IReadOnlyList<EngineMetricSet> TensorRtLlm =
    [
        new()
        {
            Name = "tensorrt-llm (iteration stats: trtllm_num_requests_*)",
            DetectedBy = ["trtllm_num_requests_waiting", "trtllm_num_requests_running"],
            Queued = "trtllm_num_requests_waiting",
            Running = "trtllm_num_requests_running",
            KvCacheUsage = "trtllm_kv_cache_utilization",
            TimeToFirstToken = "trtllm_time_to_first_token_seconds",
            InterTokenLatency = "trtllm_time_per_output_token_seconds",
        },
        new()
        {
            Name = "tensorrt-llm (iteration stats: trtllm_server_queue_length)",
            DetectedBy = ["trtllm_server_queue_length", "trtllm_num_active_requests"],
            Queued = "trtllm_server_queue_length",
            Running = "trtllm_num_active_requests",
            KvCacheUsage = "trtllm_kv_cache_utilization",
            TimeToFirstToken = "trtllm_time_to_first_token_seconds",
            InterTokenLatency = "trtllm_time_per_output_token_seconds",
        },
        new()
        {
            Name = "tensorrt-llm (trtllm_ per-request metrics only; no queue gauges)",
            DetectedBy = ["trtllm_time_to_first_token_seconds_count", "trtllm_request_success_total"],
            KvCacheUsage = "trtllm_kv_cache_utilization",
            TimeToFirstToken = "trtllm_time_to_first_token_seconds",
            InterTokenLatency = "trtllm_time_per_output_token_seconds",
        },
        new()
        {
            Name = "tensorrt-llm 1.0 / 1.1rc (no prefix; no queue gauges)",
            DetectedBy = ["time_to_first_token_seconds_count", "request_success_total"],
            TimeToFirstToken = "time_to_first_token_seconds",
            InterTokenLatency = "time_per_output_token_seconds",
        },
    ];
}
