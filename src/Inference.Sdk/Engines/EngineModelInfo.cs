using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>
/// What an engine says about the model it serves (<see cref="EngineProbe.DescribeModelAsync"/>): above all the context one request
/// may fill, which can be smaller than the model's window (llama.cpp caps each slot at the trained context and divides
/// <c>-c</c> among its slots; vLLM serves <c>--max-model-len</c>), and the architecture numbers the engine reports.
/// </summary>
public sealed record EngineModelInfo
{
    /// <summary>Gets the routes the description was read from, e.g. <c>GET /props</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Gets the name or path the engine serves the model under.</summary>
    public string? ServedModel { get; init; }

    /// <summary>Gets the tokens one request may hold (prompt plus output) as the engine serves it; <see langword="null"/> when the engine does not say.</summary>
    public int? ContextTokens { get; init; }

    /// <summary>Gets the context the model was trained for, when the engine reports it apart from what it serves.</summary>
    public int? TrainedContextTokens { get; init; }

    /// <summary>Gets the model's parameter count.</summary>
    public long? ParameterCount { get; init; }

    /// <summary>Gets the number of transformer layers (blocks).</summary>
    public int? Layers { get; init; }

    /// <summary>Gets the number of attention (query) heads.</summary>
    public int? AttentionHeads { get; init; }

    /// <summary>Gets the number of key/value heads (fewer than <see cref="AttentionHeads"/> under grouped-query attention).</summary>
    public int? KvHeads { get; init; }

    /// <summary>Gets the dimension of one attention head.</summary>
    public int? HeadDim { get; init; }

    /// <summary>Gets the hidden (embedding) size.</summary>
    public int? HiddenSize { get; init; }

    /// <summary>Gets the architecture the engine names, e.g. <c>llama</c> or <c>Qwen2ForCausalLM</c>.</summary>
    public string? Architecture { get; init; }

    /// <summary>Gets the capabilities the engine says it serves, of those it reported on (<see cref="ReportedCapabilities"/>).</summary>
    public ModelCapabilities Capabilities { get; init; }

    /// <summary>
    /// Gets the capabilities the engine said anything about: llama.cpp <c>/props</c> reports vision (<c>modalities.vision</c>: the
    /// server has the model's image encoder) and a chat template that cannot render tool calls; Ollama <c>/api/show</c> reports
    /// tools, vision and thinking (<c>capabilities</c>). <see cref="ModelCapabilities.None"/> when it said nothing.
    /// </summary>
    public ModelCapabilities ReportedCapabilities { get; init; }
}
