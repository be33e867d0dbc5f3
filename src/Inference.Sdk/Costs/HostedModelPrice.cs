using System;

namespace Inference.Sdk.Costs;

/// <summary>
/// The list prices of one hosted model, in USD per million tokens, with its limits and abilities, as a
/// <see cref="HostedPriceTable"/> holds them (LiteLLM's <c>model_prices_and_context_window.json</c> schema).
/// </summary>
/// <param name="Key">The table key, e.g. "gpt-4o", "azure/gpt-4o", "groq/llama-3.3-70b-versatile".</param>
/// <param name="Provider">The table's provider name (LiteLLM's <c>litellm_provider</c>), e.g. "openai", "azure", "groq".</param>
/// <param name="InputUsdPerMillionTokens">Input tokens.</param>
/// <param name="OutputUsdPerMillionTokens">Output tokens.</param>
public sealed record HostedModelPrice(string Key, string Provider, decimal InputUsdPerMillionTokens, decimal OutputUsdPerMillionTokens)
{
    /// <summary>Gets the cached (cache-read) input price, when the provider lists one.</summary>
    public decimal? CachedInputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the cache-write price (Anthropic's cache creation), when the provider lists one.</summary>
    public decimal? CacheWriteUsdPerMillionTokens { get; init; }

    /// <summary>Gets the reasoning-token price, when it differs from the output price.</summary>
    public decimal? ReasoningUsdPerMillionTokens { get; init; }

    /// <summary>Gets the batch-API input price, when there is a batch tier.</summary>
    public decimal? BatchInputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the batch-API output price, when there is a batch tier.</summary>
    public decimal? BatchOutputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the flex-tier input price, when there is a flex tier.</summary>
    public decimal? FlexInputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the flex-tier output price, when there is a flex tier.</summary>
    public decimal? FlexOutputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the flex-tier cached input price, when listed.</summary>
    public decimal? FlexCachedInputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the priority-tier input price, when there is a priority tier.</summary>
    public decimal? PriorityInputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the priority-tier output price, when there is a priority tier.</summary>
    public decimal? PriorityOutputUsdPerMillionTokens { get; init; }

    /// <summary>Gets the longest prompt the API takes, in tokens, when listed.</summary>
    public int? MaxInputTokens { get; init; }

    /// <summary>Gets the longest answer the API gives, in tokens, when listed.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets a value indicating whether the model calls tools.</summary>
    public bool SupportsTools { get; init; }

    /// <summary>Gets a value indicating whether the model takes images.</summary>
    public bool SupportsVision { get; init; }

    /// <summary>Gets a value indicating whether the tier exists for this model.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns><see langword="true"/> for <see cref="PriceTier.Standard"/> and for a tier with both its prices listed.</returns>
    public bool Has(PriceTier tier) => tier switch
    {
        PriceTier.Standard => true,
        PriceTier.Batch => BatchInputUsdPerMillionTokens is not null && BatchOutputUsdPerMillionTokens is not null,
        PriceTier.Flex => FlexInputUsdPerMillionTokens is not null && FlexOutputUsdPerMillionTokens is not null,
        PriceTier.Priority => PriorityInputUsdPerMillionTokens is not null && PriorityOutputUsdPerMillionTokens is not null,
        _ => false,
    };

    /// <summary>The meter's pricing model for requests at <paramref name="tier"/>.</summary>
    /// <param name="tier">The tier; its prices must be listed (<see cref="Has"/>).</param>
    /// <param name="source">Where the table came from (recorded with each cost).</param>
    /// <param name="asOf">The table's date.</param>
    /// <returns>The per-token pricing.</returns>
    /// <exception cref="ArgumentException">The tier has no prices for this model.</exception>
    public PerTokenPricing ToPricing(PriceTier tier, string source, DateOnly asOf)
    {
        if (!Has(tier))
        {
            throw new ArgumentException($"'{Key}' has no {tier} prices in the table.", nameof(tier));
        }

        return tier switch
        {
            PriceTier.Batch => new PerTokenPricing(BatchInputUsdPerMillionTokens!.Value, BatchOutputUsdPerMillionTokens!.Value, source, asOf),
            PriceTier.Flex => new PerTokenPricing(FlexInputUsdPerMillionTokens!.Value, FlexOutputUsdPerMillionTokens!.Value, source, asOf, FlexCachedInputUsdPerMillionTokens),
            PriceTier.Priority => new PerTokenPricing(PriorityInputUsdPerMillionTokens!.Value, PriorityOutputUsdPerMillionTokens!.Value, source, asOf),
            _ => new PerTokenPricing(InputUsdPerMillionTokens, OutputUsdPerMillionTokens, source, asOf, CachedInputUsdPerMillionTokens, ReasoningUsdPerMillionTokens),
        };
    }
}
