using System;
using System.Runtime.ExceptionServices;

namespace Inference.Sdk.Routing;

/// <summary>Where one request stands in its failover: attempts made, the smallest context window still worth trying, the last error.</summary>
internal sealed class FailoverProgress(int? maximumAttempts)
{
    private readonly int _limit = maximumAttempts ?? int.MaxValue;
    private int _tried;
    private int _minContext;
    private Exception? _last;
    private string? _lastTarget;

    /// <summary>Whether the target is still worth an attempt; counts the attempt when it is.</summary>
    public bool TryBegin(RouteTarget target)
    {
        if (_tried >= _limit || target.ContextWindow <= _minContext)
        {
            return false;
        }

        _tried++;
        return true;
    }

    /// <summary>Whether the target could still get an attempt after those begun so far (the limit and the context windows as they stand now).</summary>
    public bool CouldBegin(RouteTarget target) => _tried < _limit && target.ContextWindow > _minContext;

    /// <summary>Records a failure that moves the request on; after a context-window error only larger windows are tried.</summary>
    public void Failed(RouteTarget target, Exception error)
    {
        _last = error;
        _lastTarget = target.Name;
        if (Failures.KindOf(error) == FailureKind.ContextOverflow)
        {
            _minContext = Math.Max(_minContext, target.ContextWindow);
        }
    }

    /// <summary>The error the caller gets when no target is left: the last one, typed.</summary>
    public Exception Exhausted(RouteDecision decision, DateTimeOffset now)
    {
        if ((_last is null || _lastTarget is null) && decision.Limited is not null)
        {
            // No attempt was made because a rate limit filled between the decision and the take (concurrent requests).
            return HybridRouterChatClient.Refusal(decision);
        }

        if (_last is null || _lastTarget is null)
        {
            return new RouteRefusedException("No eligible target was left to try (context windows or the attempt limit).") { Decision = decision };
        }

        var typed = Failures.ToTyped(_last, _lastTarget, outputCommitted: false, now);
        if (ReferenceEquals(typed, _last))
        {
            ExceptionDispatchInfo.Capture(_last).Throw();
        }

        return typed;
    }
}
