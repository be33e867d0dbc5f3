using System;
using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

public class OfferCatalogTests
{
    private static readonly OfferCatalog Catalog = OfferCatalog.Default;

    [Theory]
    [InlineData(ProviderKind.RunPod, GpuKind.Rtx4090, CapacityType.OnDemand, "0.34")]
    [InlineData(ProviderKind.RunPod, GpuKind.A100_80GB, CapacityType.OnDemand, "1.39")]
    [InlineData(ProviderKind.RunPod, GpuKind.H100Sxm5, CapacityType.OnDemand, "2.69")]
    [InlineData(ProviderKind.CoreWeave, GpuKind.L40S, CapacityType.OnDemand, "2.25")]
    [InlineData(ProviderKind.CoreWeave, GpuKind.A100_80GB, CapacityType.OnDemand, "2.70")]
    [InlineData(ProviderKind.CoreWeave, GpuKind.H100Sxm5, CapacityType.OnDemand, "6.155")]
    [InlineData(ProviderKind.Spheron, GpuKind.H100Sxm5, CapacityType.Spot, "1.03")]
    [InlineData(ProviderKind.Spheron, GpuKind.H100Sxm5, CapacityType.OnDemand, "2.90")]
    [InlineData(ProviderKind.Spheron, GpuKind.H100Pcie, CapacityType.OnDemand, "2.01")]
    [InlineData(ProviderKind.Spheron, GpuKind.H100Pcie, CapacityType.Spot, "0.80")]
    [InlineData(ProviderKind.Spheron, GpuKind.H200, CapacityType.OnDemand, "3.69")]
    [InlineData(ProviderKind.Aws, GpuKind.H100Sxm5, CapacityType.OnDemand, "3.90")]
    [InlineData(ProviderKind.Gcp, GpuKind.H100Sxm5, CapacityType.OnDemand, "11")]
    [InlineData(ProviderKind.Lambda, GpuKind.H100Sxm5, CapacityType.OnDemand, "1.49")]
    public void Find_returns_the_seed_price_per_GPU_hour(ProviderKind provider, GpuKind gpu, CapacityType capacity, string usd)
    {
        PriceOffer? offer = Catalog.Find(provider, gpu, capacity);

        Assert.NotNull(offer);
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), offer!.UsdPerGpuHour);
        Assert.Matches("^20[0-9]{2}-[01][0-9]$", offer.AsOf);
        Assert.False(string.IsNullOrWhiteSpace(offer.Source));
    }

    [Fact]
    public void CoreWeave_quotes_8_GPU_bundles_at_their_node_price()
    {
        Assert.Equal(49.24m, Catalog.Find(ProviderKind.CoreWeave, GpuKind.H100Sxm5, CapacityType.OnDemand)!.UsdPerHour);
        Assert.Equal(18.00m, Catalog.Find(ProviderKind.CoreWeave, GpuKind.L40S, CapacityType.OnDemand)!.UsdPerHour);
    }

    [Fact]
    public void Find_prefers_the_newest_quote_and_keeps_the_older_range()
    {
        PriceOffer[] aws = Catalog.Offers.Where(o => o.Provider == ProviderKind.Aws).ToArray();

        Assert.Equal(2, aws.Length);
        Assert.Contains(aws, o => o.UsdPerGpuHour == 4.10m && o.UsdPerGpuHourHigh == 6.88m && o.AsOf == "2026-04");
        Assert.Equal("2026-05", Catalog.Find(ProviderKind.Aws, GpuKind.H100Sxm5, CapacityType.OnDemand)!.AsOf);
    }

    [Theory]
    [InlineData(GpuKind.B200, CapacityType.Spot, "2.12")]
    [InlineData(GpuKind.B200, CapacityType.OnDemand, "4.00")]
    [InlineData(GpuKind.A100_80GB, CapacityType.Spot, "1.00")]
    [InlineData(GpuKind.L40S, CapacityType.OnDemand, "1.50")]
    [InlineData(GpuKind.H100Pcie, CapacityType.Spot, "0.80")]
    public void FindCheapest_covers_market_wide_quotes(GpuKind gpu, CapacityType capacity, string usd)
    {
        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), Catalog.FindCheapest(gpu, capacity)!.UsdPerGpuHour);
    }

    [Theory]
    [InlineData(ProviderKind.RunPod, GpuKind.L40, CapacityType.OnDemand, "1.22")]
    [InlineData(ProviderKind.RunPod, GpuKind.L40, CapacityType.Spot, "0.69")]
    [InlineData(ProviderKind.RunPod, GpuKind.RtxPro6000Blackwell, CapacityType.OnDemand, "1.57")]
    [InlineData(ProviderKind.RunPod, GpuKind.RtxPro6000Blackwell, CapacityType.Spot, "0.89")]
    public void GPUs_beyond_the_seeds_have_dated_provider_quotes(ProviderKind provider, GpuKind gpu, CapacityType capacity, string usd)
    {
        PriceOffer offer = Catalog.Find(provider, gpu, capacity)!;

        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), offer.UsdPerGpuHour);
        Assert.Equal("2026-03", offer.AsOf);
        Assert.Contains("RunPod GPU Pricing", offer.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GpuKind.MI300X, CapacityType.OnDemand, "1.50")]
    [InlineData(GpuKind.MI300X, CapacityType.Spot, "1.71")]
    [InlineData(GpuKind.MI325X, CapacityType.OnDemand, "1.95")]
    public void AMD_Instinct_GPUs_have_dated_market_quotes(GpuKind gpu, CapacityType capacity, string usd)
    {
        PriceOffer offer = Catalog.FindCheapest(gpu, capacity)!;

        Assert.Equal(decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture), offer.UsdPerGpuHour);
        Assert.Null(offer.Provider);
        Assert.Equal("2026-05", offer.AsOf);
    }

    [Fact]
    public void Every_quote_names_a_GPU_the_catalog_describes_and_a_dated_source()
    {
        foreach (PriceOffer offer in Catalog.Offers)
        {
            Assert.True(Gpus.All.Any(g => g.Kind == offer.Gpu), offer.Gpu.ToString());
            Assert.Matches("^20[0-9]{2}-[01][0-9]$", offer.AsOf);
            Assert.Matches("20[0-9]{2}", offer.Source);
        }
    }

    [Fact]
    public void The_seed_H100_at_2_40_is_a_market_quote()
    {
        Assert.Contains(Catalog.Offers, o => o.Provider is null && o.Gpu == GpuKind.H100Sxm5 && o.UsdPerGpuHour == 2.40m);
    }

    [Fact]
    public void On_device_RTX_5090_amortization_is_about_13_cents_an_hour()
    {
        PriceOffer owned = Catalog.Find(ProviderKind.Local, GpuKind.Rtx5090, CapacityType.Owned)!;

        Assert.Equal(0.13m, Math.Round(owned.UsdPerGpuHour, 2));
        Assert.Equal(0.35m, Math.Round(CostMath.EffectiveUsdPerMillionTokens(owned.UsdPerHour, 100), 2));
    }

    [Fact]
    public void WithOverrides_replaces_the_same_key_adds_new_keys_and_leaves_the_original_alone()
    {
        var runPodH100 = new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 1.99m, CapacityType.OnDemand, "2026-11", "RunPod pricing page");
        var runPodB200 = new PriceOffer(ProviderKind.RunPod, GpuKind.B200, 1, 5.99m, CapacityType.OnDemand, "2026-11", "RunPod pricing page");

        OfferCatalog updated = Catalog.WithOverrides([runPodH100, runPodB200]);

        Assert.Same(runPodH100, updated.Find(ProviderKind.RunPod, GpuKind.H100Sxm5, CapacityType.OnDemand));
        Assert.Same(runPodB200, updated.Find(ProviderKind.RunPod, GpuKind.B200, CapacityType.OnDemand));
        Assert.Equal(Catalog.Offers.Count + 1, updated.Offers.Count);
        Assert.Equal(2.69m, Catalog.Find(ProviderKind.RunPod, GpuKind.H100Sxm5, CapacityType.OnDemand)!.UsdPerGpuHour);
        Assert.Null(Catalog.Find(ProviderKind.RunPod, GpuKind.B200, CapacityType.OnDemand));
    }

    [Fact]
    public void Find_returns_null_when_there_is_no_quote()
    {
        Assert.Null(Catalog.Find(ProviderKind.AzureOpenAI, GpuKind.JetsonAgxOrin, CapacityType.Spot));
    }

    [Fact]
    public void Bad_offers_name_the_parameter()
    {
        Assert.Equal("usdPerGpuHour", Assert.Throws<ArgumentOutOfRangeException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, -1m, CapacityType.OnDemand, "2026-05", "x")).ParamName);
        Assert.Equal("gpuCount", Assert.Throws<ArgumentOutOfRangeException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 0, 1m, CapacityType.OnDemand, "2026-05", "x")).ParamName);
        Assert.Equal("asOf", Assert.Throws<ArgumentException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 1m, CapacityType.OnDemand, "May 2026", "x")).ParamName);
        Assert.Equal("asOf", Assert.Throws<ArgumentException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 1m, CapacityType.OnDemand, "2026-13", "x")).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 1m, CapacityType.OnDemand, "2026-05", " ")).ParamName);
        Assert.Equal("gpu", Assert.Throws<ArgumentOutOfRangeException>(() => new PriceOffer(ProviderKind.RunPod, (GpuKind)77, 1, 1m, CapacityType.OnDemand, "2026-05", "x")).ParamName);
        Assert.Equal("UsdPerGpuHourHigh", Assert.Throws<ArgumentOutOfRangeException>(() => new PriceOffer(ProviderKind.RunPod, GpuKind.H100Sxm5, 1, 2m, CapacityType.OnDemand, "2026-05", "x") { UsdPerGpuHourHigh = 1m }).ParamName);
        Assert.Equal("overrides", Assert.Throws<ArgumentNullException>(() => Catalog.WithOverrides(null!)).ParamName);
        Assert.Equal("overrides", Assert.Throws<ArgumentNullException>(() => Catalog.WithOverrides([null!])).ParamName);
    }
}
