using System;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Hosting;

/// <summary>The pricing model of a target, from its configured prices.</summary>
internal static class InferencePricing
{
    /// <summary>The source recorded with prices read from configuration.</summary>
    public const string ConfigurationSource = "configuration";

    /// <summary>
    /// Per token when token prices are set; per GPU-hour when a GPU-hour price is; per serverless second when that is; for a
    /// hosted API with none of these, the list price of its model in <see cref="HostedPriceTable.Default"/>; else free (an
    /// unpriced local target).
    /// </summary>
    public static PricingModel For(InferenceTargetOptions target, DateOnly asOf) => For(target, asOf, HostedPriceTable.Default);

    /// <summary>As <see cref="For(InferenceTargetOptions, DateOnly)"/>, with the hosted prices read from <paramref name="hosted"/>.</summary>
    public static PricingModel For(InferenceTargetOptions target, DateOnly asOf, HostedPriceTable hosted)
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

        if (target.UsdPerServerlessSecond is decimal perSecond)
        {
            return new ServerlessSecondPricing(perSecond, ConfigurationSource, asOf);
        }

        Uri.TryCreate(InferenceOptionsChecks.EndpointsOf(target) is [var first, ..] ? first : null, UriKind.Absolute, out Uri? endpoint);
        return IsHostedApi(target) && hosted.TryFind(target.Model, target.Provider, endpoint, out HostedModelPrice? listed)
            ? listed.ToPricing(PriceTier.Standard, $"{hosted.Source} '{listed.Key}'", hosted.AsOf)
            : new PerTokenPricing(0m, 0m, "unpriced (no price configured)", asOf);
    }

    /// <summary>Whether a target is a hosted API billed per token: no GPU of its own, and an API tier, provider or engine.</summary>
    internal static bool IsHostedApi(InferenceTargetOptions target)
        => target.Gpu is null && target.Capacity is CapacityType.OnDemand or CapacityType.PerToken
            && (target.Tier == Knowledge.TargetTier.HostedApi || target.Provider is Knowledge.ProviderKind.AzureOpenAI or Knowledge.ProviderKind.OpenAICompatible
                || target.Engine is null or Knowledge.EngineKind.OpenAICompatible);
}
