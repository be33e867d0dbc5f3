using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Inference.Sdk.Costs;

/// <summary>
/// Implements <see cref="IBudgetTracker"/> over an <see cref="ICostLedger"/>: a tenant's status combines its own budgets with the
/// global ones, and the tightest wins. Reads come from the ledger's in-memory totals (no I/O). Each time the ledger records a cost
/// the budgets it touches are checked, and a threshold crossed for the first time in a window raises <see cref="ThresholdCrossed"/>,
/// counts <c>inference.budget.threshold_crossed</c> and records <c>inference.budget.remaining</c>.
/// </summary>
public sealed class CostBudgetTracker : IBudgetTracker, IDisposable
{
    private static readonly double[] DefaultThresholds = [0.8, 1.0];
    private readonly ICostLedger _ledger;
    private readonly TimeProvider _time;
    private readonly CostBudget[] _global;
    private readonly Dictionary<string, CostBudget[]> _byTenant;
    private readonly double[] _thresholds;
    private readonly ConcurrentDictionary<(CostBudget Budget, DateOnly Start, double Threshold), byte> _raised = new();

    /// <summary>Initializes a new instance of the <see cref="CostBudgetTracker"/> class.</summary>
    /// <param name="ledger">The ledger whose totals are held against the budgets.</param>
    /// <param name="budgets">The budgets.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="thresholds">Fractions of a limit that raise <see cref="ThresholdCrossed"/>; 0.8 and 1.0 when <see langword="null"/>.</param>
    public CostBudgetTracker(ICostLedger ledger, IEnumerable<CostBudget> budgets, TimeProvider? timeProvider = null, IEnumerable<double>? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(budgets);
        CostBudget[] all = budgets.ToArray();
        foreach (CostBudget budget in all)
        {
            ArgumentNullException.ThrowIfNull(budget, nameof(budgets));
        }

        _thresholds = thresholds?.Order().ToArray() ?? DefaultThresholds;
        foreach (double threshold in _thresholds)
        {
            if (!(threshold > 0 && threshold <= 10))
            {
                throw new ArgumentOutOfRangeException(nameof(thresholds), threshold, "A threshold is a fraction of the limit in (0, 10].");
            }
        }

        _ledger = ledger;
        _time = timeProvider ?? TimeProvider.System;
        _global = all.Where(b => b.Tenant is null).ToArray();
        _byTenant = all.Where(b => b.Tenant is not null).GroupBy(b => b.Tenant!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _ledger.Recorded += OnRecorded;
    }

    /// <summary>Occurs the first time in a window that spending reaches one of a budget's thresholds.</summary>
    public event EventHandler<BudgetThresholdCrossedEventArgs>? ThresholdCrossed;

    /// <inheritdoc/>
    public BudgetStatus GetStatus(string? tenant)
    {
        DateTimeOffset now = _time.GetUtcNow();
        decimal? remaining = null;
        bool exhausted = false;
        Tighten(_global, now, ref remaining, ref exhausted);
        if (tenant is not null && _byTenant.TryGetValue(tenant, out CostBudget[]? own))
        {
            Tighten(own, now, ref remaining, ref exhausted);
        }

        return remaining is null ? BudgetStatus.Unlimited : new BudgetStatus(remaining, exhausted);
    }

    /// <summary>Gets what is left of one budget in the current window (negative when overspent).</summary>
    /// <param name="budget">The budget.</param>
    /// <returns>The USD left.</returns>
    public decimal GetRemaining(CostBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return budget.LimitUsd - Spent(budget, _time.GetUtcNow());
    }

    /// <summary>Checks every budget against the ledger now (for example after a shared ledger refreshed the fleet's totals).</summary>
    public void CheckThresholds()
    {
        DateTimeOffset now = _time.GetUtcNow();
        Check(_global, now);
        foreach (CostBudget[] budgets in _byTenant.Values)
        {
            Check(budgets, now);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _ledger.Recorded -= OnRecorded;

    private decimal Spent(CostBudget budget, DateTimeOffset at)
        => budget.Tenant is null
            ? _ledger.GetTotals(CostDimension.Global, null, budget.Window, at).Usd
            : _ledger.GetTotals(CostDimension.Tenant, budget.Tenant, budget.Window, at).Usd;

    private void Tighten(CostBudget[] budgets, DateTimeOffset now, ref decimal? remaining, ref bool exhausted)
    {
        foreach (CostBudget budget in budgets)
        {
            decimal left = budget.LimitUsd - Spent(budget, now);
            remaining = remaining is { } r ? Math.Min(r, left) : left;
            exhausted |= left <= 0;
        }
    }

    private void OnRecorded(object? sender, RequestCost cost)
    {
        DateTimeOffset now = _time.GetUtcNow();
        Check(_global, now);
        if (cost.Tenant is not null && _byTenant.TryGetValue(cost.Tenant, out CostBudget[]? own))
        {
            Check(own, now);
        }
    }

    private void Check(CostBudget[] budgets, DateTimeOffset now)
    {
        foreach (CostBudget budget in budgets)
        {
            decimal spent = Spent(budget, now);
            DateOnly start = CostKeys.WindowStart(budget.Window, now);
            var tags = new TagList
            {
                { InferenceTelemetry.TenantTag, budget.Tenant ?? ICostLedger.GlobalKey },
                { InferenceTelemetry.BudgetWindowTag, budget.Window == CostWindow.Day ? "day" : "month" },
            };
            InferenceTelemetry.BudgetRemaining.Record((double)(budget.LimitUsd - spent), tags);
            foreach (double threshold in _thresholds)
            {
                if (spent < budget.LimitUsd * (decimal)threshold || !_raised.TryAdd((budget, start, threshold), 0))
                {
                    continue;
                }

                PruneBefore(start, budget.Window);
                var crossedTags = tags;
                crossedTags.Add(InferenceTelemetry.BudgetThresholdTag, threshold);
                InferenceTelemetry.BudgetThresholdCrossed.Add(1, crossedTags);
                ThresholdCrossed?.Invoke(this, new BudgetThresholdCrossedEventArgs(budget, threshold, spent, start));
            }
        }
    }

    private void PruneBefore(DateOnly start, CostWindow window)
    {
        foreach (var key in _raised.Keys)
        {
            if (key.Budget.Window == window && key.Start < start)
            {
                _ = _raised.TryRemove(key, out _);
            }
        }
    }
}
