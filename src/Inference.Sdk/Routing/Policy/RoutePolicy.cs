using System;
using System.Collections.Generic;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing.Policy;

/// <summary>
/// The routing policy: a pure function of the request's features and the targets' snapshots. An ordered list of small
/// filters takes targets out, each recording its rule and reason (service-held conversations, force-target, residency tags, capabilities, PII, context window,
/// availability, rate limits, budget); then <see cref="RouteOrdering"/> orders the rest (the seed's signals pick the preferred tier,
/// saturation overflows to the next, cost and measured latency order the remainder) and names the rule that decided.
/// </summary>
internal static class RoutePolicy
{
    /// <summary>The hard rules, in priority order.</summary>
    internal static readonly RouteFilter[] Filters =
    [
        ConversationStateFilter.Instance,
        ForceTargetFilter.Instance,
        ResidencyFilter.Instance,
        CapabilityFilter.Instance,
        PiiFilter.Instance,
        ContextWindowFilter.Instance,
        AvailabilityFilter.Instance,
        RateLimitFilter.Instance,
        BudgetFilter.Instance,
    ];

    [ThreadStatic]
    private static TargetSnapshot[]? _idleSnapshots;

    /// <summary>Decides over the boards as they stand now: each board's snapshot, taken into the thread's scratch array (emptied after), then <see cref="Decide(RequestFeatures, ReadOnlySpan{TargetSnapshot}, IReadOnlyList{RouteTarget}, HybridRouterOptions)"/>.</summary>
    public static RouteDecision Decide(RequestFeatures f, TargetBoard[] boards, IReadOnlyList<RouteTarget> targets, HybridRouterOptions o)
    {
        int n = boards.Length;
        var snapshots = _idleSnapshots is { } idle && idle.Length >= n ? idle : new TargetSnapshot[n];
        _idleSnapshots = null; // a target's own cost function could decide another request on this thread: it gets an array of its own
        for (int i = 0; i < n; i++)
        {
            snapshots[i] = boards[i].Snapshot();
        }

        try
        {
            return Decide(f, snapshots.AsSpan(0, n), targets, o);
        }
        finally
        {
            Array.Clear(snapshots, 0, n); // the snapshots hold the targets and their loads
            _idleSnapshots = snapshots;
        }
    }

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

        var c = new RouteContext(f, snapshots, o, d, n <= 64 ? stackalloc byte[n] : new byte[n]);
        foreach (var filter in Filters)
        {
            if (!filter.Apply(ref c))
            {
                return Refused(d, f, n);
            }
        }

        int eligible = c.EligibleCount();
        return eligible == 0 ? Refused(d, f, n) : RouteOrdering.Order(ref c, targets, eligible);
    }

    /// <summary>Gets the expected cost of serving the request on a target, or <see langword="null"/> when unknown: the target's own function, else its cost model at its live price.</summary>
    public static decimal? Cost(in TargetSnapshot s, RequestFeatures f, int index)
    {
        var t = s.Target;
        return t.ExpectedCostUsd is { } own ? own(f.PromptTokens[index], f.OutputTokens)
            : t.Pricing?.Of(f.PromptTokens[index], f.OutputTokens, s.LivePrice);
    }

    private static RouteDecision Refused(RouteDecision d, RequestFeatures f, int n)
    {
        int max = 0;
        for (int i = 0; i < n; i++)
        {
            max = Math.Max(max, f.PromptTokens[i]);
        }

        d.PromptTokens = max;
        d.SetOrder([], []);
        return d;
    }
}
