using System.Globalization;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Routing.Policy;

/// <summary>Budgets: an exhausted budget leaves only free targets; a known remainder only the targets whose expected cost fits in it.</summary>
internal sealed class BudgetFilter : RouteFilter
{
    public static readonly BudgetFilter Instance = new();

    public override bool Apply(ref RouteContext c)
    {
        var budget = c.Request.Budget;
        if (!budget.IsExhausted && budget.RemainingUsd is null)
        {
            return true;
        }

        for (int i = 0; i < c.Count; i++)
        {
            if (!c.IsEligible(i))
            {
                continue;
            }

            decimal cost = c.Cost(i) ?? 0m;
            string? why = budget.IsExhausted && cost > 0m
                ? $"budget exhausted and expected cost ${Usd(cost)} > 0"
                : budget.RemainingUsd is { } left && cost > left
                    ? $"expected cost ${Usd(cost)} over the ${Usd(left)} left"
                    : null;
            if (why is not null)
            {
                c.Exclude(i, RouteRule.Budget, why);
                c.BudgetExcludedCloud |= c.Targets[i].Target.Tier != TargetTier.Edge;
            }
        }

        if (budget.IsExhausted)
        {
            c.Decision.AddReason(c.Request.Tenant is null ? "global budget exhausted: only free targets" : $"budget of tenant '{c.Request.Tenant}' exhausted: only free targets");
        }

        return true;
    }

    private static string Usd(decimal usd) => usd.ToString("0.######", CultureInfo.InvariantCulture);
}
