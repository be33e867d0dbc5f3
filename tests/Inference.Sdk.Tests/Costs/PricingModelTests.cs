using System;
using CsCheck;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Costs;

public class PricingModelTests
{
    private static readonly DateOnly AsOf = new(2026, 5, 1);

    [Fact]
    public void PerToken_integer_and_decimal_arithmetic_agree_to_the_nano_dollar() =>
        Gen.Select(Price, Price, Gen.Select(Price, Price), Gen.Select(Tokens, Tokens, Tokens, Tokens)).Sample((input, output, extra, tokens) =>
        {
            var (cachedPrice, reasoningPrice) = extra;
            var (inputTokens, outputTokens, cachedTokens, reasoningTokens) = tokens;
            var usage = new MeteredUsage(inputTokens, outputTokens, cachedTokens, reasoningTokens);
            var pricing = new PerTokenPricing(input, output, "config", AsOf, cachedPrice, reasoningPrice);

            // The formula in decimals: what the integer fast path (whole nano-dollars per token) must reproduce exactly.
            long cached = Math.Clamp(cachedTokens, 0, Math.Max(inputTokens, 0));
            long reasoning = Math.Clamp(reasoningTokens, 0, Math.Max(outputTokens, 0));
            decimal expected = decimal.Round(
                (((Math.Max(inputTokens, 0) - cached) * input) + (cached * cachedPrice) + ((Math.Max(outputTokens, 0) - reasoning) * output) + (reasoning * reasoningPrice)) / 1_000_000m,
                PricingModel.UsdDecimals,
                MidpointRounding.AwayFromZero);

            Assert.Equal(expected, pricing.ComputeUsd(usage));
        });

    // Whole nano-dollars per token (the integer path), prices with more decimals (the decimal path), and large ones.
    private static readonly Gen<decimal> Price = Gen.OneOf(
        Gen.Int[0, 100_000].Select(k => k / 1000m),
        Gen.Int[0, 100_000_000].Select(k => k / 1_000_000m),
        Gen.Int[0, 5_000_000].Select(k => (decimal)k));

    private static readonly Gen<long> Tokens = Gen.OneOf(Gen.Long[-10, 200_000], Gen.Long[0, 5_000_000_000]);

    [Fact]
    public void PerToken_bills_input_and_output_at_their_prices()
    {
        var pricing = new PerTokenPricing(2.50m, 10.00m, "config", AsOf);

        decimal usd = pricing.ComputeUsd(new MeteredUsage(InputTokens: 1_000, OutputTokens: 500));

        Assert.Equal(0.0075m, usd); // 1000 × 2.5e-6 + 500 × 1e-5
        Assert.Equal(PricingKind.PerToken, pricing.Kind);
        Assert.Equal("config", pricing.Source);
        Assert.Equal(AsOf, pricing.AsOf);
    }

    [Fact]
    public void PerToken_bills_cached_and_reasoning_tokens_instead_of_not_on_top_of_input_and_output()
    {
        var pricing = new PerTokenPricing(2.00m, 8.00m, "openai.com/pricing", AsOf, cachedInputUsdPerMillionTokens: 0.50m, reasoningUsdPerMillionTokens: 12.00m);

        decimal usd = pricing.ComputeUsd(new MeteredUsage(InputTokens: 10_000, OutputTokens: 2_000, CachedInputTokens: 4_000, ReasoningTokens: 500));

        // 6000 × 2 + 4000 × 0.5 + 1500 × 8 + 500 × 12 = 12000 + 2000 + 12000 + 6000 = 32000 per million.
        Assert.Equal(0.032m, usd);
    }

    [Fact]
    public void PerToken_without_cached_or_reasoning_prices_falls_back_to_input_and_output_prices()
    {
        var pricing = new PerTokenPricing(1m, 4m, "config", AsOf);

        Assert.Equal(
            pricing.ComputeUsd(new MeteredUsage(1_000, 1_000)),
            pricing.ComputeUsd(new MeteredUsage(1_000, 1_000, CachedInputTokens: 300, ReasoningTokens: 700)));
    }

    [Fact]
    public void GpuHour_bills_the_request_its_share_of_busy_time()
    {
        var pricing = new GpuHourPricing(2.69m, gpuCount: 2, CapacityType.OnDemand, "runpod.io", AsOf);

        decimal alone = pricing.ComputeUsd(new MeteredUsage(100, 100, Elapsed: TimeSpan.FromSeconds(36), ConcurrentRequests: 1));
        decimal shared = pricing.ComputeUsd(new MeteredUsage(100, 100, Elapsed: TimeSpan.FromSeconds(36), ConcurrentRequests: 4));

        Assert.Equal(5.38m, pricing.UsdPerHour);
        Assert.Equal(0.0538m, alone); // 36 s of a $5.38/h replica
        Assert.Equal(0.01345m, shared);
    }

    [Fact]
    public void GpuHour_owned_hardware_is_amortization_plus_power_and_operations()
    {
        // Seed: 4× H100 at $3,600 each over 3 years (26,280 h) = $0.137/h per GPU; $0.80/h electricity and cooling; ≈ $1.35/h.
        var pricing = GpuHourPricing.Owned(3_600m, 4, amortizationYears: 3, powerAndCoolingUsdPerHour: 0.80m, operationsUsdPerHour: 0m, "seed", AsOf);

        Assert.Equal(CapacityType.Owned, pricing.Capacity);
        Assert.Equal(1.35m, decimal.Round(pricing.UsdPerHour, 2));
        decimal perMillionAt2400TokensPerSecond = pricing.UsdPerHour / 3600m * 1_000_000m / 2_400m;
        Assert.Equal(0.156m, decimal.Round(perMillionAt2400TokensPerSecond, 3));
    }

    [Fact]
    public void ServerlessSecond_bills_execution_time_and_delay_only_when_configured()
    {
        var executionOnly = new ServerlessSecondPricing(0.00076m, "runpod.io/serverless", AsOf);
        var withDelay = new ServerlessSecondPricing(0.00076m, "runpod.io/serverless", AsOf, billsDelay: true);
        var usage = new MeteredUsage(10, 10, Elapsed: TimeSpan.FromSeconds(9), ServerlessExecution: TimeSpan.FromMilliseconds(2_500), ServerlessDelay: TimeSpan.FromMilliseconds(4_000));

        Assert.Equal(0.0019m, executionOnly.ComputeUsd(usage));
        Assert.Equal(0.00494m, withDelay.ComputeUsd(usage));
        Assert.Equal(0.00684m, executionOnly.ComputeUsd(usage with { ServerlessExecution = null })); // wall clock when not reported
    }

    [Fact]
    public void Costs_are_rounded_to_nano_dollars()
    {
        var pricing = new PerTokenPricing(0.0000001m, 0m, "config", AsOf);

        Assert.Equal(0m, pricing.ComputeUsd(new MeteredUsage(1, 0)));
        Assert.Equal(0.000000001m, pricing.ComputeUsd(new MeteredUsage(10_000, 0)));
    }

    [Fact]
    public void Bad_prices_name_the_parameter()
    {
        Assert.Equal("inputUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new PerTokenPricing(-1m, 1m, "x", AsOf)).ParamName);
        Assert.Equal("cachedInputUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => new PerTokenPricing(1m, 1m, "x", AsOf, cachedInputUsdPerMillionTokens: -1m)).ParamName);
        Assert.Equal("gpuCount", Assert.Throws<ArgumentOutOfRangeException>(() => new GpuHourPricing(1m, 0, CapacityType.Spot, "x", AsOf)).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new GpuHourPricing(1m, 1, CapacityType.PerToken, "x", AsOf)).ParamName);
        Assert.Equal("amortizationYears", Assert.Throws<ArgumentOutOfRangeException>(() => GpuHourPricing.Owned(1m, 1, 0m, 0m, 0m, "x", AsOf)).ParamName);
        Assert.Equal("usdPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => new ServerlessSecondPricing(-0.1m, "x", AsOf)).ParamName);
        Assert.Equal("source", Assert.Throws<ArgumentException>(() => new PerTokenPricing(1m, 1m, " ", AsOf)).ParamName);
    }
}
