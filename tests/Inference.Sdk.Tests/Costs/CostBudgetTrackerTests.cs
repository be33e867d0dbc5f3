using System;
using System.Collections.Generic;
using Inference.Sdk.Costs;

namespace Inference.Sdk.Tests.Costs;

public class CostBudgetTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_budget_means_unlimited()
    {
        var tracker = new CostBudgetTracker(new InMemoryCostLedger(), []);

        Assert.Equal(BudgetStatus.Unlimited, tracker.GetStatus("acme"));
        Assert.Equal(BudgetStatus.Unlimited, tracker.GetStatus(null));
    }

    [Fact]
    public void The_tightest_of_the_tenant_and_global_budgets_wins()
    {
        var time = new ManualTimeProvider(Start);
        var ledger = new InMemoryCostLedger();
        var tracker = new CostBudgetTracker(ledger, [new CostBudget(100m, CostWindow.Month), new CostBudget(10m, CostWindow.Day, "acme")], time);

        ledger.Record(CostLedgerTests.Cost(7m, tenant: "acme", at: Start));
        ledger.Record(CostLedgerTests.Cost(50m, tenant: "other", at: Start));

        Assert.Equal(new BudgetStatus(3m, false), tracker.GetStatus("acme"));
        Assert.Equal(new BudgetStatus(43m, false), tracker.GetStatus("other"));
        Assert.Equal(new BudgetStatus(43m, false), tracker.GetStatus(null));

        ledger.Record(CostLedgerTests.Cost(4m, tenant: "acme", at: Start));
        Assert.Equal(new BudgetStatus(-1m, true), tracker.GetStatus("acme"));
        Assert.False(tracker.GetStatus("other").IsExhausted);

        time.Advance(TimeSpan.FromDays(1)); // a new day: the tenant's day budget is fresh, the month still counts
        Assert.Equal(new BudgetStatus(10m, false), tracker.GetStatus("acme"));
        Assert.Equal(39m, tracker.GetRemaining(new CostBudget(100m, CostWindow.Month)));
    }

    [Fact]
    public void Each_threshold_is_raised_once_per_window()
    {
        var time = new ManualTimeProvider(Start);
        var ledger = new InMemoryCostLedger();
        var budget = new CostBudget(10m, CostWindow.Day, "acme");
        using var tracker = new CostBudgetTracker(ledger, [budget], time);
        var crossed = new List<(double Threshold, decimal Spent, DateOnly Window)>();
        tracker.ThresholdCrossed += (_, e) => crossed.Add((e.Threshold, e.SpentUsd, e.WindowStart));

        ledger.Record(CostLedgerTests.Cost(5m, tenant: "acme", at: Start));
        Assert.Empty(crossed);
        ledger.Record(CostLedgerTests.Cost(3m, tenant: "acme", at: Start));
        ledger.Record(CostLedgerTests.Cost(0.5m, tenant: "acme", at: Start));
        ledger.Record(CostLedgerTests.Cost(2m, tenant: "acme", at: Start));
        ledger.Record(CostLedgerTests.Cost(2m, tenant: "acme", at: Start));
        ledger.Record(CostLedgerTests.Cost(9m, tenant: "someone-else", at: Start));

        Assert.Equal([(0.8, 8m, new DateOnly(2026, 6, 15)), (1.0, 10.5m, new DateOnly(2026, 6, 15))], crossed);

        time.Advance(TimeSpan.FromDays(1));
        ledger.Record(CostLedgerTests.Cost(9m, tenant: "acme", at: Start.AddDays(1)));
        Assert.Equal((0.8, 9m, new DateOnly(2026, 6, 16)), crossed[^1]);
        Assert.Equal(3, crossed.Count);
    }

    [Fact]
    public void Bad_arguments_name_the_parameter()
    {
        Assert.Equal("limitUsd", Assert.Throws<ArgumentOutOfRangeException>(() => new CostBudget(0m, CostWindow.Day)).ParamName);
        Assert.Equal("tenant", Assert.Throws<ArgumentException>(() => new CostBudget(1m, CostWindow.Day, "")).ParamName);
        Assert.Equal("thresholds", Assert.Throws<ArgumentOutOfRangeException>(() => new CostBudgetTracker(new InMemoryCostLedger(), [], thresholds: [0.0])).ParamName);
        Assert.Equal("ledger", Assert.Throws<ArgumentNullException>(() => new CostBudgetTracker(null!, [])).ParamName);
    }
}
