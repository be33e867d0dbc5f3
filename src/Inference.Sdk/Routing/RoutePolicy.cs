using System;
using System.Collections.Generic;
using System.Globalization;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing;

/// <summary>
/// The routing policy: a pure function of the request's features and the targets' snapshots. Hard rules exclude
/// targets (force-target, residency tags, PII, context window, availability, budget); the seed's signals
/// (PII, token budget, task type) pick the preferred tier; saturation overflows to the next tier; cost and the
/// measured latency order the rest.
/// </summary>
internal static class RoutePolicy
{
    private const byte Eligible = 0;

    public static RouteDecision Decide(RequestFeatures f, ReadOnlySpan<TargetSnapshot> snapshots, IReadOnlyList<RouteTarget> targets, HybridRouterOptions o)
    {
        int n = snapshots.Length;
        var d = new RouteDecision
        {
            OutputTokens = f.OutputTokens,
            TaskType = f.TaskType,
            Tenant = f.Tenant,
            PiiKinds = f.PiiKinds == 0 ? [] : RequestFeatures.KindsOf(f.PiiKinds),
        };

        // excluded[i] = 0 when eligible, else 1 + the RouteRule that excluded it.
        Span<byte> excluded = n <= 64 ? stackalloc byte[n] : new byte[n];
        RouteRule? rule = null;

        // Force target: the caller names it; the hard rules below still apply.
        if (f.ForceTarget is { } forcedName)
        {
            int forced = IndexOf(snapshots, forcedName);
            if (forced < 0)
            {
                d.AddReason($"force-target '{forcedName}' is not a configured target");
                return Refused(d, f, snapshots);
            }

            for (int i = 0; i < n; i++)
            {
                if (i != forced)
                {
                    Exclude(d, excluded, snapshots, i, RouteRule.ForceTarget, "caller forced another target");
                }
            }

            rule = RouteRule.ForceTarget;
            d.AddReason($"caller forced '{snapshots[forced].Target.Name}'");
        }

        // Residency / compliance tags: a target lacking one is never chosen.
        if (f.RequiredTags.Count > 0)
        {
            for (int i = 0; i < n; i++)
            {
                if (excluded[i] == Eligible && MissingTag(snapshots[i].Target, f.RequiredTags) is { } missing)
                {
                    Exclude(d, excluded, snapshots, i, RouteRule.Residency, $"lacks required tag '{missing}'");
                }
            }
        }

        // PII and data classification (seed priority 1).
        bool localOnly = false;
        if (f.DataClassification is { } classification && o.LocalOnlyClassifications.Contains(classification))
        {
            localOnly = true;
            d.AddReason($"data classification '{classification}' is local-only");
        }

        if (f.PiiKinds != 0)
        {
            string kinds = string.Join(", ", d.PiiKinds);
            switch (o.PiiPolicy)
            {
                case PiiPolicy.Refuse:
                    d.AddReason($"PII found ({kinds}) and the PII policy is Refuse");
                    return Refused(d, f, snapshots);
                case PiiPolicy.Redact when !localOnly:
                    d.Redacted = true;
                    d.AddReason($"PII found ({kinds}): replaced by placeholders before leaving for a non-edge target");
                    break;
                default:
                    localOnly = true;
                    d.AddReason($"PII found ({kinds}): kept local");
                    break;
            }
        }

        if (localOnly)
        {
            d.LocalOnly = true;
            bool any = false;
            for (int i = 0; i < n; i++)
            {
                if (excluded[i] == Eligible && snapshots[i].Target.Tier != TargetTier.Edge)
                {
                    Exclude(d, excluded, snapshots, i, RouteRule.Pii, "not an edge target and the request must stay local");
                    any = true;
                }
            }

            if (any)
            {
                rule ??= RouteRule.Pii;
            }
        }

        // Context window: never send a request to a target that cannot hold prompt + output.
        for (int i = 0; i < n; i++)
        {
            long need = (long)f.PromptTokens[i] + f.OutputTokens; // long: an absurd MaxOutputTokens must not wrap around and fit
            if (excluded[i] == Eligible && need > snapshots[i].Target.ContextWindow)
            {
                Exclude(d, excluded, snapshots, i, RouteRule.ContextWindow,
                    $"context window {snapshots[i].Target.ContextWindow} < {need} tokens (prompt {f.PromptTokens[i]} + output {f.OutputTokens})");
            }
        }

        // Availability: open circuits, unhealthy targets and targets that asked to be left alone (Retry-After) are skipped;
        // so is a cold serverless endpoint when the request cannot wait for it to boot.
        for (int i = 0; i < n; i++)
        {
            ref readonly var s = ref snapshots[i];
            if (excluded[i] != Eligible)
            {
                continue;
            }

            if (s.CircuitOpen || !s.Healthy)
            {
                Exclude(d, excluded, snapshots, i, RouteRule.Degraded, s.CircuitOpen ? "circuit open" : "unhealthy");
            }
            else if (s.BackOff is { } wait)
            {
                Exclude(d, excluded, snapshots, i, RouteRule.Degraded, $"overloaded: asked to retry after {wait.TotalMilliseconds:0} ms");
                d.RetryAfter = d.RetryAfter is { } known && known < wait ? known : wait;
            }
            else if (s.ColdStart && f.LatencyGoal is { } goal && goal < o.ColdStartDuration)
            {
                Exclude(d, excluded, snapshots, i, RouteRule.Degraded,
                    $"cold start expected (~{o.ColdStartDuration.TotalSeconds:0} s) and the latency goal is {goal.TotalMilliseconds:0} ms");
            }
        }

        // Budgets: exhausted -> only free targets; a known remainder -> only targets that fit in it.
        bool budgetExcludedCloud = false;
        if (f.Budget.IsExhausted || f.Budget.RemainingUsd is not null)
        {
            for (int i = 0; i < n; i++)
            {
                if (excluded[i] != Eligible)
                {
                    continue;
                }

                decimal cost = Cost(snapshots[i].Target, f, i) ?? 0m;
                string? why = f.Budget.IsExhausted && cost > 0m
                    ? $"budget exhausted and expected cost ${cost.ToString("0.######", CultureInfo.InvariantCulture)} > 0"
                    : f.Budget.RemainingUsd is { } left && cost > left
                        ? $"expected cost ${cost.ToString("0.######", CultureInfo.InvariantCulture)} over the ${left.ToString("0.######", CultureInfo.InvariantCulture)} left"
                        : null;
                if (why is not null)
                {
                    Exclude(d, excluded, snapshots, i, RouteRule.Budget, why);
                    budgetExcludedCloud |= snapshots[i].Target.Tier != TargetTier.Edge;
                }
            }

            if (f.Budget.IsExhausted)
            {
                d.AddReason(f.Tenant is null ? "global budget exhausted: only free targets" : $"budget of tenant '{f.Tenant}' exhausted: only free targets");
            }
        }

        int eligibleCount = 0;
        for (int i = 0; i < n; i++)
        {
            eligibleCount += excluded[i] == Eligible ? 1 : 0;
        }

        if (eligibleCount == 0)
        {
            return Refused(d, f, snapshots);
        }

        // The seed's signals 2 and 3: token budget and task type want the cloud tier.
        bool byTokens = false;
        if (!localOnly)
        {
            for (int i = 0; i < n; i++)
            {
                if (snapshots[i].Target.Tier == TargetTier.Edge && (long)f.PromptTokens[i] + f.OutputTokens > o.EdgeTokenThreshold)
                {
                    byTokens = true;
                    break;
                }
            }
        }

        bool byTask = !localOnly && o.CloudTaskTypes.Contains(f.TaskType);
        bool wantCloud = byTokens || byTask;

        // Order the eligible targets: not saturated, preferred tier, meets its latency goal, cheapest, configuration order.
        var order = new int[eligibleCount];
        var keys = new long[eligibleCount];
        var costs = new decimal[eligibleCount];
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            if (excluded[i] != Eligible)
            {
                continue;
            }

            ref readonly var s = ref snapshots[i];
            bool saturated = s.IsSaturated(out string? why);
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
            costs[k] = Cost(s.Target, f, i) ?? 0m;
            keys[k] = ((saturated ? 1L : 0L) << 3) | ((long)Group(s.Target, wantCloud) << 1) | (slow ? 1L : 0L);
            k++;
        }

        SortOrder(order, keys, costs);
        d.SetOrder(order, targets);

        int chosen = order[0];
        var chosenTarget = snapshots[chosen].Target;
        decimal? chosenCost = Cost(chosenTarget, f, chosen);
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

        // Which rule decided: the first, in priority order, that changed the outcome.
        if (rule is null)
        {
            if (wantCloud && chosenTarget.Tier == TargetTier.Edge)
            {
                rule = budgetExcludedCloud ? RouteRule.Budget : RouteRule.Degraded;
                d.AddReason(budgetExcludedCloud ? "cloud wanted but over budget: downgraded to the edge" : "cloud wanted but no cloud target is eligible: degraded to the edge");
            }
            else if (keys[0] >> 3 == 0 && SaturatedAhead(order, keys, costs))
            {
                rule = RouteRule.Saturation;
            }
            else if (byTokens && chosenTarget.Tier != TargetTier.Edge)
            {
                rule = RouteRule.TokenBudget;
            }
            else if (byTask && chosenTarget.Tier != TargetTier.Edge)
            {
                rule = RouteRule.TaskType;
            }
            else
            {
                int natural = NaturalFirst(snapshots, wantCloud);
                rule = natural == chosen ? RouteRule.Default
                    : excluded[natural] != Eligible ? (RouteRule)(excluded[natural] - 1)
                    : RouteRule.Cost;
            }
        }

        if (chosenCost is null)
        {
            d.AddReason($"expected cost of '{chosenTarget.Name}' unknown: counted as $0");
        }

        d.Rule = rule.Value;
        return d;
    }

    /// <summary>Gets the expected cost of serving the request on a target, or null when unknown.</summary>
    public static decimal? Cost(RouteTarget t, RequestFeatures f, int index) =>
        t.ExpectedCostUsd?.Invoke(f.PromptTokens[index], f.OutputTokens);

    private static int Group(RouteTarget t, bool wantCloud) => (t.Tier == TargetTier.Edge) == wantCloud ? 1 : 0;

    private static int NaturalFirst(ReadOnlySpan<TargetSnapshot> s, bool wantCloud)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (Group(s[i].Target, wantCloud) == 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static bool SaturatedAhead(int[] order, long[] keys, decimal[] costs)
    {
        // A saturated target that would have sorted before the chosen one means the request overflowed.
        long chosen = keys[0] & 7;
        for (int j = 1; j < order.Length; j++)
        {
            long other = keys[j] & 7;
            if (keys[j] >> 3 == 1 && (other < chosen || (other == chosen && (costs[j] < costs[0] || (costs[j] == costs[0] && order[j] < order[0])))))
            {
                return true;
            }
        }

        return false;
    }

    private static void SortOrder(int[] order, long[] keys, decimal[] costs)
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

    private static RouteDecision Refused(RouteDecision d, RequestFeatures f, ReadOnlySpan<TargetSnapshot> s)
    {
        int max = 0;
        for (int i = 0; i < s.Length; i++)
        {
            max = Math.Max(max, f.PromptTokens[i]);
        }

        d.PromptTokens = max;
        d.SetOrder([], []);
        return d;
    }

    private static void Exclude(RouteDecision d, Span<byte> excluded, ReadOnlySpan<TargetSnapshot> s, int i, RouteRule rule, string reason)
    {
        excluded[i] = (byte)(rule + 1);
        d.Reject(s[i].Target.Name, rule, reason);
    }

    private static int IndexOf(ReadOnlySpan<TargetSnapshot> s, string name)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (string.Equals(s[i].Target.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? MissingTag(RouteTarget t, IReadOnlyList<string> required)
    {
        foreach (string tag in required)
        {
            bool found = false;
            foreach (string have in t.Tags)
            {
                if (string.Equals(have, tag, StringComparison.OrdinalIgnoreCase))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return tag;
            }
        }

        return null;
    }
}
