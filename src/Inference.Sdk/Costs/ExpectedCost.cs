using System;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;

namespace Inference.Sdk.Costs;

/// <summary>
/// What a request is expected to cost on one target before it is sent: a pure function of its token counts and, for
/// capacity billed by the hour, the newest hourly price. Per token as priced; by the hour, the seeds' effective price per
/// token (<see cref="CostMath.EffectiveUsdPerMillionTokens"/>) at the target's throughput, with the live price when a
/// provider reported one, else the fallback (configured, else the dated Knowledge offer), else zero until one arrives.
/// </summary>
internal sealed class ExpectedCost
{
    private readonly PerTokenPricing? _perToken;
    private readonly double _tokensPerSecond;
    private readonly ProviderPrice? _fallback;

    private ExpectedCost(PerTokenPricing? perToken, double tokensPerSecond, ProviderPrice? fallback)
    {
        _perToken = perToken;
        _tokensPerSecond = tokensPerSecond;
        _fallback = fallback;
    }

    /// <summary>A target billed per token.</summary>
    /// <param name="pricing">Its prices.</param>
    /// <returns>The expected cost.</returns>
    public static ExpectedCost ByToken(PerTokenPricing pricing) => new(pricing ?? throw new ArgumentNullException(nameof(pricing)), 0, null);

    /// <summary>A target billed by the hour.</summary>
    /// <param name="tokensPerSecond">Its throughput.</param>
    /// <param name="fallback">The hourly price of the whole target when no live price is known, if any.</param>
    /// <returns>The expected cost.</returns>
    public static ExpectedCost ByHour(double tokensPerSecond, ProviderPrice? fallback) =>
        tokensPerSecond > 0 ? new(null, tokensPerSecond, fallback) : throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond, "The throughput must be positive.");

    /// <summary>The expected USD of a request of <paramref name="inputTokens"/> + <paramref name="outputTokens"/> on capacity of <paramref name="usdPerHour"/> serving <paramref name="tokensPerSecond"/>.</summary>
    /// <param name="usdPerHour">The hourly price of the whole target.</param>
    /// <param name="tokensPerSecond">Its throughput.</param>
    /// <param name="inputTokens">The prompt tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <returns>The USD.</returns>
    public static decimal PerRequest(decimal usdPerHour, double tokensPerSecond, int inputTokens, int outputTokens)
        => ((long)inputTokens + outputTokens) * CostMath.EffectiveUsdPerMillionTokens(usdPerHour, tokensPerSecond) / 1_000_000m;

    /// <summary>The expected USD of a request.</summary>
    /// <param name="inputTokens">The prompt tokens.</param>
    /// <param name="outputTokens">The output tokens.</param>
    /// <param name="live">The target's live hourly price, when a provider reported one.</param>
    /// <returns>The USD.</returns>
    public decimal Of(int inputTokens, int outputTokens, ProviderPrice? live) =>
        _perToken is { } perToken ? perToken.ComputeUsd(new MeteredUsage(inputTokens, outputTokens)) // to the nano-dollar, in integers for whole nano-dollar prices
        : (live ?? _fallback) is { } price ? PerRequest(price.UsdPerHour, _tokensPerSecond, inputTokens, outputTokens)
        : 0m;
}
