using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Routing;

/// <summary>
/// The one place the router records what it did: each decision (or refusal), each attempt with its outcome, and each request's
/// end. Writes the <see cref="RouteDecision"/>, the metrics (<see cref="InferenceTelemetry"/>), the Debug logs, and tells the
/// <see cref="IRouteObserver"/>s, once per request whatever its outcome.
/// </summary>
internal sealed partial class RouteRecorder(ILogger logger)
{
    private IRouteObserver[] _observers = [];

    /// <summary>Adds an observer of every request's end.</summary>
    public void Observe(IRouteObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        lock (this)
        {
            _observers = [.. _observers, observer];
        }
    }

    /// <summary>A decision that chose a target.</summary>
    public void Decided(RouteDecision d, TargetTier tier)
    {
        LogDecision(logger, d.Target!, d.Rule, d.PromptTokens, d.OutputTokens, d.TaskType, d.PiiKinds.Count, d.Fallbacks.Count, d);
        InferenceTelemetry.RouteDecisions.Add(
            1,
            new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, d.Target),
            new KeyValuePair<string, object?>(InferenceTelemetry.TierTag, InferenceTelemetry.NameOf(tier)),
            new KeyValuePair<string, object?>(InferenceTelemetry.RouteReasonTag, InferenceTelemetry.NameOf(d.Rule)));
    }

    /// <summary>A decision that refused the request: counted, logged, and the request ends here.</summary>
    public void Refused(RouteDecision d)
    {
        LogRefused(logger, d);
        InferenceTelemetry.RouteDecisions.Add(
            1,
            new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, InferenceTelemetry.NoTarget),
            new KeyValuePair<string, object?>(InferenceTelemetry.RouteReasonTag, InferenceTelemetry.RefusedReason));
        Completed(d, RouteOutcome.Refused);
    }

    /// <summary>One attempt on one target ended.</summary>
    public void Attempt(RouteDecision d, string target, AttemptOutcome outcome, TimeSpan duration, TimeSpan? ttft, Exception? error, bool committed)
    {
        d.AddAttempt(new RouteAttempt(target, outcome, duration, ttft, error?.GetType().Name, committed));
        InferenceTelemetry.RouteAttempts.Add(
            1,
            new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, target),
            new KeyValuePair<string, object?>(InferenceTelemetry.AttemptOutcomeTag, InferenceTelemetry.NameOf(outcome)));
        if (error is not null)
        {
            LogAttemptFailed(logger, target, outcome, error.GetType().Name, committed);
        }
    }

    /// <summary>The request ended; the first call wins (a request ends once).</summary>
    public void Completed(RouteDecision d, RouteOutcome outcome)
    {
        if (!d.TryComplete(outcome))
        {
            return;
        }

        foreach (var observer in _observers)
        {
            observer.OnCompleted(d);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Routed to {Target} by {Rule}: prompt {PromptTokens} tokens, output {OutputTokens}, task {TaskType}, PII kinds {PiiKindCount}, fallbacks {FallbackCount}. {Decision}")]
    private static partial void LogDecision(ILogger logger, string target, RouteRule rule, int promptTokens, int outputTokens, TaskType taskType, int piiKindCount, int fallbackCount, RouteDecision decision);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Refused: {Decision}")]
    private static partial void LogRefused(ILogger logger, RouteDecision decision);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Attempt on {Target} ended {Outcome} with {Error} (output committed: {OutputCommitted})")]
    private static partial void LogAttemptFailed(ILogger logger, string target, AttemptOutcome outcome, string error, bool outputCommitted);
}
