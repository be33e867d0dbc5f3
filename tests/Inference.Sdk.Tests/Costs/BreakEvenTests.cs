using System;
using System.Linq;
using CsCheck;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Costs;

public class BreakEvenTests
{
    // The seeds' startup: $8,000 a month of API for about 20 M tokens a day of Qwen3.5-35B-A3B.
    private static readonly Workload Startup = new()
    {
        ModelId = ModelIds.Qwen35_35B_A3B,
        InputTokensPerDay = 15_000_000,
        OutputTokensPerDay = 5_000_000,
        Pattern = TrafficPattern.Steady,
        CurrentApiMonthlyUsd = 8_000m,
    };

    private static readonly Placement[] Plan = [.. new DeploymentPlanner().Plan(Startup)];

    private static Placement SpheronSpot => Plan.Single(p => p.Provider == ProviderKind.Spheron && p.Gpu == GpuKind.H100Sxm5 && p.Capacity == CapacityType.Spot);

    private static Placement Owned => Plan.Single(p => p.Capacity == CapacityType.Owned);

    [Fact]
    public void The_startup_pays_about_13_dollars_per_million_API_tokens_and_the_API_line_goes_through_its_bill()
    {
        decimal price = BreakEven.ApiUsdPerMillionTokens(Startup);

        Assert.InRange(price, 13.14m, 13.16m); // 8,000 ÷ (20 M × 30.42 days ÷ 1 M)
        Assert.Equal(8_000m, BreakEven.ApiMonthlyUsd(price, Startup.TokensPerDay));
        Assert.Equal(4_000m, BreakEven.ApiMonthlyUsd(price, Startup.TokensPerDay / 2.0));
        Assert.Equal(0m, BreakEven.ApiMonthlyUsd(price, 0));
    }

    [Fact]
    public void A_placement_at_its_planned_volume_costs_what_the_planner_said_and_steps_up_by_whole_units()
    {
        Placement spot = SpheronSpot;
        double unitTokensPerDay = spot.TokensPerSecond * 86_400 / 1.2; // steady: the peak is 1.2 × the average

        Assert.Equal(spot.MonthlyUsd, BreakEven.PlacementMonthlyUsd(spot, Startup, Startup.TokensPerDay));
        Assert.Equal(spot.MonthlyUsd, BreakEven.PlacementMonthlyUsd(spot, Startup, 1));
        Assert.Equal(spot.MonthlyUsd, BreakEven.PlacementMonthlyUsd(spot, Startup, unitTokensPerDay * 0.999));
        Assert.Equal(spot.MonthlyUsd * 2, BreakEven.PlacementMonthlyUsd(spot, Startup, unitTokensPerDay * 1.001));
        Assert.Equal(spot.MonthlyUsd * 3, BreakEven.PlacementMonthlyUsd(spot, Startup, unitTokensPerDay * 2.5));
    }

    [Fact]
    public void The_API_break_even_is_where_both_curves_cost_the_same()
    {
        decimal price = BreakEven.ApiUsdPerMillionTokens(Startup);
        Placement spot = SpheronSpot;

        double volume = BreakEven.ApiBreakEvenTokensPerDay(spot, Startup, price)!.Value;

        // A Spheron spot H100 at ≈ $890 a month beats $13.15/Mtok from about 2.2 M tokens a day.
        Assert.InRange(volume, 2.1e6, 2.4e6);
        Assert.InRange(BreakEven.ApiMonthlyUsd(price, volume), spot.MonthlyUsd - 0.01m, spot.MonthlyUsd + 0.01m);
        Assert.True(BreakEven.ApiMonthlyUsd(price, volume * 0.9) < BreakEven.PlacementMonthlyUsd(spot, Startup, volume * 0.9));
        Assert.True(BreakEven.ApiMonthlyUsd(price, volume * 1.1) > BreakEven.PlacementMonthlyUsd(spot, Startup, volume * 1.1));
    }

    [Fact]
    public void A_placement_dearer_than_the_API_even_when_full_never_breaks_even()
    {
        // At $0.10/Mtok the API undercuts a fully used H100 ($0.47/Mtok at full load).
        Assert.Null(BreakEven.ApiBreakEvenTokensPerDay(SpheronSpot, Startup, 0.10m));
    }

    [Fact]
    public void Owned_four_H100s_overtake_one_rented_H100_where_the_pod_needs_a_second_GPU()
    {
        Placement spot = SpheronSpot;
        Placement owned = Owned;
        double spotStep = spot.TokensPerSecond * 86_400 / 1.2;

        double? crossover = BreakEven.CrossoverTokensPerDay(spot, owned, Startup, 10 * spotStep);

        // The owned machine (≈ $985 a month, four replicas) costs more than one spot H100 (≈ $890) but less than two.
        Assert.True(owned.MonthlyUsd > spot.MonthlyUsd && owned.MonthlyUsd < 2 * spot.MonthlyUsd);
        Assert.Equal(spotStep, crossover!.Value, 6);
        Assert.True(BreakEven.PlacementMonthlyUsd(owned, Startup, crossover.Value * 1.01) < BreakEven.PlacementMonthlyUsd(spot, Startup, crossover.Value * 1.01));
        Assert.Null(BreakEven.CrossoverTokensPerDay(spot, owned, Startup, spotStep * 0.5));
        Assert.Equal(0, BreakEven.CrossoverTokensPerDay(owned, spot, Startup, spotStep)); // the spot pod is cheaper from the start
    }

    [Fact]
    public void A_placement_dearer_than_half_the_API_per_full_unit_wins_for_good_only_past_the_crossing_of_a_later_unit()
    {
        Placement spot = SpheronSpot;
        double step = spot.TokensPerSecond * 86_400 / 1.2;
        decimal price = spot.MonthlyUsd / (decimal)(step * BreakEven.DaysPerMonth / 1e6) / 0.6m; // r = 0.6: N = ⌈1 ÷ 0.4⌉ = 3

        double volume = BreakEven.ApiBreakEvenTokensPerDay(spot, Startup, price)!.Value;

        Assert.Equal(2 * 0.6 * step, volume, 1e-6 * step);
        Assert.True(BreakEven.PlacementMonthlyUsd(spot, Startup, 0.7 * step) <= BreakEven.ApiMonthlyUsd(price, 0.7 * step)); // first win in unit 1 ...
        Assert.True(BreakEven.PlacementMonthlyUsd(spot, Startup, 1.1 * step) > BreakEven.ApiMonthlyUsd(price, 1.1 * step));  // ... lost after the 2nd unit
    }

    [Fact]
    public void Past_the_API_break_even_a_placement_is_never_dearer_than_the_API() => Gen.Select(Gen.Int[0, Plan.Length - 1], Gen.Double[0.05, 0.99], Gen.Int[1, 30], Gen.Double[0, 1])
        .Sample((index, ratio, units, position) =>
        {
            // The API priced so that a full unit costs `ratio` of what the API charges for its tokens (r).
            Placement placement = Plan[index];
            double step = placement.TokensPerSecond / placement.Replicas * 86_400 / 1.2;
            decimal price = placement.MonthlyUsd / placement.Replicas / (decimal)(step * BreakEven.DaysPerMonth / 1e6) / (decimal)ratio;
            double v = (units + Math.Pow(position, 4)) * step; // biased to just past a step, where a new unit costs most per token
            if (BreakEven.ApiBreakEvenTokensPerDay(placement, Startup, price) is { } volume && v >= volume)
            {
                Assert.True(BreakEven.PlacementMonthlyUsd(placement, Startup, v) <= BreakEven.ApiMonthlyUsd(price, v) + 0.02m, $"r = {ratio}, {v:N0} tokens/day");
            }
        });

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("usdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.ApiMonthlyUsd(-1m, 1)).ParamName);
        Assert.Equal("tokensPerDay", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.PlacementMonthlyUsd(SpheronSpot, Startup, -1)).ParamName);
        Assert.Equal("apiUsdPerMillionTokens", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.ApiBreakEvenTokensPerDay(SpheronSpot, Startup, 0m)).ParamName);
        Assert.Equal("maxTokensPerDay", Assert.Throws<ArgumentOutOfRangeException>(() => BreakEven.CrossoverTokensPerDay(SpheronSpot, Owned, Startup, 1e15)).ParamName);
        Assert.Equal("workload", Assert.Throws<ArgumentException>(() => BreakEven.ApiUsdPerMillionTokens(Startup with { CurrentApiMonthlyUsd = null })).ParamName);
        Assert.Equal("placement", Assert.Throws<ArgumentException>(() => BreakEven.PlacementMonthlyUsd(SpheronSpot with { Replicas = 0 }, Startup, 1)).ParamName);
    }
}
