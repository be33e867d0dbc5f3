using System;
using System.Collections.Generic;

namespace Inference.Sdk.Costs;

/// <summary>
/// Aggregates request costs by target, provider, model, tier, tenant and globally, per UTC day and month. Reads answer from memory.
/// </summary>
public interface ICostLedger
{
    /// <summary>The key of the <see cref="CostDimension.Global"/> total.</summary>
    const string GlobalKey = "*";

    /// <summary>The <see cref="CostDimension.Tenant"/> key of requests without a tenant.</summary>
    const string NoTenantKey = "(none)";

    /// <summary>The key that values beyond the ledger's key limit are folded into.</summary>
    const string OtherKey = "(other)";

    /// <summary>Occurs after this instance records a cost (not when a shared ledger learns of other instances' costs).</summary>
    event EventHandler<RequestCost>? Recorded;

    /// <summary>Records one attempt's cost. An <see cref="RequestCost.AttemptId"/> already recorded is ignored.</summary>
    /// <param name="cost">The cost.</param>
    /// <returns><see langword="true"/> when the cost was counted; <see langword="false"/> when its attempt was already recorded.</returns>
    bool Record(RequestCost cost);

    /// <summary>Gets the totals of one group in the window that contains <paramref name="at"/>.</summary>
    /// <param name="dimension">What the totals are grouped by.</param>
    /// <param name="key">The group (a target name, a provider or tier name, a model, a tenant); ignored for <see cref="CostDimension.Global"/>.</param>
    /// <param name="window">The window.</param>
    /// <param name="at">A time in the window.</param>
    /// <returns>The totals; <see cref="CostTotals.Zero"/> when nothing was recorded.</returns>
    CostTotals GetTotals(CostDimension dimension, string? key, CostWindow window, DateTimeOffset at);

    /// <summary>Gets the totals of every group of a dimension in the window that contains <paramref name="at"/>.</summary>
    /// <param name="dimension">What the totals are grouped by.</param>
    /// <param name="window">The window.</param>
    /// <param name="at">A time in the window.</param>
    /// <returns>The totals by group key.</returns>
    IReadOnlyDictionary<string, CostTotals> GetBreakdown(CostDimension dimension, CostWindow window, DateTimeOffset at);
}
