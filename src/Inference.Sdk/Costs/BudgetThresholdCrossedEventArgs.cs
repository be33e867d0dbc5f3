using System;

namespace Inference.Sdk.Costs;

/// <summary>Says that spending in a budget's window reached one of its thresholds.</summary>
/// <param name="budget">The budget.</param>
/// <param name="threshold">The fraction of the limit reached (for example 0.8 or 1.0).</param>
/// <param name="spentUsd">What was spent in the window when the threshold was seen crossed.</param>
/// <param name="windowStart">The first UTC day of the window.</param>
public sealed class BudgetThresholdCrossedEventArgs(CostBudget budget, double threshold, decimal spentUsd, DateOnly windowStart) : EventArgs
{
    /// <summary>Gets the budget.</summary>
    public CostBudget Budget { get; } = budget;

    /// <summary>Gets the fraction of the limit reached.</summary>
    public double Threshold { get; } = threshold;

    /// <summary>Gets what was spent in the window.</summary>
    public decimal SpentUsd { get; } = spentUsd;

    /// <summary>Gets the first UTC day of the window.</summary>
    public DateOnly WindowStart { get; } = windowStart;
}
