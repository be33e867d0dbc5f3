using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing;

/// <summary>
/// Why a request went where it went: the chosen target, the rule that decided, the reasons, the targets that were
/// rejected and why, the fallbacks in order, and every attempt. Attached to responses under
/// <see cref="InferencePropertyNames.RouteDecision"/>.
/// </summary>
/// <remarks>Never contains prompt text or secrets.</remarks>
public sealed class RouteDecision
{
    private List<string>? _reasons; // a decision no rule had to explain has none
    private List<RouteAttempt>? _attempts; // a plan-only decision has none
    private List<RejectedTarget>? _rejected;
    private string[] _fallbacks = [];
    private int _outcome = -1;

    internal RouteDecision()
    {
    }

    /// <summary>Gets the target the policy chose, or <see langword="null"/> when the request was refused.</summary>
    public string? Target { get; internal set; }

    /// <summary>Gets the target that served the request, once it has answered (differs from <see cref="Target"/> after a failover or an escalation).</summary>
    public string? ServedBy { get; internal set; }

    /// <summary>
    /// Gets which replica of a pool target served the request and why (the response's <see cref="InferencePropertyNames.Endpoint"/>),
    /// or <see langword="null"/> when the serving target is one endpoint.
    /// </summary>
    public Pools.EndpointDecision? Endpoint { get; internal set; }

    /// <summary>Gets the rule that decided (after a failover: <see cref="RouteRule.Failover"/> or <see cref="RouteRule.Degraded"/>).</summary>
    public RouteRule Rule { get; internal set; }

    /// <summary>Gets the reasons, in the order the rules were checked.</summary>
    public IReadOnlyList<string> Reasons => (IReadOnlyList<string>?)_reasons ?? [];

    /// <summary>Gets the targets that were not eligible, and why.</summary>
    public IReadOnlyList<RejectedTarget> Rejected => (IReadOnlyList<RejectedTarget>?)_rejected ?? [];

    /// <summary>Gets the eligible targets tried after <see cref="Target"/>, in order.</summary>
    public IReadOnlyList<string> Fallbacks => _fallbacks;

    /// <summary>Gets the attempts made to serve the request, in order (empty for a plan).</summary>
    public IReadOnlyList<RouteAttempt> Attempts => (IReadOnlyList<RouteAttempt>?)Volatile.Read(ref _attempts) ?? [];

    /// <summary>Gets the prompt tokens counted for the chosen target's model (or the largest count when refused).</summary>
    public int PromptTokens { get; internal set; }

    /// <summary>Gets a value indicating whether <see cref="PromptTokens"/> is an estimate (no exact tokenizer is known for the model).</summary>
    public bool PromptTokensEstimated { get; internal set; }

    /// <summary>Gets the output tokens expected (<c>MaxOutputTokens</c>, or <see cref="HybridRouterOptions.DefaultOutputTokens"/>).</summary>
    public int OutputTokens { get; internal set; }

    /// <summary>Gets the task type the classifier saw.</summary>
    public TaskType TaskType { get; internal set; }

    /// <summary>Gets the kinds of personal data or secrets found (never the values).</summary>
    public IReadOnlyList<PiiKind> PiiKinds { get; internal set; } = [];

    /// <summary>Gets a value indicating whether the findings are replaced by placeholders before the request leaves for a non-edge target.</summary>
    public bool Redacted { get; internal set; }

    /// <summary>Gets the chosen target's expected cost in USD, or <see langword="null"/> when it is unknown.</summary>
    public decimal? EstimatedCostUsd { get; internal set; }

    /// <summary>Gets the tenant the request is billed to, when the caller said.</summary>
    public string? Tenant { get; internal set; }

    /// <summary>
    /// Gets what the response the caller received cost, as the cost meter beneath the router priced it
    /// (<see cref="InferencePropertyNames.Cost"/>); <see langword="null"/> when nothing priced it (no meter, refused, failed before any output).
    /// </summary>
    public Costs.RequestCost? Cost { get; internal set; }

    /// <summary>Gets how the request ended; <see langword="null"/> while it runs (and for a plan).</summary>
    public RouteOutcome? Outcome => _outcome < 0 ? null : (RouteOutcome)_outcome;

    /// <summary>Gets or sets a value indicating whether the request must stay on edge targets (PII or data classification).</summary>
    internal bool LocalOnly { get; set; }

    /// <summary>Gets or sets the shortest wait a target excluded for <c>Retry-After</c> still asked for; set only when one was.</summary>
    internal TimeSpan? RetryAfter { get; set; }

    /// <summary>Gets or sets the rate limit that frees first among those that kept the request from a target or refused it.</summary>
    internal Limits.LimitRefusal? Limited { get; set; }

    /// <summary>Gets the indices of the eligible targets in try order (chosen first).</summary>
    internal int[] Order { get; private set; } = [];

    internal void AddReason(string reason)
    {
        var reasons = _reasons ?? Interlocked.CompareExchange(ref _reasons, new List<string>(4), null) ?? _reasons!; // the first reason creates the list, once
        reasons.Add(reason);
    }

    /// <summary>Turns a decision that chose a target into a refusal (a limit outside the policy, the tenant's, refused the request).</summary>
    internal void Refuse(string reason)
    {
        AddReason(reason);
        Order = [];
        Target = null;
        _fallbacks = [];
    }

    /// <summary>Records how the request ended, once: <see langword="false"/> when it had already ended.</summary>
    internal bool TryComplete(RouteOutcome outcome) => Interlocked.CompareExchange(ref _outcome, (int)outcome, -1) == -1;

    internal void Reject(string target, RouteRule rule, string reason) => (_rejected ??= []).Add(new RejectedTarget(target, rule, reason));

    internal void AddAttempt(RouteAttempt attempt)
    {
        var attempts = Volatile.Read(ref _attempts);
        if (attempts is null)
        {
            _ = Interlocked.CompareExchange(ref _attempts, [], null); // hedged attempts may add the first two at once
            attempts = _attempts!;
        }

        lock (attempts)
        {
            attempts.Add(attempt);
        }
    }

    internal void SetOrder(int[] order, IReadOnlyList<RouteTarget> targets)
    {
        Order = order;
        Target = order.Length > 0 ? targets[order[0]].Name : null;
        if (order.Length > 1)
        {
            _fallbacks = new string[order.Length - 1];
            for (int i = 1; i < order.Length; i++)
            {
                _fallbacks[i - 1] = targets[order[i]].Name;
            }
        }
    }

    /// <summary>Describes the refusal: which rule excluded which target.</summary>
    internal string DescribeRefusal()
    {
        var sb = new StringBuilder("No configured target may serve this request");
        string separator = ": ";
        foreach (var r in Rejected)
        {
            sb.Append(separator).Append('\'').Append(r.Target).Append("' rejected by ").Append(r.Rule).Append(" (").Append(r.Reason).Append(')');
            separator = "; ";
        }

        foreach (var reason in Reasons)
        {
            sb.Append(separator).Append(reason);
            separator = "; ";
        }

        return sb.Append('.').ToString();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Target is null ? DescribeRefusal() : $"{ServedBy ?? Target}{(Endpoint is null ? string.Empty : " at " + Endpoint)} by {Rule}: {string.Join("; ", Reasons)}";
}
