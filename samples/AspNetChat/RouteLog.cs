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
            decision.Attempts.Select(a => new AttemptEntry(a.Target, a.Outcome.ToString(), a.Duration.TotalMilliseconds, a.TimeToFirstToken?.TotalMilliseconds, a.Error)).ToArray(),
            decision.Endpoint?.Endpoint.Authority,
            decision.Endpoint?.ToString()));
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }

    /// <summary>How many of the recent requests each replica of a pool target served, keyed <c>target @ host:port</c>.</summary>
    public IReadOnlyDictionary<string, int> ServedByEndpoint() => _entries
        .Where(e => e.Outcome == "served" && e.Endpoint is not null)
        .GroupBy(e => $"{e.Target} @ {e.Endpoint}")
        .ToDictionary(g => g.Key, g => g.Count());
}

/// <summary>One request as the dashboard shows it; <see cref="Endpoint"/> and <see cref="EndpointDetail"/> name the replica of a pool target that served it, and why.</summary>
public sealed record RouteEntry(
    DateTimeOffset At, string Outcome, string Target, string Rule, string Reasons, int PromptTokens, decimal? CostUsd, string? Tenant, IReadOnlyList<AttemptEntry> Attempts,
    string? Endpoint = null, string? EndpointDetail = null);

/// <summary>One attempt of a request on one target.</summary>
public sealed record AttemptEntry(string Target, string Outcome, double DurationMs, double? TimeToFirstTokenMs, string? Error);
