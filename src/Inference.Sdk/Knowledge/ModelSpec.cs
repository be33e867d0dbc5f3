using System;
using System.Collections.Generic;
using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// Facts about one open-weight model: its size, its context window, how its attention stores the KV cache, what it can do
/// and where the numbers come from. The same record describes a catalog entry (<see cref="Models"/>) and a model a user
/// describes in configuration (<c>Inference:Models:{id}</c>).
/// </summary>
/// <remarks>
/// <para>The KV cache of one token of context is <see cref="MemoryEstimator.KvCacheBytesPerToken"/>: per attention layer
/// 2 × <see cref="KvHeads"/> × <see cref="HeadDim"/> elements (grouped-query attention) or <see cref="KvLoraRank"/> +
/// <see cref="RopeHeadDim"/> (multi-head latent attention), over the <see cref="AttentionLayers"/> that see the whole
/// context. <see cref="SlidingWindowLayers"/> hold at most <see cref="SlidingWindow"/> tokens; <see cref="RecurrentLayers"/>
/// (linear attention, Mamba2) hold a fixed state per sequence and nothing per token.</para>
/// <para>When the architecture numbers are <see langword="null"/> the KV cache cannot be sized and
/// <see cref="MemoryEstimator"/> says so rather than guess.</para>
/// </remarks>
public sealed record ModelSpec
{
    /// <summary>Creates a model with grouped-query attention over every layer (the common case); set the other properties for the rest.</summary>
    /// <param name="id">The Hugging Face id, e.g. "meta-llama/Llama-3.3-70B-Instruct" (also the model name vLLM serves).</param>
    /// <param name="displayName">The name people use for it.</param>
    /// <param name="family">The family, which picks the tokenizer.</param>
    /// <param name="totalParametersBillions">All parameters, in billions: what must sit in memory.</param>
    /// <param name="activeParametersBillions">Parameters used per token, in billions (smaller than the total for Mixture-of-Experts).</param>
    /// <param name="contextWindow">The longest context the model supports, in tokens.</param>
    /// <param name="layers">Transformer layers (blocks), when known.</param>
    /// <param name="kvHeads">Key/value heads per attention layer, when known.</param>
    /// <param name="headDim">Dimension of one attention head, when known.</param>
    /// <param name="source">Where the numbers come from.</param>
    public ModelSpec(
        string id,
        string displayName,
        ModelFamily family,
        double totalParametersBillions,
        double activeParametersBillions,
        int contextWindow,
        int? layers,
        int? kvHeads,
        int? headDim,
        string source)
    {
        Id = Guard.NotNullOrWhiteSpace(id, nameof(id));
        DisplayName = Guard.NotNullOrWhiteSpace(displayName, nameof(displayName));
        Family = family;
        TotalParametersBillions = Guard.Positive(totalParametersBillions, nameof(totalParametersBillions));
        ActiveParametersBillions = Guard.Positive(activeParametersBillions, nameof(activeParametersBillions));
        ContextWindow = Guard.Positive(contextWindow, nameof(contextWindow));
        Layers = layers;
        KvHeads = kvHeads;
        HeadDim = headDim;
        Source = Guard.NotNullOrWhiteSpace(source, nameof(source));
    }

    /// <summary>Gets the Hugging Face id (also the model name vLLM and SGLang serve by default).</summary>
    public string Id { get; }

    /// <summary>Gets the name people use for it.</summary>
    public string DisplayName { get; }

    /// <summary>Gets the family, which picks the tokenizer.</summary>
    public ModelFamily Family { get; }

    /// <summary>Gets all parameters, in billions: what must sit in memory.</summary>
    public double TotalParametersBillions { get; }

    /// <summary>Gets the parameters used per token, in billions (smaller than the total for Mixture-of-Experts).</summary>
    public double ActiveParametersBillions { get; }

    /// <summary>Gets the longest context the model supports, in tokens (its config's <c>max_position_embeddings</c> or the card's figure).</summary>
    public int ContextWindow { get; }

    /// <summary>Gets the transformer layers (blocks) of the model, when known (<c>num_hidden_layers</c>).</summary>
    public int? Layers { get; }

    /// <summary>Gets the key/value heads per grouped-query attention layer, when known (<c>num_key_value_heads</c>).</summary>
    public int? KvHeads { get; }

    /// <summary>Gets the dimension of one attention head, when known (<c>head_dim</c>).</summary>
    public int? HeadDim { get; }

    /// <summary>Gets where the numbers come from (a model card or config in a public repository, with its date).</summary>
    public string Source { get; }

    /// <summary>Gets how the attention layers store their KV cache; grouped-query attention by default.</summary>
    public AttentionKind Attention { get; init; }

    /// <summary>
    /// Gets or initializes the layers that keep a KV cache (full-context plus sliding-window ones); <see langword="null"/>
    /// means every one of the <see cref="Layers"/> except the <see cref="RecurrentLayers"/>.
    /// </summary>
    public int? AttentionLayers { get; init; }

    /// <summary>Gets or initializes how many of the <see cref="AttentionLayers"/> attend to a sliding window (or a local chunk) only.</summary>
    public int SlidingWindowLayers { get; init; }

    /// <summary>Gets or initializes the tokens a sliding-window layer keeps (<c>sliding_window</c>, Llama 4's <c>attention_chunk_size</c>).</summary>
    public int? SlidingWindow { get; init; }

    /// <summary>Gets or initializes the latent size of multi-head latent attention (<c>kv_lora_rank</c>).</summary>
    public int? KvLoraRank { get; init; }

    /// <summary>Gets or initializes the decoupled rotary key size of multi-head latent attention (<c>qk_rope_head_dim</c>).</summary>
    public int? RopeHeadDim { get; init; }

    /// <summary>Gets or initializes the kind of the fixed-state layers of a hybrid model.</summary>
    public RecurrentLayerKind RecurrentKind { get; init; }

    /// <summary>Gets or initializes how many layers are linear-attention or Mamba2 layers (no per-token KV cache).</summary>
    public int RecurrentLayers { get; init; }

    /// <summary>Gets or initializes the heads of a recurrent layer's state (<c>linear_num_value_heads</c>, <c>mamba_num_heads</c>).</summary>
    public int? RecurrentHeads { get; init; }

    /// <summary>Gets or initializes the first state dimension per head (<c>linear_key_head_dim</c>, Mamba2 <c>ssm_state_size</c>).</summary>
    public int? RecurrentKeyDim { get; init; }

    /// <summary>Gets or initializes the second state dimension per head (<c>linear_value_head_dim</c>, Mamba2 <c>mamba_head_dim</c>).</summary>
    public int? RecurrentValueDim { get; init; }

    /// <summary>Gets or initializes the format the published weights come in (BF16 for most; FP8 for DeepSeek V3 and Kimi K2; MXFP4 for gpt-oss).</summary>
    public Quantization NativeQuantization { get; init; } = Quantization.BF16;

    /// <summary>Gets or initializes a value indicating whether the model is trained to call tools (function calling).</summary>
    public bool SupportsTools { get; init; }

    /// <summary>Gets or initializes a value indicating whether the model takes images.</summary>
    public bool SupportsVision { get; init; }

    /// <summary>Gets or initializes other names of the model: Ollama tags, common GGUF file names, sibling checkpoints with the same architecture.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = Array.Empty<string>();

    /// <summary>Gets a value indicating whether the model is a Mixture-of-Experts (fewer active than total parameters).</summary>
    public bool IsMixtureOfExperts => ActiveParametersBillions < TotalParametersBillions;

    /// <summary>Gets the layers that keep a KV cache: <see cref="AttentionLayers"/>, else the layers less the recurrent ones.</summary>
    public int? KvCacheLayers => AttentionLayers ?? (Layers is int layers ? layers - RecurrentLayers : null);

    /// <summary>Gets a value indicating whether the KV-cache size can be computed from the architecture numbers.</summary>
    public bool CanSizeKvCache => KvCacheLayers is not null && KvElementsPerLayer is not null && (RecurrentLayers == 0 || RecurrentStateElementsPerLayer is not null);

    /// <summary>Gets the KV-cache elements one token costs in one attention layer, when known.</summary>
    internal long? KvElementsPerLayer => Attention == AttentionKind.MultiHeadLatent
        ? (KvLoraRank is int rank && RopeHeadDim is int rope ? rank + rope : null)
        : (KvHeads is int heads && HeadDim is int dim ? 2L * heads * dim : null);

    /// <summary>Gets the state elements one recurrent layer keeps per sequence, when known.</summary>
    internal long? RecurrentStateElementsPerLayer
        => RecurrentHeads is int heads && RecurrentKeyDim is int key && RecurrentValueDim is int value ? (long)heads * key * value : null;

    /// <summary>
    /// Checks that the numbers describe a model the estimator can size: positive counts, the attention numbers its kind needs,
    /// layer counts that add up. Returns one line per problem, naming the property; empty when the description is whole.
    /// </summary>
    /// <returns>The problems found.</returns>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        if (ActiveParametersBillions > TotalParametersBillions)
        {
            problems.Add(Text("{0} ({1}) must not exceed {2} ({3}).", nameof(ActiveParametersBillions), ActiveParametersBillions, nameof(TotalParametersBillions), TotalParametersBillions));
        }

        NotBelow(problems, nameof(Layers), Layers, 1);
        NotBelow(problems, nameof(KvHeads), KvHeads, 1);
        NotBelow(problems, nameof(HeadDim), HeadDim, 1);
        NotBelow(problems, nameof(AttentionLayers), AttentionLayers, 1);
        NotBelow(problems, nameof(SlidingWindowLayers), SlidingWindowLayers, 0);
        NotBelow(problems, nameof(SlidingWindow), SlidingWindow, 1);
        NotBelow(problems, nameof(KvLoraRank), KvLoraRank, 1);
        NotBelow(problems, nameof(RopeHeadDim), RopeHeadDim, 0);
        NotBelow(problems, nameof(RecurrentLayers), RecurrentLayers, 0);
        NotBelow(problems, nameof(RecurrentHeads), RecurrentHeads, 1);
        NotBelow(problems, nameof(RecurrentKeyDim), RecurrentKeyDim, 1);
        NotBelow(problems, nameof(RecurrentValueDim), RecurrentValueDim, 1);

        if (Layers is null)
        {
            return problems; // architecture unknown: sized by weights only, which is allowed
        }

        if (Attention == AttentionKind.MultiHeadLatent && (KvLoraRank is null || RopeHeadDim is null))
        {
            problems.Add(Text("{0} is {1}: set {2} (kv_lora_rank) and {3} (qk_rope_head_dim).", nameof(Attention), Attention, nameof(KvLoraRank), nameof(RopeHeadDim)));
        }

        if (Attention == AttentionKind.GroupedQuery && (KvHeads is null || HeadDim is null))
        {
            problems.Add(Text("{0} is {1}: set {2} (num_key_value_heads) and {3} (head_dim, or hidden_size / num_attention_heads).", nameof(Attention), Attention, nameof(KvHeads), nameof(HeadDim)));
        }

        if (KvCacheLayers is int kvLayers && kvLayers + (AttentionLayers is null ? 0 : RecurrentLayers) > Layers)
        {
            problems.Add(Text("{0} ({1}) + {2} ({3}) exceed {4} ({5}).", nameof(AttentionLayers), kvLayers, nameof(RecurrentLayers), RecurrentLayers, nameof(Layers), Layers));
        }

        if (KvCacheLayers is int attention && SlidingWindowLayers > attention)
        {
            problems.Add(Text("{0} ({1}) exceed the attention layers ({2}).", nameof(SlidingWindowLayers), SlidingWindowLayers, attention));
        }

        if (SlidingWindowLayers > 0 && SlidingWindow is null)
        {
            problems.Add(Text("{0} is {1}: set {2} to the tokens a window holds.", nameof(SlidingWindowLayers), SlidingWindowLayers, nameof(SlidingWindow)));
        }

        if (RecurrentLayers > 0 && (RecurrentKind == RecurrentLayerKind.None || RecurrentStateElementsPerLayer is null))
        {
            problems.Add(Text("{0} is {1}: set {2} and {3}, {4} and {5} (the state of one layer).", nameof(RecurrentLayers), RecurrentLayers, nameof(RecurrentKind), nameof(RecurrentHeads), nameof(RecurrentKeyDim), nameof(RecurrentValueDim)));
        }

        return problems;
    }

    /// <summary>Returns the display name with its parameter counts.</summary>
    /// <returns>A short human description, e.g. "Qwen3-Coder-30B-A3B (30.5B total, 3.3B active)".</returns>
    public override string ToString()
        => IsMixtureOfExperts
            ? Text("{0} ({1:0.#}B total, {2:0.#}B active)", DisplayName, TotalParametersBillions, ActiveParametersBillions)
            : Text("{0} ({1:0.#}B)", DisplayName, TotalParametersBillions);

    private static void NotBelow(List<string> problems, string name, int? value, int minimum)
    {
        if (value < minimum)
        {
            problems.Add(Text("{0} is {1}; it must be at least {2}.", name, value, minimum));
        }
    }

    private static string Text(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
