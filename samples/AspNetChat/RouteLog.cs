using System.Collections.Concurrent;
using Inference.Sdk.Routing;

namespace AspNetChat;

/// <summary>The most recent route decisions, for the dashboard.</summary>
public sealed class RouteLog
{
    private const int Capacity = 50;
    private readonly ConcurrentQueue<RouteEntry> _entries = new();

    public IReadOnlyList<RouteEntry> Recent => _entries.Reverse().ToArray();

    public void Add(RouteDecision decision)
    {
        _entries.Enqueue(new RouteEntry(
            DateTimeOffset.UtcNow, decision.ServedBy ?? decision.Target ?? "(refused)", decision.Rule.ToString(),
            string.Join("; ", decision.Reasons), decision.PromptTokens, decision.EstimatedCostUsd, decision.Tenant));
        while (_entries.Count > Capacity && _entries.TryDequeue(out _))
        {
        }
    }
}

/// <summary>One route decision as the dashboard shows it.</summary>
public sealed record RouteEntry(DateTimeOffset At, string Target, string Rule, string Reasons, int PromptTokens, decimal? EstimatedCostUsd, string? Tenant);
