using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Reads a target's settings into its <see cref="Costs.ExpectedCost"/>: per token when token prices are configured; by the
/// hour at its throughput when the throughput is known and an hourly price exists or may arrive live (the router then reads
/// the live price from the target's board on every decision).
/// </summary>
internal static class TargetCost
{
    /// <summary>
    /// The target's throughput: configured, else the Knowledge figure for its model, GPU and GPU count, else the rate the GPU's
    /// memory bandwidth allows its model (<see cref="CostMath.MemoryBoundTokensPerSecond"/>, the catalog's or a described model's
    /// active parameters in the target's format); <see langword="null"/> when the GPU or the model is not known.
    /// </summary>
    public static double? Throughput(InferenceTargetOptions target, IEnumerable<ModelSpec>? described = null)
    {
        if (target.TokensPerSecond is > 0)
        {
            return target.TokensPerSecond;
        }

        if (ThroughputFigure.Defaults.FirstOrDefault(f => target.Gpu == f.Gpu && target.GpuCount == f.GpuCount
            && string.Equals(f.ModelId, target.Model, StringComparison.OrdinalIgnoreCase)) is { } figure)
        {
            return figure.TokensPerSecond;
        }

        return target.Gpu is GpuKind gpu && target.GpuCount >= 1 && Models.TryGet(target.Model, described, out ModelSpec? model)
            ? CostMath.MemoryBoundTokensPerSecond(
                Gpus.Get(gpu).MemoryBandwidthTBps, target.GpuCount, model.ActiveParametersBillions, Quantizations.Get(target.Quantization ?? model.NativeQuantization).BytesPerWeight)
            : null;
    }

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
    /// The router's expected cost of a target: per token when token prices are configured (an unpriced local target costs nothing);
    /// by the hour when its throughput is known and some hourly price exists or may arrive live; else <see langword="null"/> (unknown).
    /// </summary>
    public static ExpectedCost? ExpectedCost(InferenceTargetOptions target, PricingModel pricing, DateTimeOffset now, IEnumerable<ModelSpec>? described = null)
    {
        bool perToken = target.InputUsdPerMillionTokens is not null || target.OutputUsdPerMillionTokens is not null;
        ProviderPrice? fallback = HourlyPrice(null, target, now);
        if (!perToken && Throughput(target, described) is double tokensPerSecond && (fallback is not null || !string.IsNullOrWhiteSpace(target.ProviderResourceId)))
        {
            return Costs.ExpectedCost.ByHour(tokensPerSecond, fallback);
        }

        return pricing is PerTokenPricing byToken ? Costs.ExpectedCost.ByToken(byToken) : null;
    }
}
