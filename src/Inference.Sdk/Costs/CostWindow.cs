namespace Inference.Sdk.Costs;

/// <summary>The time window of a ledger total or a budget, in UTC.</summary>
public enum CostWindow
{
    /// <summary>A UTC calendar day.</summary>
    Day,

    /// <summary>A UTC calendar month.</summary>
    Month,
}
