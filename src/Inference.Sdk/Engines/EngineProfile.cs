using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>What differs between engines on the wire: request fields, health and metrics paths, metric names. Pure data.</summary>
/// <remarks>Get the built-in profile of an engine with <see cref="For"/>; docs/engines.md explains each choice.</remarks>
public sealed class EngineProfile
{
    private static readonly string[] None = [];

    private static readonly EngineProfile Vllm = new()
    {
        Engine = EngineKind.Vllm,
        ProviderName = "vllm",
        DefaultPort = 8000,
        MaxOutputTokensField = MaxOutputTokensField.MaxCompletionTokens,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/health",
        MetricsPath = "/metrics",
        QueuedMetrics = ["vllm:num_requests_waiting"],
        RunningMetrics = ["vllm:num_requests_running"],
        KvCacheUsageMetrics = ["vllm:kv_cache_usage_perc", "vllm:gpu_cache_usage_perc"],
        TimeToFirstTokenMetrics = ["vllm:time_to_first_token_seconds"],
        InterTokenLatencyMetrics = ["vllm:inter_token_latency_seconds", "vllm:time_per_output_token_seconds"],
    };

    private static readonly EngineProfile Sglang = new()
    {
        Engine = EngineKind.Sglang,
        ProviderName = "sglang",
        DefaultPort = 30000,
        MaxOutputTokensField = MaxOutputTokensField.Both,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/health",
        MetricsPath = "/metrics",
        QueuedMetrics = ["sglang:num_queue_reqs"],
        RunningMetrics = ["sglang:num_running_reqs"],
        KvCacheUsageMetrics = ["sglang:token_usage"],
        TimeToFirstTokenMetrics = ["sglang:time_to_first_token_seconds"],
        InterTokenLatencyMetrics = ["sglang:inter_token_latency_seconds", "sglang:time_per_output_token_seconds"],
    };

    private static readonly EngineProfile Tgi = new()
    {
        Engine = EngineKind.Tgi,
        ProviderName = "tgi",
        DefaultPort = 80,
        MaxOutputTokensField = MaxOutputTokensField.MaxTokens,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/health",
        MetricsPath = "/metrics",
        QueuedMetrics = ["tgi_queue_size"],
        RunningMetrics = ["tgi_batch_current_size"],
        KvCacheUsageMetrics = None,
        TimeToFirstTokenMetrics = None,
        InterTokenLatencyMetrics = ["tgi_request_mean_time_per_token_duration"],
    };

    private static readonly EngineProfile LlamaCpp = new()
    {
        Engine = EngineKind.LlamaCpp,
        ProviderName = "llama.cpp",
        DefaultPort = 8080,
        MaxOutputTokensField = MaxOutputTokensField.Both,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/health",
        MetricsPath = "/metrics",
        QueuedMetrics = ["llamacpp:requests_deferred"],
        RunningMetrics = ["llamacpp:requests_processing"],
        KvCacheUsageMetrics = ["llamacpp:kv_cache_usage_ratio"],
        TimeToFirstTokenMetrics = None,
        InterTokenLatencyMetrics = None,
    };

    private static readonly EngineProfile Ollama = new()
    {
        Engine = EngineKind.Ollama,
        ProviderName = "ollama",
        DefaultPort = 11434,
        MaxOutputTokensField = MaxOutputTokensField.Both,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/",
        MetricsPath = null,
        QueuedMetrics = None,
        RunningMetrics = None,
        KvCacheUsageMetrics = None,
        TimeToFirstTokenMetrics = None,
        InterTokenLatencyMetrics = None,
    };

    private static readonly EngineProfile TensorRtLlm = new()
    {
        Engine = EngineKind.TensorRtLlm,
        ProviderName = "tensorrt-llm",
        DefaultPort = 8000,
        MaxOutputTokensField = MaxOutputTokensField.MaxTokens,
        SupportsStreamOptions = true,
        SupportsTopK = true,
        HealthPath = "/health",
        MetricsPath = "/prometheus/metrics",
        QueuedMetrics = ["trtllm_num_requests_waiting"],
        RunningMetrics = ["trtllm_num_requests_running"],
        KvCacheUsageMetrics = ["trtllm_kv_cache_utilization"],
        TimeToFirstTokenMetrics = ["trtllm_time_to_first_token_seconds"],
        InterTokenLatencyMetrics = ["trtllm_time_per_output_token_seconds"],
    };

    private static readonly EngineProfile OpenAICompatible = new()
    {
        Engine = EngineKind.OpenAICompatible,
        ProviderName = "openai-compatible",
        DefaultPort = 443,
        MaxOutputTokensField = MaxOutputTokensField.MaxCompletionTokens,
        SupportsStreamOptions = true,
        SupportsTopK = false,
        HealthPath = null,
        MetricsPath = null,
        QueuedMetrics = None,
        RunningMetrics = None,
        KvCacheUsageMetrics = None,
        TimeToFirstTokenMetrics = None,
        InterTokenLatencyMetrics = None,
    };

    private EngineProfile()
    {
    }

    /// <summary>Gets the engine this profile describes.</summary>
    public EngineKind Engine { get; private init; }

    /// <summary>Gets the name reported as <c>ChatClientMetadata.ProviderName</c> (OpenTelemetry <c>gen_ai.provider.name</c>), e.g. <c>"vllm"</c>, <c>"llama.cpp"</c>.</summary>
    public string ProviderName { get; private init; } = string.Empty;

    /// <summary>Gets the port the engine listens on by default.</summary>
    public int DefaultPort { get; private init; }

    /// <summary>Gets the request field that carries the output cap so that the engine honours it.</summary>
    public MaxOutputTokensField MaxOutputTokensField { get; private init; }

    /// <summary>Gets a value indicating whether the engine accepts <c>stream_options</c> (usage in the last streamed chunk).</summary>
    public bool SupportsStreamOptions { get; private init; }

    /// <summary>Gets a value indicating whether <c>ChatOptions.TopK</c> is sent as <c>top_k</c>.</summary>
    public bool SupportsTopK { get; private init; }

    /// <summary>Gets the health path relative to the server root, or <see langword="null"/> when the target has none.</summary>
    public string? HealthPath { get; private init; }

    /// <summary>Gets the Prometheus metrics path relative to the server root, or <see langword="null"/> when the engine exposes none.</summary>
    public string? MetricsPath { get; private init; }

    /// <summary>Gets the gauges that count queued requests, in order of preference.</summary>
    public IReadOnlyList<string> QueuedMetrics { get; private init; } = None;

    /// <summary>Gets the gauges that count running requests, in order of preference.</summary>
    public IReadOnlyList<string> RunningMetrics { get; private init; } = None;

    /// <summary>Gets the gauges of KV-cache occupancy in [0, 1], in order of preference.</summary>
    public IReadOnlyList<string> KvCacheUsageMetrics { get; private init; } = None;

    /// <summary>Gets the histograms (in seconds) of time to first token, in order of preference.</summary>
    public IReadOnlyList<string> TimeToFirstTokenMetrics { get; private init; } = None;

    /// <summary>Gets the histograms (in seconds) of inter-token latency, in order of preference.</summary>
    public IReadOnlyList<string> InterTokenLatencyMetrics { get; private init; } = None;

    /// <summary>Gets the built-in profile of <paramref name="engine"/>.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="engine"/> is not a defined <see cref="EngineKind"/>.</exception>
    public static EngineProfile For(EngineKind engine) => engine switch
    {
        EngineKind.Vllm => Vllm,
        EngineKind.Sglang => Sglang,
        EngineKind.Tgi => Tgi,
        EngineKind.LlamaCpp => LlamaCpp,
        EngineKind.Ollama => Ollama,
        EngineKind.TensorRtLlm => TensorRtLlm,
        EngineKind.OpenAICompatible => OpenAICompatible,
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
    };

    /// <inheritdoc/>
    public override string ToString() => ProviderName;
}
