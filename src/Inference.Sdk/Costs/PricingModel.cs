using System;

namespace Inference.Sdk.Costs;

/// <summary>A target's price and how one request's <see cref="MeteredUsage"/> turns into US dollars.</summary>
/// <remarks>Every price carries where it came from (<see cref="Source"/>) and when it was true (<see cref="AsOf"/>).</remarks>
public abstract class PricingModel
{
    /// <summary>The number of decimal places request costs are rounded to: nano-dollars, the ledgers' integer unit.</summary>
    public const int UsdDecimals = 9;

    private protected PricingModel(string source, DateOnly asOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        AsOf = asOf;
    }

    /// <summary>Gets how this model charges.</summary>
    public abstract PricingKind Kind { get; }

    /// <summary>Gets where the price came from (a Knowledge offer, a provider's live price, or configuration).</summary>
    public string Source { get; }

    /// <summary>Gets the date the price was read or published.</summary>
    public DateOnly AsOf { get; }

    /// <summary>Computes what one request cost, rounded to <see cref="UsdDecimals"/> decimal places.</summary>
    /// <param name="usage">What the request used.</param>
    /// <returns>The cost in US dollars, never negative.</returns>
    public decimal ComputeUsd(in MeteredUsage usage) => decimal.Round(ComputeUnroundedUsd(usage), UsdDecimals, MidpointRounding.AwayFromZero);

    /// <summary>Computes what one request cost, before rounding.</summary>
    /// <param name="usage">What the request used.</param>
    /// <returns>The cost in US dollars.</returns>
    private protected abstract decimal ComputeUnroundedUsd(in MeteredUsage usage);

    private protected static decimal Seconds(TimeSpan time) => time <= TimeSpan.Zero ? 0m : time.Ticks / (decimal)TimeSpan.TicksPerSecond;
}
