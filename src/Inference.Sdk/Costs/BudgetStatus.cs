namespace Inference.Sdk.Costs;

/// <summary>Where a tenant stands against the tightest budget that applies to it.</summary>
/// <param name="RemainingUsd">USD left in the tightest applicable budget window, or <see langword="null"/> when no budget applies.</param>
/// <param name="IsExhausted">Whether a budget is spent: the router downgrades to a cheaper target or refuses.</param>
public readonly record struct BudgetStatus(decimal? RemainingUsd, bool IsExhausted)
{
    /// <summary>Gets the status of a tenant no budget applies to.</summary>
    public static BudgetStatus Unlimited => new(null, false);
}
