namespace Inference.Sdk.Tests.Engines;

/// <summary>Prometheus text as each engine writes it (names and shapes from provider_api_facts.md §5).</summary>
internal static class MetricsSamples
{
    public const string Vllm = """
        # HELP vllm:num_requests_running Number of requests in model execution batches.
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{engine="0",model_name="Qwen/Qwen3-8B"} 3.0
        vllm:num_requests_running{engine="1",model_name="Qwen/Qwen3-8B"} 2.0
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{engine="0",model_name="Qwen/Qwen3-8B"} 4.0
        vllm:num_requests_waiting{engine="1",model_name="Qwen/Qwen3-8B"} 1.0
        # TYPE vllm:kv_cache_usage_perc gauge
        vllm:kv_cache_usage_perc{engine="0",model_name="Qwen/Qwen3-8B"} 0.5
        vllm:kv_cache_usage_perc{engine="1",model_name="Qwen/Qwen3-8B"} 0.7
        # TYPE vllm:time_to_first_token_seconds histogram
        vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="Qwen/Qwen3-8B"} 2.0
        vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="Qwen/Qwen3-8B"} 4.0
        vllm:time_to_first_token_seconds_count{engine="0",model_name="Qwen/Qwen3-8B"} 4.0
        vllm:time_to_first_token_seconds_sum{engine="0",model_name="Qwen/Qwen3-8B"} 1.0
        # TYPE vllm:inter_token_latency_seconds histogram
        vllm:inter_token_latency_seconds_count{engine="0",model_name="Qwen/Qwen3-8B"} 100.0
        vllm:inter_token_latency_seconds_sum{engine="0",model_name="Qwen/Qwen3-8B"} 2.0
        # TYPE vllm:prompt_tokens_total counter
        vllm:prompt_tokens_total{engine="0",model_name="Qwen/Qwen3-8B"} 12345.0
        """;

    public const string VllmOld = """
        vllm:num_requests_running{model_name="m"} 1
        vllm:num_requests_waiting{model_name="m"} 0
        vllm:gpu_cache_usage_perc{model_name="m"} 0.25
        vllm:time_per_output_token_seconds_sum{model_name="m"} 3
        vllm:time_per_output_token_seconds_count{model_name="m"} 60
        """;

    public const string Sglang = """
        # HELP sglang:num_running_reqs The number of running requests.
        # TYPE sglang:num_running_reqs gauge
        sglang:num_running_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct"} 7.0
        sglang:num_queue_reqs{model_name="meta-llama/Llama-3.1-8B-Instruct"} 2.0
        sglang:token_usage{model_name="meta-llama/Llama-3.1-8B-Instruct"} 0.28
        sglang:time_to_first_token_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 12.0
        sglang:time_to_first_token_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 48.0
        sglang:inter_token_latency_seconds_sum{model_name="meta-llama/Llama-3.1-8B-Instruct"} 5.0
        sglang:inter_token_latency_seconds_count{model_name="meta-llama/Llama-3.1-8B-Instruct"} 250.0
        """;

    public const string Tgi = """
        # TYPE tgi_queue_size gauge
        tgi_queue_size 6
        # TYPE tgi_batch_current_size gauge
        tgi_batch_current_size 3
        # TYPE tgi_request_mean_time_per_token_duration histogram
        tgi_request_mean_time_per_token_duration_bucket{le="0.01"} 10
        tgi_request_mean_time_per_token_duration_sum 0.4
        tgi_request_mean_time_per_token_duration_count 20
        """;

    public const string LlamaCpp = """
        # HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
        # TYPE llamacpp:prompt_tokens_total counter
        llamacpp:prompt_tokens_total 84
        # HELP llamacpp:requests_processing Number of requests processing.
        # TYPE llamacpp:requests_processing gauge
        llamacpp:requests_processing 2
        # HELP llamacpp:requests_deferred Number of requests deferred.
        # TYPE llamacpp:requests_deferred gauge
        llamacpp:requests_deferred 1
        """;

    public const string TensorRtLlm = """
        trtllm_num_requests_waiting{model_name="m",engine_type="trtllm"} 0
        trtllm_num_requests_running{model_name="m",engine_type="trtllm"} 9
        trtllm_kv_cache_utilization{model_name="m",engine_type="trtllm"} 0.9
        trtllm_time_to_first_token_seconds_sum{model_name="m",engine_type="trtllm"} 2
        trtllm_time_to_first_token_seconds_count{model_name="m",engine_type="trtllm"} 10
        trtllm_time_per_output_token_seconds_sum{model_name="m",engine_type="trtllm"} 1
        trtllm_time_per_output_token_seconds_count{model_name="m",engine_type="trtllm"} 50
        """;
}
