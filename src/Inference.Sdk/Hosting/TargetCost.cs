using System;
using System.Linq;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The router's expected cost of a request on a target, as pure functions: per-token prices as configured; for a target billed
/// by the hour, the seeds' effective price per token (<see cref="CostMath.EffectiveUsdPerMillionTokens"/>) at its throughput, with
/// the newest hourly price: live from the provider, else configured, else the Knowledge offer with its date.
/// </summary>
internal static class TargetCost
{
    /// <summary>The expected USD of a request of <paramref name="inputTokens"/> + <paramref name="outputTokens"/> on capacity of <paramref name="usdPerHour"/> serving <paramref name="tokensPerSecond"/>.</summary>
    public static decimal PerRequest(decimal usdPerHour, double tokensPerSecond, int inputTokens, int outputTokens)
        => ((long)inputTokens + outputTokens) * CostMath.EffectiveUsdPerMillionTokens(usdPerHour, tokensPerSecond) / 1_000_000m;

    /// <summary>The target's throughput: configured, else the Knowledge figure for its model, GPU and GPU count; <see langword="null"/> when neither is known.</summary>
    public static double? Throughput(InferenceTargetOptions target)
        => target.TokensPerSecond is > 0 ? target.TokensPerSecond
            : ThroughputFigure.Defaults.FirstOrDefault(f => target.Gpu == f.Gpu && target.GpuCount == f.GpuCount
                && string.Equals(f.ModelId, target.Model, StringComparison.OrdinalIgnoreCase))?.TokensPerSecond;

    /// <summary>The hourly price of the whole target: <paramref name="live"/>, else the configured <see cref="InferenceTargetOptions.UsdPerGpuHour"/>, else the Knowledge offer for its provider, GPU and capacity.</summary>
    public static ProviderPrice? HourlyPrice(ProviderPrice? live, InferenceTargetOptions target, DateTimeOffset now)
    {
        if (live is not null)
        {
            return live;
        }

        if (target.UsdPerGpuHour is decimal configured)
        {
            return new ProviderPrice(configured * target.GpuCount, InferencePricing.ConfigurationSource, now, IsLive: false);
        }

        return target.Gpu is GpuKind gpu && target.GpuCount >= 1 && target.Capacity is not (CapacityType.PerToken or CapacityType.Owned)
            ? ProviderPrices.Resolve(null, target.Provider, gpu, target.GpuCount, target.Capacity)
            : null;
    }

    /// <summary>
    /// The router's <c>ExpectedCostUsd</c> of a target: per token when token prices are configured; else, when its throughput
    /// is known and some hourly price exists or may arrive live, a function that reads <paramref name="live"/> on every call;
    /// else what <see cref="InferencePricing.ExpectedCost"/> says (zero for an unpriced target, unknown for other hourly ones).
    /// </summary>
    public static Func<int, int, decimal>? ExpectedCost(InferenceTargetOptions target, PricingModel pricing, Func<ProviderPrice?> live, TimeProvider time)
    {
        bool perToken = target.InputUsdPerMillionTokens is not null || target.OutputUsdPerMillionTokens is not null;
        if (perToken
            || Throughput(target) is not double tokensPerSecond
            || (HourlyPrice(null, target, time.GetUtcNow()) is null && string.IsNullOrWhiteSpace(target.ProviderResourceId)))
        {
            return InferencePricing.ExpectedCost(pricing); // per token as configured; an unpriced local target costs nothing
        }

        return (input, output) => HourlyPrice(live(), target, time.GetUtcNow()) is { } price
            ? PerRequest(price.UsdPerHour, tokensPerSecond, input, output)
            : 0m;
    }
}
