using System;

namespace Inference.Sdk.Costs;

/// <summary>Per-token pricing of hosted APIs: input, output, cached input and reasoning tokens at their own prices.</summary>
/// <remarks>
/// Cached input tokens are part of the input count and reasoning tokens part of the output count (as OpenAI-compatible usage reports
/// them): they are billed at their own price instead of, not on top of, the input or output price. A missing cached or reasoning price
/// falls back to the input or output price.
/// </remarks>
public sealed class PerTokenPricing : PricingModel
{
    private const decimal PerMillion = 1_000_000m;
    private const long MaxTokensForIntegerMath = 1L << 30;
    private const long MaxNanosForIntegerMath = 1L << 31;

    private readonly (long Input, long Cached, long Output, long Reasoning)? _nanos;

    /// <summary>Initializes a new instance of the <see cref="PerTokenPricing"/> class.</summary>
    /// <param name="inputUsdPerMillionTokens">USD per million input tokens.</param>
    /// <param name="outputUsdPerMillionTokens">USD per million output tokens.</param>
    /// <param name="source">Where the price came from.</param>
    /// <param name="asOf">When the price was read or published.</param>
    /// <param name="cachedInputUsdPerMillionTokens">USD per million cached input tokens; the input price when <see langword="null"/>.</param>
    /// <param name="reasoningUsdPerMillionTokens">USD per million reasoning tokens; the output price when <see langword="null"/>.</param>
    public PerTokenPricing(
        decimal inputUsdPerMillionTokens,
        decimal outputUsdPerMillionTokens,
        string source,
        DateOnly asOf,
        decimal? cachedInputUsdPerMillionTokens = null,
        decimal? reasoningUsdPerMillionTokens = null)
        : base(source, asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputUsdPerMillionTokens);
        ArgumentOutOfRangeException.ThrowIfNegative(outputUsdPerMillionTokens);
        if (cachedInputUsdPerMillionTokens is { } cached)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(cached, nameof(cachedInputUsdPerMillionTokens));
        }

        if (reasoningUsdPerMillionTokens is { } reasoning)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(reasoning, nameof(reasoningUsdPerMillionTokens));
        }

        InputUsdPerMillionTokens = inputUsdPerMillionTokens;
        OutputUsdPerMillionTokens = outputUsdPerMillionTokens;
        CachedInputUsdPerMillionTokens = cachedInputUsdPerMillionTokens ?? inputUsdPerMillionTokens;
        ReasoningUsdPerMillionTokens = reasoningUsdPerMillionTokens ?? outputUsdPerMillionTokens;
        _nanos = NanosPerToken(InputUsdPerMillionTokens) is long i && NanosPerToken(CachedInputUsdPerMillionTokens) is long c
            && NanosPerToken(OutputUsdPerMillionTokens) is long o && NanosPerToken(ReasoningUsdPerMillionTokens) is long r
            ? (i, c, o, r)
            : null;
    }

    /// <inheritdoc/>
    public override PricingKind Kind => PricingKind.PerToken;

    /// <summary>Gets the USD per million input tokens.</summary>
    public decimal InputUsdPerMillionTokens { get; }

    /// <summary>Gets the USD per million output tokens.</summary>
    public decimal OutputUsdPerMillionTokens { get; }

    /// <summary>Gets the USD per million cached input tokens.</summary>
    public decimal CachedInputUsdPerMillionTokens { get; }

    /// <summary>Gets the USD per million reasoning tokens.</summary>
    public decimal ReasoningUsdPerMillionTokens { get; }

    /// <inheritdoc/>
    private protected override decimal ComputeUnroundedUsd(in MeteredUsage usage)
    {
        long cached = Math.Clamp(usage.CachedInputTokens, 0, Math.Max(usage.InputTokens, 0));
        long reasoning = Math.Clamp(usage.ReasoningTokens, 0, Math.Max(usage.OutputTokens, 0));
        long input = Math.Max(usage.InputTokens, 0) - cached;
        long output = Math.Max(usage.OutputTokens, 0) - reasoning;
        if (_nanos is var (ni, nc, no, nr) && (input | cached | output | reasoning) < MaxTokensForIntegerMath)
        {
            // Every price is a whole number of nano-dollars per token: the sum is exact in integers and already has the 9 decimals
            // the result is rounded to, so the decimal arithmetic (and its division) is skipped. Each product stays below 2^61.
            long nanos = (input * ni) + (cached * nc) + (output * no) + (reasoning * nr);
            return new decimal((int)nanos, (int)(nanos >> 32), 0, false, UsdDecimals);
        }

        return ((input * InputUsdPerMillionTokens) + (cached * CachedInputUsdPerMillionTokens)
              + (output * OutputUsdPerMillionTokens) + (reasoning * ReasoningUsdPerMillionTokens)) / PerMillion;
    }

    /// <summary>The price in nano-dollars per token when it is a whole number small enough for exact integer math, else <see langword="null"/>.</summary>
    private static long? NanosPerToken(decimal usdPerMillionTokens)
    {
        decimal nanos = usdPerMillionTokens * 1000m; // $1 per million tokens = 1,000 nano-dollars per token
        return nanos == decimal.Truncate(nanos) && nanos < MaxNanosForIntegerMath ? (long)nanos : null;
    }
}
