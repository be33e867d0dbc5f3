using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// An immutable set of GPU price quotes. <see cref="Default"/> holds every price in the seeds with its month and
/// source; prices move monthly, so <see cref="WithOverrides"/> returns a new catalog with current quotes.
/// </summary>
public sealed class OfferCatalog
{
    private const string DeployBase = "DeployBase.AI, LLM inference hardware guide (cloud pricing as of Mar 2026)";
    private const string SpheronMay = "Spheron GPU Pricing snapshot, May-Jun 2026 (via 'Cloud vs Iron')";
    private const string Inworld = "Inworld AI GPU Cloud Comparison, Apr 2026 (via 'Cloud vs Iron')";
    private const string SpheronApr = "Spheron, Cloud vs Edge AI Inference (04 Apr 2026)";
    private const string Agrawal = "Agrawal, Deploy Your Own Models to GPUs (02 May 2026)";
    private const string DeployBaseRunPod = "DeployBase.AI, RunPod GPU Pricing: 2026 Comprehensive Pricing Guide (10 Mar 2026)";
    private const string CliffAmd = "Cliff Center, AMD inference economics research note (18 May 2026)";

    private readonly ReadOnlyCollection<PriceOffer> _offers;

    /// <summary>Creates a catalog of quotes.</summary>
    /// <param name="offers">The quotes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="offers"/> or one of its items is <see langword="null"/>.</exception>
    public OfferCatalog(IEnumerable<PriceOffer> offers)
    {
        PriceOffer[] items = Guard.NotNull(offers, nameof(offers)).ToArray();
        if (Array.IndexOf(items, null) >= 0)
        {
            throw new ArgumentNullException(nameof(offers), "The offers must not contain null.");
        }

        _offers = Array.AsReadOnly(items);
    }

    /// <summary>Gets the catalog of every price in the seeds.</summary>
    public static OfferCatalog Default { get; } = new(CreateDefaultOffers());

    /// <summary>Gets every quote in the catalog.</summary>
    public IReadOnlyList<PriceOffer> Offers => _offers;

    /// <summary>
    /// Returns a new catalog in which each override replaces every quote with the same provider, GPU and capacity,
    /// and quotes for new keys are added. This catalog is not changed.
    /// </summary>
    /// <param name="overrides">Current quotes.</param>
    /// <returns>The new catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="overrides"/> or one of its items is <see langword="null"/>.</exception>
    public OfferCatalog WithOverrides(IEnumerable<PriceOffer> overrides)
    {
        PriceOffer[] added = Guard.NotNull(overrides, nameof(overrides)).ToArray();
        if (Array.IndexOf(added, null) >= 0)
        {
            throw new ArgumentNullException(nameof(overrides), "The overrides must not contain null.");
        }

        return new OfferCatalog(_offers.Where(o => !added.Any(a => SameKey(a, o))).Concat(added));
    }

    /// <summary>
    /// Finds a provider's quote for a GPU on a capacity type: the most recent one, and of those the cheapest per GPU-hour.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="gpu">The GPU.</param>
    /// <param name="capacity">The capacity type.</param>
    /// <returns>The quote, or <see langword="null"/> when the catalog has none.</returns>
    public PriceOffer? Find(ProviderKind provider, GpuKind gpu, CapacityType capacity)
        => Newest(_offers.Where(o => o.Provider == provider && o.Gpu == gpu && o.Capacity == capacity));

    /// <summary>Finds the cheapest quote per GPU-hour for a GPU on a capacity type across all providers and market-wide quotes.</summary>
    /// <param name="gpu">The GPU.</param>
    /// <param name="capacity">The capacity type.</param>
    /// <returns>The quote, or <see langword="null"/> when the catalog has none.</returns>
    public PriceOffer? FindCheapest(GpuKind gpu, CapacityType capacity)
        => _offers.Where(o => o.Gpu == gpu && o.Capacity == capacity)
            .OrderBy(o => o.UsdPerGpuHour)
            .ThenByDescending(o => o.AsOf, StringComparer.Ordinal)
            .FirstOrDefault();

    private static PriceOffer? Newest(IEnumerable<PriceOffer> offers)
        => offers.OrderByDescending(o => o.AsOf, StringComparer.Ordinal).ThenBy(o => o.UsdPerGpuHour).FirstOrDefault();

    private static bool SameKey(PriceOffer a, PriceOffer b) => a.Provider == b.Provider && a.Gpu == b.Gpu && a.Capacity == b.Capacity;

    private static PriceOffer[] CreateDefaultOffers()
    {
        const CapacityType OnDemand = CapacityType.OnDemand;
        const CapacityType Spot = CapacityType.Spot;
        const CapacityType Owned = CapacityType.Owned;
        return
        [
            new(ProviderKind.RunPod, GpuKind.Rtx4090, 1, 0.34m, OnDemand, "2026-03", DeployBase),
            new(ProviderKind.RunPod, GpuKind.A100_80GB, 1, 1.39m, OnDemand, "2026-03", DeployBase),
            new(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 2.69m, OnDemand, "2026-03", DeployBase),

            // CoreWeave sells 8-GPU bundles: $18.00, $21.60 and $49.24 per node-hour.
            new(ProviderKind.CoreWeave, GpuKind.L40S, 8, 18.00m / 8, OnDemand, "2026-03", DeployBase),
            new(ProviderKind.CoreWeave, GpuKind.A100_80GB, 8, 21.60m / 8, OnDemand, "2026-03", DeployBase) { Note = "NVLink" },
            new(ProviderKind.CoreWeave, GpuKind.H100Sxm5, 8, 49.24m / 8, OnDemand, "2026-03", DeployBase),

            new(ProviderKind.Spheron, GpuKind.H100Sxm5, 1, 1.03m, Spot, "2026-05", SpheronMay),
            new(ProviderKind.Spheron, GpuKind.H100Sxm5, 1, 2.90m, OnDemand, "2026-05", SpheronMay) { Note = "quoted as ~$2.90" },
            new(ProviderKind.Spheron, GpuKind.H100Pcie, 1, 2.01m, OnDemand, "2026-04", SpheronApr),
            new(ProviderKind.Spheron, GpuKind.H100Pcie, 1, 0.80m, Spot, "2026-04", SpheronApr) { Note = "interruptible" },
            new(ProviderKind.Spheron, GpuKind.H200, 1, 3.69m, OnDemand, "2026-04", SpheronApr),

            // AWS p5 and GCP A3 High are 8 × H100 SXM instances, quoted per GPU.
            new(ProviderKind.Aws, GpuKind.H100Sxm5, 8, 4.10m, OnDemand, "2026-04", Inworld) { UsdPerGpuHourHigh = 6.88m },
            new(ProviderKind.Aws, GpuKind.H100Sxm5, 8, 3.90m, OnDemand, "2026-05", Agrawal) { Note = "after the June 2025 price cut of about 44%" },
            new(ProviderKind.Gcp, GpuKind.H100Sxm5, 8, 11m, OnDemand, "2026-04", Inworld) { UsdPerGpuHourHigh = 16m, Note = "A3 High: the most expensive" },
            new(ProviderKind.Lambda, GpuKind.H100Sxm5, 1, 1.49m, OnDemand, "2026-05", Agrawal)
            {
                UsdPerGpuHourHigh = 2.99m,
                Note = "the boutique floor across RunPod, Lambda and Vast.ai",
            },

            // Market-wide quotes ("Various" providers).
            new(null, GpuKind.B200, 1, 4.00m, OnDemand, "2026-05", SpheronMay) { UsdPerGpuHourHigh = 5.00m, Note = "quoted as ~$4-5, various providers" },
            new(null, GpuKind.B200, 1, 2.12m, Spot, "2026-05", SpheronMay) { Note = "various providers" },
            new(null, GpuKind.A100_80GB, 1, 1.50m, OnDemand, "2026-05", SpheronMay) { UsdPerGpuHourHigh = 2.00m, Note = "various providers" },
            new(null, GpuKind.A100_80GB, 1, 1.00m, Spot, "2026-05", SpheronMay) { Note = "quoted as 'under $1.00', various providers" },
            new(null, GpuKind.H100Sxm5, 1, 2.40m, OnDemand, "2026-05", Agrawal) { Note = "Llama-3.3-70B FP8 at ~400 tok/s → $1.67/Mtok" },
            new(null, GpuKind.L40S, 1, 1.50m, OnDemand, "2026-05", Agrawal) { Note = "Llama-3.1-8B FP8 at ~6,000 tok/s → $0.07/Mtok" },

            // GPUs beyond the seeds' (issue 17): public price pages, dated.
            new(ProviderKind.RunPod, GpuKind.L40, 1, 1.22m, OnDemand, "2026-03", DeployBaseRunPod),
            new(ProviderKind.RunPod, GpuKind.L40, 1, 0.69m, Spot, "2026-03", DeployBaseRunPod),
            new(ProviderKind.RunPod, GpuKind.RtxPro6000Blackwell, 1, 1.57m, OnDemand, "2026-03", DeployBaseRunPod) { Note = "96 GB" },
            new(ProviderKind.RunPod, GpuKind.RtxPro6000Blackwell, 1, 0.89m, Spot, "2026-03", DeployBaseRunPod) { Note = "96 GB" },
            new(null, GpuKind.MI300X, 1, 1.50m, OnDemand, "2026-05", CliffAmd)
            {
                UsdPerGpuHourHigh = 6.00m,
                Note = "TensorWave $1.50, Vultr $1.85; Azure and Oracle list it at ~$6",
            },
            new(null, GpuKind.MI300X, 1, 1.71m, Spot, "2026-05", CliffAmd) { Note = "Crusoe spot" },
            new(null, GpuKind.MI325X, 1, 1.95m, OnDemand, "2026-05", CliffAmd) { Note = "TensorWave" },

            // Owned hardware, amortized over 3 years.
            new(ProviderKind.Local, GpuKind.Rtx5090, 1, CostMath.AmortizedUsdPerHour(2_000m, 3 * CostMath.HoursPerYear, 0.05m, 0m), Owned, "2026-04", SpheronApr)
            {
                Note = "$2,000 over 3 years ($0.076/h) + ~500 W at $0.10/kWh ($0.05/h)",
            },
            new(ProviderKind.Local, GpuKind.Rtx4090, 1, 0.16m, Owned, "2026-03", DeployBase)
            {
                UsdPerGpuHourHigh = 0.26m,
                Note = "$1,600 over 3 years ($0.061/h) + electricity and overhead",
            },
            new(ProviderKind.Local, GpuKind.Rtx6000Ada, 1, 0.25m, Owned, "2026-03", DeployBase) { UsdPerGpuHourHigh = 0.35m, Note = "~$3,000 amortized" },
        ];
    }
}
