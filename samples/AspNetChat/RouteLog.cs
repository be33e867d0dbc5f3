using System.Collections.Concurrent;
using Inference.Sdk.Routing;

namespace AspNetChat;

/// <summary>
/// The most recent requests as the router saw them end: served, failed, refused or canceled, each with every attempt it made
/// (<see cref="RouteDecision.Attempts"/>). Fed by the router itself: registered as an <see cref="IRouteObserver"/>, which
/// <c>AddInference</c> hands to the router, so a request that never reached an endpoint's happy path is kept too. What the
/// dashboard draws.
/// </summary>
public sealed class RouteLog(TimeProvider time) : IRouteObserver
{
    private const int Capacity = 500;
    private readonly ConcurrentQueue<RouteEntry> _entries = new();

    public IReadOnlyList<RouteEntry> Recent => _entries.Reverse().ToArray();

    /// <summary>Called by the router once per request, when it has ended.</summary>
    public void OnCompleted(RouteDecision decision)
    {
        _entries.Enqueue(new RouteEntry(
            time.GetUtcNow(),
            (decision.Outcome ?? RouteOutcome.Failed).ToString().ToLowerInvariant(),
            decision.ServedBy ?? decision.Target ?? "(none)",
            decision.Rule.ToString(),
            string.Join("; ", decision.Reasons.Concat(decision.Rejected.Select(r => $"{r.Target}: {r.Reason}"))),
            decision.PromptTokens,
            decision.Cost?.Usd ?? decision.EstimatedCostUsd,
            decision.Tenant,
            decision.Attempts.Select(a => new AttemptEntry(a.Target, a.Outcome.ToString(), a.Duration.TotalMilliseconds, a.TimeToFirstToken?.TotalMilliseconds, a.Error)).ToArray()));
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }
}

/// <summary>One request as the dashboard shows it.</summary>
public sealed record RouteEntry(
    DateTimeOffset At, string Outcome, string Target, string Rule, string Reasons, int PromptTokens, decimal? CostUsd, string? Tenant, IReadOnlyList<AttemptEntry> Attempts);

/// <summary>One attempt of a request on one target.</summary>
public sealed record AttemptEntry(string Target, string Outcome, double DurationMs, double? TimeToFirstTokenMs, string? Error);
