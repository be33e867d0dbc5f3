using System;
using System.Linq;
using CsCheck;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Costs;

public class CostLedgerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly PerTokenPricing Api = new(0.15m, 0.60m, "config", new DateOnly(2026, 6, 1));

    [Fact]
    public void Default_attempt_ids_are_unique_across_threads()
    {
        var ids = new System.Collections.Concurrent.ConcurrentDictionary<Guid, byte>();
        System.Threading.Tasks.Parallel.For(0, 200_000, _ => Assert.True(ids.TryAdd(Cost(1m).AttemptId, 0)));
        Assert.Equal(200_000, ids.Count);
    }

    [Fact]
    public void Nano_dollars_from_the_mantissa_equal_the_decimal_arithmetic() =>
        Gen.Select(Gen.Long[-4_000_000_000_000_000_000, 4_000_000_000_000_000_000], Gen.Int[0, 14]).Sample((mantissa, scale) =>
        {
            long abs = Math.Abs(mantissa);
            decimal usd = new((int)(abs & 0xFFFFFFFF), (int)(abs >> 32), 0, mantissa < 0, (byte)scale);
            decimal wide = usd * 1_000_000m; // beyond a long's mantissa: the decimal path
            if (Math.Abs(usd) < 9_000_000_000m) // a long holds up to ~$9.2 billion in nano-dollars
            {
                Assert.Equal(CostKeys.ToNanosSlow(usd), CostKeys.ToNanos(usd));
            }

            if (Math.Abs(wide) < 9_000_000_000m)
            {
                Assert.Equal(CostKeys.ToNanosSlow(wide), CostKeys.ToNanos(wide));
            }
        });

    internal static RequestCost Cost(decimal usd, long input = 10, long output = 5, string target = "api", string? tenant = null, DateTimeOffset? at = null, bool estimated = false)
        => new()
        {
            Usd = usd,
            Pricing = PricingKind.PerToken,
            Target = target,
            Provider = ProviderKind.OpenAICompatible,
            Model = "gpt-4o-mini",
            Tier = TargetTier.HostedApi,
            Tenant = tenant,
            InputTokens = input,
            OutputTokens = output,
            IsEstimated = estimated,
            Timestamp = at ?? Noon,
        };

    [Fact]
    public void Interleaved_routes_add_to_their_own_totals_only() =>
        Gen.Select(Gen.Int[0, 1], Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[1, 1000]).Array[1, 60].Sample(records =>
        {
            string[] targets = ["a", "b"];
            string?[] tenants = [null, "acme", "globex"];
            string[] models = ["m1", "m2", "m3"];
            var ledger = new InMemoryCostLedger();
            foreach (var (t, n, m, d, cents) in records)
            {
                var cost = Cost(cents / 100m, input: cents, target: targets[t], tenant: tenants[n], at: Noon.AddDays(d)) with { Model = models[m] };
                Assert.True(ledger.Record(cost));
            }

            foreach (int d in new[] { 0, 1 })
            {
                foreach (int t in new[] { 0, 1 })
                {
                    var expected = records.Where(r => r.Item1 == t && r.Item4 == d).ToArray();
                    var totals = ledger.GetTotals(CostDimension.Target, targets[t], CostWindow.Day, Noon.AddDays(d));
                    Assert.Equal(expected.Sum(r => r.Item5 / 100m), totals.Usd);
                    Assert.Equal(expected.Sum(r => (long)r.Item5), totals.InputTokens);
                    Assert.Equal(expected.Length, totals.Requests);
                }

                foreach (int n in new[] { 1, 2 })
                {
                    Assert.Equal(records.Where(r => r.Item2 == n && r.Item4 == d).Sum(r => r.Item5 / 100m), ledger.GetTotals(CostDimension.Tenant, tenants[n], CostWindow.Day, Noon.AddDays(d)).Usd);
                }

                foreach (int m in new[] { 0, 1, 2 })
                {
                    Assert.Equal(records.Where(r => r.Item3 == m && r.Item4 == d).Sum(r => r.Item5 / 100m), ledger.GetTotals(CostDimension.Model, models[m], CostWindow.Day, Noon.AddDays(d)).Usd);
                }
            }
        });

    [Fact]
    public void Totals_are_grouped_by_every_dimension_and_window()
    {
        var ledger = new InMemoryCostLedger();
        ledger.Record(Cost(0.25m, 100, 10, target: "a", tenant: "acme"));
        ledger.Record(Cost(0.50m, 200, 20, target: "b", tenant: "acme", estimated: true));
        ledger.Record(Cost(1.00m, 300, 30, target: "a", tenant: null, at: Noon.AddDays(1)));

        Assert.Equal(new CostTotals(0.75m, 300, 30, 2, 1), ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, Noon));
        Assert.Equal(new CostTotals(1.75m, 600, 60, 3, 1), ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, Noon));
        Assert.Equal(1.25m, ledger.GetTotals(CostDimension.Target, "a", CostWindow.Month, Noon).Usd);
        Assert.Equal(0.75m, ledger.GetTotals(CostDimension.Tenant, "acme", CostWindow.Month, Noon).Usd);
        Assert.Equal(1.00m, ledger.GetTotals(CostDimension.Tenant, null, CostWindow.Month, Noon).Usd);
        Assert.Equal(1.75m, ledger.GetTotals(CostDimension.Provider, "OpenAICompatible", CostWindow.Month, Noon).Usd);
        Assert.Equal(1.75m, ledger.GetTotals(CostDimension.Tier, "HostedApi", CostWindow.Month, Noon).Usd);
        Assert.Equal(1.75m, ledger.GetTotals(CostDimension.Model, "gpt-4o-mini", CostWindow.Month, Noon).Usd);
        Assert.Equal(CostTotals.Zero, ledger.GetTotals(CostDimension.Target, "a", CostWindow.Month, Noon.AddMonths(1)));

        var byTarget = ledger.GetBreakdown(CostDimension.Target, CostWindow.Month, Noon);
        Assert.Equal(2, byTarget.Count);
        Assert.Equal(0.50m, byTarget["b"].Usd);
    }

    [Fact]
    public void The_same_attempt_is_counted_once()
    {
        var ledger = new InMemoryCostLedger();
        RequestCost cost = Cost(0.10m);

        Assert.True(ledger.Record(cost));
        Assert.False(ledger.Record(cost));
        Assert.False(ledger.Record(cost with { Usd = 0.10m })); // a copy keeps the attempt id

        Assert.Equal(new CostTotals(0.10m, 10, 5, 1, 0), ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, Noon));
    }

    [Fact]
    public void A_million_requests_sum_exactly_in_decimal()
    {
        var ledger = new InMemoryCostLedger();
        long inputSum = 0;
        long outputSum = 0;
        double floatSum = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            long input = 100 + (i % 997);
            long output = 1 + (i % 389);
            decimal usd = Api.ComputeUsd(new MeteredUsage(input, output));
            floatSum += (double)usd;
            ledger.Record(Cost(usd, input, output));
            inputSum += input;
            outputSum += output;
        }

        decimal expected = ((inputSum * 0.15m) + (outputSum * 0.60m)) / 1_000_000m;
        CostTotals totals = ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, Noon);
        Assert.Equal(expected, totals.Usd);
        Assert.Equal(inputSum, totals.InputTokens);
        Assert.Equal(outputSum, totals.OutputTokens);
        Assert.Equal(1_000_000, totals.Requests);
        Assert.NotEqual(expected, (decimal)floatSum); // what binary floating point would have drifted to
    }

    [Fact]
    public void Old_windows_are_evicted_so_memory_stays_bounded()
    {
        var ledger = new InMemoryCostLedger(new CostLedgerOptions { DaysRetained = 3, MonthsRetained = 2 });
        for (int day = 0; day < 400; day++)
        {
            ledger.Record(Cost(0.01m, at: Noon.AddDays(day)));
        }

        DateTimeOffset last = Noon.AddDays(399);
        Assert.Equal(0.01m, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, last).Usd);
        Assert.Equal(0.01m, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, last.AddDays(-2)).Usd);
        Assert.Equal(CostTotals.Zero, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, last.AddDays(-3)));
        Assert.Equal(CostTotals.Zero, ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, last.AddMonths(-2)));
        Assert.True(ledger.GetTotals(CostDimension.Global, null, CostWindow.Month, last).Usd > 0);
        Assert.True(ledger.TotalsHeld <= Enum.GetValues<CostDimension>().Length * (3 + 2), $"{ledger.TotalsHeld} totals held");
    }

    [Fact]
    public void Groups_beyond_the_limit_are_folded_into_other_without_losing_money()
    {
        var ledger = new InMemoryCostLedger(new CostLedgerOptions { MaxTotals = 64 });
        for (int i = 0; i < 10_000; i++)
        {
            ledger.Record(Cost(0.001m, tenant: $"tenant-{i}"));
        }

        Assert.True(ledger.TotalsHeld <= 64 + 12, $"{ledger.TotalsHeld} totals held");
        Assert.Equal(10m, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, Noon).Usd);
        var byTenant = ledger.GetBreakdown(CostDimension.Tenant, CostWindow.Day, Noon);
        Assert.Equal(10m, SumUsd(byTenant.Values));
        Assert.True(byTenant[ICostLedger.OtherKey].Requests > 9_000);
    }

    [Fact]
    public void Bad_options_name_the_setting()
    {
        Assert.Equal("DaysRetained", Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryCostLedger(new CostLedgerOptions { DaysRetained = 0 })).ParamName);
        Assert.Equal("MaxTotals", Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryCostLedger(new CostLedgerOptions { MaxTotals = 1 })).ParamName);
        Assert.Equal("cost", Assert.Throws<ArgumentNullException>(() => new InMemoryCostLedger().Record(null!)).ParamName);
    }

    private static decimal SumUsd(System.Collections.Generic.IEnumerable<CostTotals> totals)
    {
        decimal sum = 0;
        foreach (CostTotals t in totals)
        {
            sum += t.Usd;
        }

        return sum;
    }
}
