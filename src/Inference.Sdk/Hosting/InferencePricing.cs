using System;
using Inference.Sdk.Costs;

namespace Inference.Sdk.Hosting;

/// <summary>The pricing model of a target, from its configured prices.</summary>
internal static class InferencePricing
{
    /// <summary>The source recorded with prices read from configuration.</summary>
    public const string ConfigurationSource = "configuration";

    /// <summary>Per token when token prices are set; per GPU-hour when a GPU-hour price is; per serverless second when that is; else free (an unpriced local target).</summary>
    public static PricingModel For(InferenceTargetOptions target, DateOnly asOf)
    {
        if (target.InputUsdPerMillionTokens is not null || target.OutputUsdPerMillionTokens is not null)
        {
            return new PerTokenPricing(
                target.InputUsdPerMillionTokens ?? 0m, target.OutputUsdPerMillionTokens ?? 0m, ConfigurationSource, asOf, target.CachedInputUsdPerMillionTokens);
        }

        if (target.UsdPerGpuHour is decimal hourly)
        {
            return new GpuHourPricing(hourly, target.GpuCount, target.Capacity, ConfigurationSource, asOf);
        }

        return target.UsdPerServerlessSecond is decimal perSecond
            ? new ServerlessSecondPricing(perSecond, ConfigurationSource, asOf)
            : new PerTokenPricing(0m, 0m, "unpriced (no price configured)", asOf);
    }

    /// <summary>What a request of the given size is expected to cost on a per-token target; <see langword="null"/> when the price is per hour or second.</summary>
    public static Func<int, int, decimal>? ExpectedCost(PricingModel pricing) => pricing is PerTokenPricing p
        ? (input, output) => p.ComputeUsd(new MeteredUsage(input, output)) // to the nano-dollar, in integers for whole nano-dollar prices
        : null;
}
