using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>What differs between engines on the wire: request fields, health and metrics paths, metric names. Pure data.</summary>
/// <remarks>Get the built-in profile of an engine with <see cref="For"/>; docs/engines.md explains each choice.</remarks>
public sealed class EngineProfile
{
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
        MetricSets = EngineMetricSets.Vllm,
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
        MetricSets = EngineMetricSets.Sglang,
        MetricsOffHint = "start SGLang with --enable-metrics",
        UnavailableBeforeReadyMeansLoading = true,
    };

    private static readonly EngineProfile Tgi = new()
    {
        Engine = EngineKind.Tgi,
        ProviderName = "tgi",
        DefaultPort = 3000,
        MaxOutputTokensField = MaxOutputTokensField.MaxTokens,
        SupportsStreamOptions = true,
        SupportsTopK = false,
        HealthPath = "/health",
        MetricsPath = "/metrics",
        MetricSets = EngineMetricSets.Tgi,
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
        MetricSets = EngineMetricSets.LlamaCpp,
        SlotsPath = "/slots",
        MetricsOffHint = "start llama-server with --metrics",
    };

    private static readonly EngineProfile Ollama = new()
    {
        Engine = EngineKind.Ollama,
        ProviderName = "ollama",
        DefaultPort = 11434,
        MaxOutputTokensField = MaxOutputTokensField.MaxTokens,
        SupportsStreamOptions = true,
        SupportsTopK = false,
        HealthPath = "/",
        MetricsPath = null,
        MetricSets = [],
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
        MetricSets = EngineMetricSets.TensorRtLlm,
        MetricsOffHint = "set return_perf_metrics: true (and enable_iter_perf_stats: true for the queue gauges) in the trtllm-serve LLM API options",
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
        MetricSets = [],
    };

    private EngineProfile()
    {
    }

    /// <summary>Gets the engine this profile describes.</summary>
    public EngineKind Engine { get; private init; }

    /// <summary>Gets the name reported as <c>ChatClientMetadata.ProviderName</c> (OpenTelemetry <c>gen_ai.provider.name</c>), e.g. <c>"vllm"</c>, <c>"llama.cpp"</c>.</summary>
    public string ProviderName { get; private init; } = string.Empty;

    /// <summary>Gets the port the engine listens on by default (TGI: 3000 for <c>text-generation-launcher</c>; its Docker image sets <c>PORT=80</c>).</summary>
    public int DefaultPort { get; private init; }

    /// <summary>Gets the request field that carries the output cap so that the engine honours it.</summary>
    public MaxOutputTokensField MaxOutputTokensField { get; private init; }

    /// <summary>Gets a value indicating whether the engine accepts <c>stream_options</c> (usage in the last streamed chunk).</summary>
    public bool SupportsStreamOptions { get; private init; }

    /// <summary>Gets a value indicating whether <c>ChatOptions.TopK</c> is sent as <c>top_k</c>; <see langword="false"/> where the chat route drops it (TGI, Ollama <c>/v1</c>, hosted APIs).</summary>
    public bool SupportsTopK { get; private init; }

    /// <summary>Gets the health path relative to the server root, or <see langword="null"/> when the target has none.</summary>
    public string? HealthPath { get; private init; }

    /// <summary>Gets the Prometheus metrics path relative to the server root, or <see langword="null"/> when the engine exposes none.</summary>
    public string? MetricsPath { get; private init; }

    /// <summary>Gets the path of the per-slot state (llama.cpp <c>/slots</c>), read to derive KV-cache occupancy when the metrics carry no KV gauge; <see langword="null"/> when the engine has none.</summary>
    public string? SlotsPath { get; private init; }

    /// <summary>Gets what to change when the metrics route is turned off (llama.cpp answers 501 <c>not_supported_error</c>), or <see langword="null"/>.</summary>
    public string? MetricsOffHint { get; private init; }

    /// <summary>Gets a value indicating whether a 503 from the health route before the first healthy answer means the engine is warming up (SGLang answers a bare 503 until its warm-up request has run).</summary>
    public bool UnavailableBeforeReadyMeansLoading { get; private init; }

    /// <summary>
    /// Gets the metric sets of the engine's known versions, in order of preference; the reader uses the first whose
    /// <see cref="EngineMetricSet.DetectedBy"/> names appear on the page (see docs/engines.md). Empty when the engine
    /// exposes no Prometheus metrics.
    /// </summary>
    public IReadOnlyList<EngineMetricSet> MetricSets { get; private init; } = [];

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
