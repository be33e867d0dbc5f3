using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

public class CostMathTests
{
    [Theory]
    [InlineData("2.69", 600, "1.24")]   // RunPod H100, 70B at optimal batch (DeployBase.AI)
    [InlineData("2.40", 400, "1.67")]   // H100 SXM5, Llama-3.3-70B FP8 (Agrawal)
    [InlineData("1.50", 6000, "0.07")]  // L40S, Llama-3.1-8B FP8 (Agrawal)
    [InlineData("2.01", 3000, "0.19")]  // Spheron H100 on-demand, 7B (Spheron)
    [InlineData("0.80", 3000, "0.07")]  // Spheron H100 spot, 7B (Spheron)
    public void Effective_cost_per_million_tokens_reproduces_the_seeds(string usdPerHour, double tokensPerSecond, string seedUsdPerMillion)
    {
        decimal cost = CostMath.EffectiveUsdPerMillionTokens(decimal.Parse(usdPerHour, System.Globalization.CultureInfo.InvariantCulture), tokensPerSecond);

        Assert.InRange(cost, decimal.Parse(seedUsdPerMillion, System.Globalization.CultureInfo.InvariantCulture) - 0.01m, decimal.Parse(seedUsdPerMillion, System.Globalization.CultureInfo.InvariantCulture) + 0.01m);
    }

    [Fact]
    public void RTX_5090_on_device_costs_about_35_cents_per_million_tokens()
    {
        decimal hourly = CostMath.AmortizedUsdPerHour(Gpus.Get(GpuKind.Rtx5090).TypicalPurchasePriceUsd!.Value, 3 * CostMath.HoursPerYear, 0.05m, 0m);
        decimal cost = CostMath.EffectiveUsdPerMillionTokens(hourly, 100);

        Assert.Equal(0.076m, Math.Round(hourly - 0.05m, 3));
        Assert.Equal(0.35m, Math.Round(cost, 2));
    }

    [Fact]
    public void An_H100_bought_for_30000_versus_rented_at_5_an_hour_breaks_even_at_6000_hours()
    {
        Assert.Equal(6_000, CostMath.BreakEvenHours(Gpus.Get(GpuKind.H100Sxm5).TypicalPurchasePriceUsd!.Value, 5m));
    }

    [Fact]
    public void A_pod_at_10_percent_utilization_costs_10_times_per_token_what_it_costs_at_100()
    {
        decimal full = CostMath.EffectiveUsdPerMillionTokens(2.69m, 600, 1.0);
        decimal tenth = CostMath.EffectiveUsdPerMillionTokens(2.69m, 600, 0.1);

        Assert.Equal(10m, Math.Round(tenth / full, 6));
    }

    [Theory]
    [InlineData(0.40, OwnershipRecommendation.Rent)]
    [InlineData(0.699, OwnershipRecommendation.Rent)]
    [InlineData(0.70, OwnershipRecommendation.Either)]
    [InlineData(0.79, OwnershipRecommendation.Either)]
    [InlineData(0.80, OwnershipRecommendation.Own)]
    [InlineData(1.0, OwnershipRecommendation.Own)]
    public void The_utilization_rule_rents_under_70_and_owns_from_80(double utilization, OwnershipRecommendation expected)
    {
        UtilizationVerdict verdict = CostMath.Classify(utilization);

        Assert.Equal(expected, verdict.Recommendation);
        Assert.Equal(utilization, verdict.Utilization);
        Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
    }

    [Theory]
    [InlineData(0.10, TargetTier.Serverless)]
    [InlineData(0.34, TargetTier.Serverless)]
    [InlineData(0.35, TargetTier.CloudPod)]
    [InlineData(0.60, TargetTier.CloudPod)]
    public void Serverless_wins_below_35_percent_and_a_pod_from_there(double utilization, TargetTier expected)
    {
        ServerlessOrPodVerdict verdict = CostMath.ServerlessOrPod(utilization);

        Assert.Equal(expected, verdict.Recommendation);
        Assert.Equal(0.35, verdict.Threshold);
    }

    [Fact]
    public void Self_hosting_wins_when_API_spend_exceeds_GPU_spend_plus_half_an_SRE()
    {
        // $15k/month of API vs one H100 at $2.40/h all year ($21,024) + half a $200k SRE.
        decimal gpu = 2.40m * (decimal)CostMath.HoursPerYear;
        SelfHostComparison high = CostMath.SelfHostVerdict(180_000m, gpu);
        SelfHostComparison low = CostMath.SelfHostVerdict(96_000m, gpu);

        Assert.Equal(100_000m, high.AnnualSreCostUsd);
        Assert.True(high.SelfHostWins, high.Reason);
        Assert.Equal(180_000m - gpu - 100_000m, high.AnnualSavingsUsd);
        Assert.False(low.SelfHostWins, low.Reason);
        Assert.True(low.AnnualSavingsUsd < 0);
    }

    [Fact]
    public void Bad_input_names_the_parameter()
    {
        Assert.Equal("tokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, -5)).ParamName);
        Assert.Equal("tokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, double.NaN)).ParamName);
        Assert.Equal("tokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, 1e-300)).ParamName);
        Assert.Equal("tokensPerSecond", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, 1e300)).ParamName);
        Assert.Equal("utilization", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, 100, 0)).ParamName);
        Assert.Equal("utilization", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(1m, 100, 1.01)).ParamName);
        Assert.Equal("usdPerHour", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.EffectiveUsdPerMillionTokens(-1m, 100)).ParamName);
        Assert.Equal("utilization", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.Classify(0)).ParamName);
        Assert.Equal("utilization", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.ServerlessOrPod(1.5)).ParamName);
        Assert.Equal("lifetimeHours", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.AmortizedUsdPerHour(2_000m, 0, 0m, 0m)).ParamName);
        Assert.Equal("rentUsdPerHour", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.BreakEvenHours(30_000m, 0m)).ParamName);
        Assert.Equal("sreFraction", Assert.Throws<ArgumentOutOfRangeException>(() => CostMath.SelfHostVerdict(1m, 1m, 200_000m, 0)).ParamName);
    }
}
