using System.Collections.Concurrent;
using Inference.Sdk.Routing;

namespace AspNetChat;

/// <summary>
/// The most recent requests as the sample's endpoints saw them: served, failed, refused or canceled, each with every attempt the
/// router made (<see cref="RouteDecision.Attempts"/>). What the dashboard draws.
/// </summary>
/// <remarks>
/// The sample fills it from the decision on the response, or on a <see cref="RouteRefusedException"/>. When the router publishes
/// its own record of every request (served, failed, refused, canceled), this becomes a view of that record.
/// </remarks>
public sealed class RouteLog(TimeProvider time)
{
    private const int Capacity = 500;
    private readonly ConcurrentQueue<RouteEntry> _entries = new();

    public IReadOnlyList<RouteEntry> Recent => _entries.Reverse().ToArray();

    public void Add(RouteDecision? decision, string outcome, decimal? costUsd, string? tenant, string? error = null)
    {
        _entries.Enqueue(new RouteEntry(
            time.GetUtcNow(),
            outcome,
            decision?.ServedBy ?? decision?.Target ?? "(none)",
            decision?.Rule.ToString() ?? "-",
            decision is null ? error ?? string.Empty : string.Join("; ", decision.Reasons.Concat(decision.Rejected.Select(r => $"{r.Target}: {r.Reason}"))),
            decision?.PromptTokens ?? 0,
            costUsd ?? decision?.EstimatedCostUsd,
            tenant ?? decision?.Tenant,
            decision?.Attempts.Select(a => new AttemptEntry(a.Target, a.Outcome.ToString(), a.Duration.TotalMilliseconds, a.TimeToFirstToken?.TotalMilliseconds, a.Error)).ToArray() ?? []));
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
