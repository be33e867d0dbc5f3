using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Providers.Spheron;

namespace Inference.Sdk.Providers;

/// <summary>
/// Turns the prices providers publish live into Knowledge <see cref="PriceOffer"/>s (to lay over
/// <see cref="OfferCatalog.Default"/> with <see cref="OfferCatalog.WithOverrides"/>), and picks a target's price: the
/// live one when there is one, else the catalog's dated offer.
/// </summary>
public static class ProviderPrices
{
    /// <summary>Picks a target's price: <paramref name="live"/> when known, else the catalog's newest offer for the provider, GPU and capacity.</summary>
    /// <param name="live">The price the provider reported just now, if any.</param>
    /// <param name="provider">The provider.</param>
    /// <param name="gpu">The GPU.</param>
    /// <param name="gpuCount">The number of GPUs the target uses.</param>
    /// <param name="capacity">How the capacity is bought.</param>
    /// <param name="catalog">The catalog; <see cref="OfferCatalog.Default"/> when omitted.</param>
    /// <returns>The price, or <see langword="null"/> when neither the provider nor the catalog has one.</returns>
    public static ProviderPrice? Resolve(ProviderPrice? live, ProviderKind provider, GpuKind gpu, int gpuCount, CapacityType capacity, OfferCatalog? catalog = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gpuCount, 1);
        if (live is not null)
        {
            return live;
        }

        PriceOffer? offer = (catalog ?? OfferCatalog.Default).Find(provider, gpu, capacity);
        return offer is null
            ? null
            : new ProviderPrice(offer.UsdPerGpuHour * gpuCount, offer.Source, DateTimeOffset.ParseExact(offer.AsOf, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal), IsLive: false);
    }

    /// <summary>RunPod's catalog as on-demand offers (secure-cloud pod prices per GPU-hour) for the GPUs the Knowledge layer knows.</summary>
    /// <param name="gpus">The catalog from <see cref="RunPodRestClient.GetGpuPricesAsync"/>.</param>
    /// <param name="asOf">When it was read.</param>
    /// <returns>The offers.</returns>
    public static IReadOnlyList<PriceOffer> ToOffers(IEnumerable<RunPodGpuType> gpus, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        return Cheapest(gpus
            .Where(g => g.SecureUsdPerGpuHour is > 0m)
            .Select(g => (Gpu: ParseGpu(g.Id) ?? ParseGpu(g.Name ?? string.Empty), g.SecureUsdPerGpuHour!.Value))
            .Where(g => g.Gpu is not null)
            .Select(g => new PriceOffer(ProviderKind.RunPod, g.Gpu!.Value, 1, g.Value, CapacityType.OnDemand, Month(asOf), "RunPod REST v2 /v2/catalog/gpus (secure cloud, live)")));
    }

    /// <summary>Lambda's instance types as on-demand offers per GPU-hour (instance price divided by its GPUs).</summary>
    /// <param name="types">The instance types from <see cref="LambdaCloudClient.GetInstanceTypesAsync"/>.</param>
    /// <param name="asOf">When they were read.</param>
    /// <returns>The offers.</returns>
    public static IReadOnlyList<PriceOffer> ToOffers(IEnumerable<LambdaInstanceType> types, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Cheapest(types
            .Where(t => t.Gpus is > 0 && t.PriceCentsPerHour > 0)
            .Select(t => (Type: t, Gpu: ParseGpu(t.GpuDescription ?? t.Name)))
            .Where(t => t.Gpu is not null)
            .Select(t => new PriceOffer(ProviderKind.Lambda, t.Gpu!.Value, t.Type.Gpus!.Value, t.Type.UsdPerHour / t.Type.Gpus.Value, CapacityType.OnDemand, Month(asOf), "Lambda Cloud API /instance-types (live)")));
    }

    /// <summary>Spheron's offers as spot and on-demand offers per GPU-hour, the cheapest per GPU and capacity.</summary>
    /// <param name="offers">The offers from <see cref="SpheronClient.GetGpuOffersAsync"/>.</param>
    /// <param name="asOf">When they were read.</param>
    /// <returns>The offers.</returns>
    public static IReadOnlyList<PriceOffer> ToOffers(IEnumerable<SpheronGpuOffer> offers, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(offers);
        return Cheapest(offers
            .Where(o => o.UsdPerHour > 0m)
            .Select(o => (Offer: o, Gpu: ParseGpu(o.GpuType)))
            .Where(o => o.Gpu is not null)
            .Select(o => new PriceOffer(ProviderKind.Spheron, o.Gpu!.Value, 1, o.Offer.UsdPerGpuHour, o.Offer.Capacity, Month(asOf), "Spheron /api/gpu-offers (live)")));
    }

    /// <summary>Recognizes a GPU from a provider's name for it (<c>NVIDIA H100 80GB HBM3</c>, <c>H100 (80 GB PCIe)</c>, <c>gpu_1x_a100_sxm4_80gb</c>, <c>RTX 4090</c>, …).</summary>
    /// <param name="name">The provider's GPU name.</param>
    /// <returns>The GPU, or <see langword="null"/> when it is not one the Knowledge layer knows.</returns>
    public static GpuKind? ParseGpu(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string n = name.ToUpperInvariant().Replace('_', ' ').Replace('-', ' ');
        return n switch
        {
            _ when n.Contains("H100", StringComparison.Ordinal) && n.Contains("NVL", StringComparison.Ordinal) => null,
            _ when n.Contains("H100", StringComparison.Ordinal) => n.Contains("PCIE", StringComparison.Ordinal) ? GpuKind.H100Pcie : GpuKind.H100Sxm5,
            _ when n.Contains("H200", StringComparison.Ordinal) => GpuKind.H200,
            _ when n.Contains("B200", StringComparison.Ordinal) => GpuKind.B200,
            _ when n.Contains("A100", StringComparison.Ordinal) => n.Contains("80", StringComparison.Ordinal) ? GpuKind.A100_80GB : null,
            _ when n.Contains("L40S", StringComparison.Ordinal) => GpuKind.L40S,
            _ when n.Contains("4090", StringComparison.Ordinal) => GpuKind.Rtx4090,
            _ when n.Contains("5090", StringComparison.Ordinal) => GpuKind.Rtx5090,
            _ when n.Contains("6000", StringComparison.Ordinal) && n.Contains("ADA", StringComparison.Ordinal) => GpuKind.Rtx6000Ada,
            _ when n.Split(' ', '(', ')').Contains("L4") => GpuKind.L4,
            _ => null,
        };
    }

    private static PriceOffer[] Cheapest(IEnumerable<PriceOffer> offers) =>
        offers.GroupBy(o => (o.Gpu, o.Capacity)).Select(g => g.OrderBy(o => o.UsdPerGpuHour).First()).ToArray();

    private static string Month(DateTimeOffset asOf) => asOf.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
