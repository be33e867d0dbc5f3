using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>What a GPU-hour target's hardware did over a window: how busy it was, what the hours cost and what a million tokens cost at that utilization.</summary>
public sealed record UtilizationReport
{
    /// <summary>Gets the target name.</summary>
    public required string Target { get; init; }

    /// <summary>Gets the length of the window.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Gets the time in the window the target had work (requests in flight or engine busy).</summary>
    public TimeSpan Busy { get; init; }

    /// <summary>Gets the busy fraction of the window, between 0 and 1.</summary>
    public double Utilization { get; init; }

    /// <summary>Gets the tokens (input and output) served in the window.</summary>
    public long TokensServed { get; init; }

    /// <summary>Gets the USD per hour of the target's GPUs.</summary>
    public decimal UsdPerHour { get; init; }

    /// <summary>Gets what the window's GPU-hours cost, busy or idle.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Gets the USD per million tokens actually achieved (window cost ÷ tokens served); <see langword="null"/> before any token.</summary>
    public decimal? EffectiveUsdPerMillionTokens { get; init; }

    /// <summary>Gets the target's throughput at full load, when known.</summary>
    public double? PeakTokensPerSecond { get; init; }

    /// <summary>Gets the USD per million tokens at full load (<see cref="CostMath.EffectiveUsdPerMillionTokens"/>), when the peak throughput is known.</summary>
    public decimal? FullLoadUsdPerMillionTokens { get; init; }

    /// <summary>Gets the USD per million tokens at the measured utilization and the peak throughput (<see cref="CostMath.EffectiveUsdPerMillionTokens"/>), when both are known.</summary>
    public decimal? ExpectedUsdPerMillionTokens { get; init; }

    /// <summary>Gets the utilization rule's verdict (rent under 70%, toss-up to 80%, own at 80% and above); <see langword="null"/> while idle.</summary>
    public UtilizationVerdict? OwnershipVerdict { get; init; }

    /// <summary>Gets the serverless-or-pod verdict (pods pay from about 35% utilization); <see langword="null"/> while idle.</summary>
    public ServerlessOrPodVerdict? ServerlessOrPodVerdict { get; init; }

    /// <summary>Compares the target's yearly GPU cost (its hourly price around the clock) plus 0.5 SRE FTE with an API bill (<see cref="CostMath.SelfHostVerdict"/>).</summary>
    /// <param name="annualApiSpendUsd">What the same traffic costs a year on a hosted API.</param>
    /// <returns>The comparison.</returns>
    public SelfHostComparison CompareWithApi(decimal annualApiSpendUsd)
        => CostMath.SelfHostVerdict(annualApiSpendUsd, UsdPerHour * (decimal)CostMath.HoursPerYear);

    internal static UtilizationReport Create(string target, GpuHourPricing pricing, double? peakTokensPerSecond, TimeSpan elapsed, TimeSpan busy, long tokens)
    {
        double utilization = elapsed <= TimeSpan.Zero ? 0 : Math.Clamp(busy / elapsed, 0, 1);
        decimal hours = elapsed.Ticks / (decimal)TimeSpan.TicksPerHour;
        decimal cost = decimal.Round(hours * pricing.UsdPerHour, PricingModel.UsdDecimals, MidpointRounding.AwayFromZero);
        return new UtilizationReport
        {
            Target = target,
            Elapsed = elapsed,
            Busy = busy,
            Utilization = utilization,
            TokensServed = tokens,
            UsdPerHour = pricing.UsdPerHour,
            CostUsd = cost,
            EffectiveUsdPerMillionTokens = tokens > 0 ? decimal.Round(cost * 1_000_000m / tokens, 6, MidpointRounding.AwayFromZero) : null,
            PeakTokensPerSecond = peakTokensPerSecond,
            FullLoadUsdPerMillionTokens = peakTokensPerSecond is { } peak ? CostMath.EffectiveUsdPerMillionTokens(pricing.UsdPerHour, peak) : null,
            ExpectedUsdPerMillionTokens = peakTokensPerSecond is { } p && utilization > 0 ? CostMath.EffectiveUsdPerMillionTokens(pricing.UsdPerHour, p, utilization) : null,
            OwnershipVerdict = utilization > 0 ? CostMath.Classify(utilization) : null,
            ServerlessOrPodVerdict = utilization > 0 ? CostMath.ServerlessOrPod(utilization) : null,
        };
    }
}
