using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// The ordering step after the filters: the seed's signals 2 and 3 (token budget, task type) pick the preferred tier; the
/// eligible targets are ordered not saturated first, then the target that served the conversation's previous turn, then preferred tier, then meeting their latency goal, then cheapest,
/// then configuration order, with a target's configured <see cref="RouteTarget.Fallback"/> moved to right after it; and the
/// rule that decided is the first, in priority order, that changed the outcome.
/// </summary>
internal static class RouteOrdering
{
    // Sort key bits: saturated (bit 3), another target served the conversation's previous turn (bit 2), not in the preferred
    // tier (bit 1), misses its latency goal (bit 0).
    private const int SaturatedShift = 3;
    private const long NotAffine = 4;
    private const long RankMask = 7;

    // The sort keys and costs of up to this many eligible targets live on the stack.
    private const int MaxStackTargets = 32;

    public static RouteDecision Order(ref RouteContext c, IReadOnlyList<RouteTarget> targets, int eligibleCount)
    {
        var d = c.Decision;
        var f = c.Request;
        var o = c.Options;
        bool localOnly = d.LocalOnly;

        bool byTokens = false;
        if (!localOnly)
        {
            for (int i = 0; i < c.Count; i++)
            {
                if (c.Targets[i].Target.Tier == TargetTier.Edge && c.Need(i) > o.EdgeTokenThreshold)
                {
                    byTokens = true;
                    break;
                }
            }
        }

        bool byTask = !localOnly && o.CloudTaskTypes.Contains(f.TaskType);
        bool wantCloud = byTokens || byTask;

        double share = f.Priority == Requests.RequestPriority.Batch ? o.BatchLimitShare : 1;
        int affine = f.AffinityTarget;
        if (affine >= 0 && affine < c.Count && !c.IsEligible(affine))
        {
            d.AddReason($"conversation moved off '{c.Targets[affine].Target.Name}', which served its previous turn: rejected by {c.ExcludedBy(affine)}");
            affine = -1;
        }

        var order = new int[eligibleCount];
        Span<long> keys = eligibleCount <= MaxStackTargets ? stackalloc long[eligibleCount] : new long[eligibleCount];
        Span<decimal> costs = eligibleCount <= MaxStackTargets ? stackalloc decimal[eligibleCount] : new decimal[eligibleCount];
        int k = 0;
        for (int i = 0; i < c.Count; i++)
        {
            if (!c.IsEligible(i))
            {
                continue;
            }

            ref readonly var s = ref c.Targets[i];
            bool saturated = s.IsSaturated(out string? why, share);
            if (saturated)
            {
                d.AddReason($"'{s.Target.Name}' saturated: {why}");
            }

            bool slow = s.Target.LatencyGoal is { } goal && s.Ttft is { } ttft && ttft > goal;
            if (slow)
            {
                d.AddReason($"'{s.Target.Name}' misses its latency goal: measured TTFT {s.Ttft!.Value.TotalMilliseconds:0} ms > {s.Target.LatencyGoal!.Value.TotalMilliseconds:0} ms");
            }

            order[k] = i;
            costs[k] = c.Cost(i) ?? 0m;
            if (i == affine && saturated)
            {
                d.AddReason($"conversation moved off '{s.Target.Name}', which served its previous turn: saturated");
            }

            keys[k] = ((saturated ? 1L : 0L) << SaturatedShift) | (affine >= 0 && i != affine ? NotAffine : 0) | ((long)Group(s.Target, wantCloud) << 1) | (slow ? 1L : 0L);
            k++;
        }

        Sort(order, keys, costs);
        FallbacksNext(d, order, keys, costs, targets);
        d.SetOrder(order, targets);

        int chosen = order[0];
        var chosenTarget = c.Targets[chosen].Target;
        decimal? chosenCost = c.Cost(chosen);
        d.EstimatedCostUsd = chosenCost;
        d.PromptTokens = f.PromptTokens[chosen];
        d.PromptTokensEstimated = f.PromptTokensEstimated[chosen];

        if (byTokens)
        {
            d.AddReason($"prompt + output over the edge budget of {o.EdgeTokenThreshold} tokens");
        }

        if (byTask)
        {
            d.AddReason($"task type {f.TaskType} goes to the cloud");
        }

        d.Rule = c.Rule ?? DecidedBy(ref c, order, keys, costs, chosenTarget, wantCloud, byTokens, byTask);
        if (chosenCost is null)
        {
            d.AddReason(chosenTarget.UnknownCostReason ??= $"expected cost of '{chosenTarget.Name}' unknown: counted as $0");
        }

        return d;
    }

    /// <summary>Which rule decided, when no filter decided on its own: the first, in priority order, that changed the outcome.</summary>
    private static RouteRule DecidedBy(ref RouteContext c, int[] order, scoped ReadOnlySpan<long> keys, scoped ReadOnlySpan<decimal> costs, RouteTarget chosen, bool wantCloud, bool byTokens, bool byTask)
    {
        if (c.Request.AffinityTarget == order[0])
        {
            c.Decision.AddReason($"conversation stays on '{chosen.Name}', which served its previous turn");
            if (AffinityAhead(order, keys, costs))
            {
                return RouteRule.Affinity;
            }
        }

        if (wantCloud && chosen.Tier == TargetTier.Edge)
        {
            c.Decision.AddReason(c.BudgetExcludedCloud ? "cloud wanted but over budget: downgraded to the edge" : "cloud wanted but no cloud target is eligible: degraded to the edge");
            return c.BudgetExcludedCloud ? RouteRule.Budget : RouteRule.Degraded;
        }

        if (keys[0] >> SaturatedShift == 0 && SaturatedAhead(order, keys, costs))
        {
            return RouteRule.Saturation;
        }

        if (byTokens && chosen.Tier != TargetTier.Edge)
        {
            return RouteRule.TokenBudget;
        }

        if (byTask && chosen.Tier != TargetTier.Edge)
        {
            return RouteRule.TaskType;
        }

        // The target that would have served without any rule: excluded by a filter, or passed over on cost.
        int natural = 0;
        for (int i = 0; i < c.Count; i++)
        {
            if (Group(c.Targets[i].Target, wantCloud) == 0)
            {
                natural = i;
                break;
            }
        }

        return natural == order[0] ? RouteRule.Default : c.ExcludedBy(natural) ?? RouteRule.Cost;
    }

    /// <summary>A target's configured <see cref="RouteTarget.Fallback"/>, when eligible and further down, moves to right after it.</summary>
    private static void FallbacksNext(RouteDecision d, int[] order, Span<long> keys, Span<decimal> costs, IReadOnlyList<RouteTarget> targets)
    {
        for (int p = 0; p < order.Length - 2; p++)
        {
            if (targets[order[p]].Fallback is not { } fallback)
            {
                continue;
            }

            int q = p + 2;
            while (q < order.Length && !string.Equals(targets[order[q]].Name, fallback, System.StringComparison.OrdinalIgnoreCase))
            {
                q++;
            }

            if (q == order.Length)
            {
                continue; // not eligible, or already next
            }

            (int o, long key, decimal cost) = (order[q], keys[q], costs[q]);
            for (int j = q; j > p + 1; j--)
            {
                (order[j], keys[j], costs[j]) = (order[j - 1], keys[j - 1], costs[j - 1]);
            }

            (order[p + 1], keys[p + 1], costs[p + 1]) = (o, key, cost);
            d.AddReason($"'{targets[order[p]].Name}' falls back to '{targets[o].Name}' first (its Fallback)");
        }
    }

    private static int Group(RouteTarget t, bool wantCloud) => (t.Tier == TargetTier.Edge) == wantCloud ? 1 : 0;

    private static bool AffinityAhead(int[] order, ReadOnlySpan<long> keys, ReadOnlySpan<decimal> costs)
    {
        // Another target that would have sorted before the chosen one without the affinity bit means affinity decided.
        long chosen = keys[0];
        for (int j = 1; j < order.Length; j++)
        {
            long other = keys[j] & ~NotAffine;
            if (other < chosen || (other == chosen && (costs[j] < costs[0] || (costs[j] == costs[0] && order[j] < order[0]))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SaturatedAhead(int[] order, ReadOnlySpan<long> keys, ReadOnlySpan<decimal> costs)
    {
        // A saturated target that would have sorted before the chosen one means the request overflowed.
        long chosen = keys[0] & RankMask;
        for (int j = 1; j < order.Length; j++)
        {
            long other = keys[j] & RankMask;
            if (keys[j] >> SaturatedShift == 1 && (other < chosen || (other == chosen && (costs[j] < costs[0] || (costs[j] == costs[0] && order[j] < order[0])))))
            {
                return true;
            }
        }

        return false;
    }

    private static void Sort(int[] order, Span<long> keys, Span<decimal> costs)
    {
        // Insertion sort: a handful of targets, stable (configuration order breaks ties).
        for (int i = 1; i < order.Length; i++)
        {
            int o = order[i];
            long key = keys[i];
            decimal cost = costs[i];
            int j = i - 1;
            while (j >= 0 && (keys[j] > key || (keys[j] == key && costs[j] > cost)))
            {
                order[j + 1] = order[j];
                keys[j + 1] = keys[j];
                costs[j + 1] = costs[j];
                j--;
            }

            order[j + 1] = o;
            keys[j + 1] = key;
            costs[j + 1] = cost;
        }
    }
}
