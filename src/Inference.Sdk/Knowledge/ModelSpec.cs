using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// Facts about one open-weight model. The architecture numbers (<see cref="Layers"/>, <see cref="KvHeads"/>,
/// <see cref="HeadDim"/>) size a standard grouped-query-attention KV cache; they are <see langword="null"/> where the
/// model is not public or its attention is not standard (MLA, linear-attention or Mamba hybrids), and then
/// <see cref="MemoryEstimator"/> says it cannot size the KV cache.
/// </summary>
/// <param name="Id">The Hugging Face id, e.g. "meta-llama/Llama-3.3-70B-Instruct" (also the model name vLLM serves).</param>
/// <param name="DisplayName">The name people use for it.</param>
/// <param name="Family">The family, which picks the tokenizer.</param>
/// <param name="TotalParametersBillions">All parameters, in billions: what must sit in memory.</param>
/// <param name="ActiveParametersBillions">Parameters used per token, in billions (smaller than the total for Mixture-of-Experts).</param>
/// <param name="ContextWindow">The longest context the model supports, in tokens.</param>
/// <param name="Layers">Transformer layers that keep a KV cache, when known.</param>
/// <param name="KvHeads">Key/value heads per layer, when known.</param>
/// <param name="HeadDim">Dimension of one attention head, when known.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record ModelSpec(
    string Id,
    string DisplayName,
    ModelFamily Family,
    double TotalParametersBillions,
    double ActiveParametersBillions,
    int ContextWindow,
    int? Layers,
    int? KvHeads,
    int? HeadDim,
    string Source)
{
    /// <summary>Gets a value indicating whether the model is a Mixture-of-Experts (fewer active than total parameters).</summary>
    public bool IsMixtureOfExperts => ActiveParametersBillions < TotalParametersBillions;

    /// <summary>Gets a value indicating whether the KV-cache size can be computed from public architecture numbers.</summary>
    public bool CanSizeKvCache => Layers is not null && KvHeads is not null && HeadDim is not null;

    /// <summary>Returns the display name with its parameter counts.</summary>
    /// <returns>A short human description, e.g. "Qwen3-Coder-30B-A3B (30.5B total, 3.3B active)".</returns>
    public override string ToString()
        => IsMixtureOfExperts
            ? string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.#}B total, {2:0.#}B active)", DisplayName, TotalParametersBillions, ActiveParametersBillions)
            : string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.#}B)", DisplayName, TotalParametersBillions);
}
