using Inference.Sdk.Costs;

namespace Inference.Sdk.Hosting;

/// <summary>One spending limit. Bound from an item of <c>Inference:Budgets</c>.</summary>
public sealed class InferenceBudgetOptions
{
    /// <summary>Gets or sets the limit in US dollars per window (a plain number, e.g. <c>500</c>).</summary>
    public decimal LimitUsd { get; set; }

    /// <summary>Gets or sets the window the limit applies to (<c>Day</c> or <c>Month</c>, UTC).</summary>
    public CostWindow Window { get; set; } = CostWindow.Month;

    /// <summary>Gets or sets the tenant the limit applies to; <see langword="null"/> for the whole application.</summary>
    public string? Tenant { get; set; }
}
