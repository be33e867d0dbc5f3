using System;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>The pure parts of the monitors: a provider snapshot's verdict for the router, and the expected cost from an hourly price.</summary>
public sealed class ProviderSignalsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static TargetHealth Health(bool healthy, bool? capacity = true, bool cold = false, string? status = "RUNNING") =>
        new() { TargetName = "t", Healthy = healthy, CapacityAvailable = capacity, ColdStartExpected = cold, Status = status, ObservedAt = Now };

    [Theory]
    [InlineData(true, true, false, "Running", true)]            // pod RUNNING
    [InlineData(false, true, false, "Exited", false)]           // pod EXITED
    [InlineData(false, false, false, "Preempted", false)]       // Lambda spot preempted: no capacity
    [InlineData(true, false, false, "warm", false)]             // RunPod serverless: every worker unhealthy
    [InlineData(true, true, true, "cold", true)]                // no idle or ready worker: still healthy, cold start expected
    public void A_snapshot_maps_to_in_or_out_of_service(bool healthy, bool capacity, bool cold, string status, bool inService)
    {
        ProviderVerdict verdict = ProviderSignals.Evaluate(Health(healthy, capacity, cold, status));

        Assert.True(verdict.Known);
        Assert.Equal(inService, verdict.Healthy);
        Assert.Equal(cold, verdict.ColdStartExpected);
        Assert.StartsWith(inService ? "in service" : "out of service", verdict.State, StringComparison.Ordinal);
        Assert.Contains(status, verdict.State, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_this_version_does_not_know_leaves_the_verdict_unknown()
    {
        ProviderVerdict verdict = ProviderSignals.Evaluate(Health(false, capacity: true, status: "Unknown") with { StatusUnknown = true });

        Assert.False(verdict.Known);
        Assert.StartsWith("unknown", verdict.State, StringComparison.Ordinal);
    }

    [Fact]
    public void A_control_plane_that_could_not_be_read_leaves_the_verdict_unknown()
    {
        ProviderVerdict verdict = ProviderSignals.Evaluate(Health(false, capacity: null, status: nameof(TargetUnavailableException)));

        Assert.False(verdict.Known);
        Assert.Contains(nameof(TargetUnavailableException), verdict.State, StringComparison.Ordinal);
    }

    [Fact]
    public void The_per_request_cost_is_the_seeds_effective_price_per_token()
    {
        // The seed: RTX 4090 at $0.34/h serving 120 tok/s ≈ $0.78 per million tokens.
        decimal perMillion = ExpectedCost.PerRequest(0.34m, 120, 600_000, 400_000);

        Assert.Equal(CostMath.EffectiveUsdPerMillionTokens(0.34m, 120), perMillion);
        Assert.InRange(perMillion, 0.78m, 0.79m);
        Assert.Equal(perMillion / 1000m, ExpectedCost.PerRequest(0.34m, 120, 600, 400));
    }

    [Fact]
    public void The_hourly_price_is_live_then_configured_then_the_dated_knowledge_offer()
    {
        var target = new InferenceTargetOptions { Provider = ProviderKind.RunPod, Gpu = GpuKind.H100Sxm5, GpuCount = 2 };
        var live = new ProviderPrice(5.00m, "runpod:/v2/pods/p1", Now, IsLive: true);

        ProviderPrice? offer = TargetCost.HourlyPrice(null, target, Now);
        Assert.NotNull(offer);
        Assert.False(offer.IsLive);
        PriceOffer expected = OfferCatalog.Default.Find(ProviderKind.RunPod, GpuKind.H100Sxm5, CapacityType.OnDemand)!;
        Assert.Equal(expected.UsdPerGpuHour * 2, offer.UsdPerHour);
        Assert.Equal(expected.Source, offer.Source);

        target.UsdPerGpuHour = 2.10m;
        Assert.Equal((4.20m, InferencePricing.ConfigurationSource), (TargetCost.HourlyPrice(null, target, Now)!.UsdPerHour, TargetCost.HourlyPrice(null, target, Now)!.Source));
        Assert.Same(live, TargetCost.HourlyPrice(live, target, Now));
    }

    [Fact]
    public void The_expected_cost_reads_the_live_price_on_every_call()
    {
        var target = new InferenceTargetOptions { Provider = ProviderKind.RunPod, ProviderResourceId = "p1", TokensPerSecond = 1000 };
        ProviderPrice? live = null;
        var time = TimeProvider.System;

        ExpectedCost cost = TargetCost.ExpectedCost(target, InferencePricing.For(target, DateOnly.FromDateTime(Now.UtcDateTime)), time.GetUtcNow())!;
        Assert.Equal(0m, cost.Of(100, 100, live)); // nothing known yet
        live = new ProviderPrice(3.60m, "runpod:/v2/pods/p1", Now, IsLive: true);
        Assert.Equal(ExpectedCost.PerRequest(3.60m, 1000, 100, 100), cost.Of(100, 100, live));
        live = live with { UsdPerHour = 7.20m };
        Assert.Equal(2 * ExpectedCost.PerRequest(3.60m, 1000, 100, 100), cost.Of(100, 100, live));
    }

    [Fact]
    public void A_gpu_hour_price_without_a_throughput_figure_is_priced_at_the_rate_the_gpus_memory_bandwidth_allows_its_model()
    {
        // samples/AspNetChat's edge: Llama-3.1-8B in GGUF Q4_K_M on an RTX 4090 at $0.34/h, no TokensPerSecond and no seed figure.
        var edge = new InferenceTargetOptions { Model = ModelIds.Llama31_8B, Gpu = GpuKind.Rtx4090, Quantization = Quantization.GgufQ4KM, UsdPerGpuHour = 0.34m };
        DateOnly today = DateOnly.FromDateTime(Now.UtcDateTime);
        double bound = Gpus.Get(GpuKind.Rtx4090).MemoryBandwidthTBps * 1e12 / (Models.Get(ModelIds.Llama31_8B).ActiveParametersBillions * 1e9 * Quantizations.Get(Quantization.GgufQ4KM).BytesPerWeight);

        ExpectedCost? cost = TargetCost.ExpectedCost(edge, InferencePricing.For(edge, today), Now);

        Assert.Equal(bound, TargetCost.Throughput(edge));
        Assert.InRange(bound, 150, 250); // 1.008 TB/s over ~4.8 GB of weights (~209); the seeds measure 100-260 tok/s for 7B Q4 on consumer cards
        Assert.Equal(ExpectedCost.PerRequest(0.34m, bound, 500, 150), cost!.Of(500, 150, live: null));
        Assert.True(cost.Of(500, 150, live: null) > 0m);
        // Two GPUs read twice as fast; a model the catalog does not know has no such estimate unless it is described.
        Assert.Equal(2 * bound, TargetCost.Throughput(new InferenceTargetOptions { Model = ModelIds.Llama31_8B, Gpu = GpuKind.Rtx4090, GpuCount = 2, Quantization = Quantization.GgufQ4KM })!.Value, 6);
        var unknown = new InferenceTargetOptions { Model = "my-org/private-8b", Gpu = GpuKind.Rtx4090, UsdPerGpuHour = 0.34m };
        Assert.Null(TargetCost.Throughput(unknown));
        var described = new ModelSpec("my-org/private-8b", "private", ModelFamily.Llama3, 8, 8, 8192, null, null, null, "test"); // BF16, 2 bytes a weight
        Assert.Equal(1.008e12 / (8e9 * 2), TargetCost.Throughput(unknown, [described])!.Value, 6);
    }

    [Fact]
    public void Token_prices_and_unknown_throughput_keep_the_configured_meaning()
    {
        var perToken = new InferenceTargetOptions { InputUsdPerMillionTokens = 1m, OutputUsdPerMillionTokens = 2m, TokensPerSecond = 1000, ProviderResourceId = "x" };
        var noThroughput = new InferenceTargetOptions { UsdPerGpuHour = 2m, Gpu = GpuKind.H100Sxm5 };
        var time = TimeProvider.System;
        DateOnly today = DateOnly.FromDateTime(Now.UtcDateTime);

        Assert.Equal(3m / 1_000_000m, TargetCost.ExpectedCost(perToken, InferencePricing.For(perToken, today), time.GetUtcNow())!.Of(1, 1, new ProviderPrice(100m, "x", Now, true)));
        Assert.Null(TargetCost.ExpectedCost(noThroughput, InferencePricing.For(noThroughput, today), time.GetUtcNow()));
    }
}
