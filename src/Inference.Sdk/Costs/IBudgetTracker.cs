namespace Inference.Sdk.Costs;

/// <summary>Reads where a tenant (or the whole deployment) stands against its budgets; the router calls it on every request.</summary>
/// <remarks>Implementations answer from an in-memory snapshot: no I/O on the routing path.</remarks>
public interface IBudgetTracker
{
    /// <summary>Gets the budget status for a tenant, combining the tenant's own budgets and the global ones.</summary>
    /// <param name="tenant">The tenant, or <see langword="null"/> for requests without one (only global budgets apply).</param>
    /// <returns>The status; <see cref="BudgetStatus.Unlimited"/> when no budget applies.</returns>
    BudgetStatus GetStatus(string? tenant);
}
