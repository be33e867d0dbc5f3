using System;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing.Policy;

/// <summary>One decision in progress: the request, the targets' snapshots, which targets are still eligible, and the decision being written.</summary>
internal ref struct RouteContext
{
    private readonly Span<byte> _excluded;

    public RouteContext(RequestFeatures request, ReadOnlySpan<TargetSnapshot> targets, HybridRouterOptions options, RouteDecision decision, Span<byte> excluded)
    {
        Request = request;
        Targets = targets;
        Options = options;
        Decision = decision;
        _excluded = excluded;
        _excluded.Clear();
    }

    /// <summary>Gets what the request is.</summary>
    public RequestFeatures Request { get; }

    /// <summary>Gets the targets as they stand, in configuration order.</summary>
    public ReadOnlySpan<TargetSnapshot> Targets { get; }

    /// <summary>Gets the router's options.</summary>
    public HybridRouterOptions Options { get; }

    /// <summary>Gets the decision being written: reasons, rejected targets, flags.</summary>
    public RouteDecision Decision { get; }

    /// <summary>Gets or sets the rule that decided on its own (the caller forced a target, PII kept the request local); <see langword="null"/> until one does.</summary>
    public RouteRule? Rule { get; set; }

    /// <summary>Gets or sets a value indicating whether a budget rule took a non-edge target out.</summary>
    public bool BudgetExcludedCloud { get; set; }

    /// <summary>Gets the number of targets.</summary>
    public readonly int Count => Targets.Length;

    /// <summary>Whether target <paramref name="i"/> is still eligible.</summary>
    public readonly bool IsEligible(int i) => _excluded[i] == 0;

    /// <summary>The rule that excluded target <paramref name="i"/>; <see langword="null"/> while it is eligible.</summary>
    public readonly RouteRule? ExcludedBy(int i) => _excluded[i] == 0 ? null : (RouteRule)(_excluded[i] - 1);

    /// <summary>Takes target <paramref name="i"/> out of the decision, recording the rule and the reason.</summary>
    public readonly void Exclude(int i, RouteRule rule, string reason)
    {
        _excluded[i] = (byte)(rule + 1);
        Decision.Reject(Targets[i].Target.Name, rule, reason);
    }

    /// <summary>The number of targets still eligible.</summary>
    public readonly int EligibleCount()
    {
        int count = 0;
        foreach (byte e in _excluded)
        {
            count += e == 0 ? 1 : 0;
        }

        return count;
    }

    /// <summary>The prompt plus output tokens of the request on target <paramref name="i"/> (long: an absurd output cap must not wrap around).</summary>
    public readonly long Need(int i) => (long)Request.PromptTokens[i] + Request.OutputTokens;

    /// <summary>The expected cost of the request on target <paramref name="i"/>; <see langword="null"/> when unknown.</summary>
    public readonly decimal? Cost(int i) => RoutePolicy.Cost(Targets[i], Request, i);
}
