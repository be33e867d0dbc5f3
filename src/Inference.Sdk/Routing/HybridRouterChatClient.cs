using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Requests;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Sdk.Routing;

/// <summary>
/// One <see cref="IChatClient"/> over named <see cref="RouteTarget"/>s that sends every request to the right place and
/// explains why. Per request it computes features once (prompt tokens with a real tokenizer, expected output, PII,
/// task type, caller hints), runs a pure policy over in-memory target snapshots (no I/O), then executes with
/// failover: only before the first streamed update reaches the caller, never on caller cancellation.
/// </summary>
/// <remarks>
/// The <see cref="RouteDecision"/> is attached to the response (and to every streamed update) under
/// <see cref="InferencePropertyNames.RouteDecision"/>, logged at Debug, and counted in metrics tagged with target and rule.
/// The router does not dispose the targets' clients.
/// </remarks>
public sealed partial class HybridRouterChatClient : IChatClient
{
    private readonly TargetState[] _states;
    private readonly RouteTarget[] _targets;
    private readonly Dictionary<string, int> _byName;
    private readonly HybridRouterOptions _options;
    private readonly IConfidenceJudge? _judge;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PromptTokenPlan _promptTokens;
    private static readonly Counter<long> AttemptsCounter = InferenceTelemetry.Meter.CreateCounter<long>(
        "inference.route.attempts", "{attempt}", "Attempts on routing targets, by target and outcome.");

    /// <summary>Initializes a new instance of the <see cref="HybridRouterChatClient"/> class.</summary>
    /// <param name="targets">The targets, in order of preference when no rule says otherwise; names must be unique.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, here.</param>
    /// <param name="budgetTracker">Where tenant and global budgets are read; <see langword="null"/> for no budgets.</param>
    /// <param name="piiDetector">The PII detector; <see langword="null"/> for the built-in <see cref="PiiDetector"/>.</param>
    /// <param name="taskClassifier">The task classifier; <see langword="null"/> for the built-in <see cref="LinearTaskClassifier"/>.</param>
    /// <param name="confidenceJudge">The judge of edge answers for confidence escalation; used when <see cref="HybridRouterOptions.ConfidenceThreshold"/> is set.</param>
    /// <param name="logger">The logger; decisions are logged at Debug.</param>
    /// <param name="timeProvider">The clock for durations, timeouts and circuit breakers; <see langword="null"/> for the system clock.</param>
    public HybridRouterChatClient(
        IEnumerable<RouteTarget> targets,
        HybridRouterOptions? options = null,
        IBudgetTracker? budgetTracker = null,
        IPiiDetector? piiDetector = null,
        ITaskClassifier? taskClassifier = null,
        IConfidenceJudge? confidenceJudge = null,
        ILogger<HybridRouterChatClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _options = options ?? new HybridRouterOptions();
        _options.Validate();
        _targets = targets.ToArray();
        if (_targets.Length == 0)
        {
            throw new ArgumentException("At least one target is required.", nameof(targets));
        }

        _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < _targets.Length; i++)
        {
            if (_targets[i] is null)
            {
                throw new ArgumentException("Targets must not contain null.", nameof(targets));
            }

            if (!_byName.TryAdd(_targets[i].Name, i))
            {
                throw new ArgumentException($"Target names must be unique; '{_targets[i].Name}' appears twice.", nameof(targets));
            }
        }

        if (_options.ConfidenceThreshold is not null && confidenceJudge is null)
        {
            throw new ArgumentNullException(nameof(confidenceJudge), "HybridRouterOptions.ConfidenceThreshold is set but no IConfidenceJudge was given.");
        }

        _judge = confidenceJudge;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _states = Array.ConvertAll(_targets, t => new TargetState(t, _options, _time));
        _promptTokens = new PromptTokenPlan(
            Array.ConvertAll(_states, s => s.Counter),
            Array.ConvertAll(_targets, t => t.Tier == TargetTier.Edge ? new long[] { t.ContextWindow, _options.EdgeTokenThreshold } : [t.ContextWindow]));
        Reader = new RequestReader(
            piiDetector ?? PiiDetector.Instance, taskClassifier ?? LinearTaskClassifier.Instance, budgetTracker, _promptTokens, _targets.Length, _options.DefaultOutputTokens);
    }

    /// <summary>Gets what reads each request (features, redaction) before the policy decides.</summary>
    internal RequestReader Reader { get; }

    /// <summary>Gets the targets, in configuration order.</summary>
    public IReadOnlyList<RouteTarget> Targets => _targets;

    /// <summary>Computes where a request would go and why, without calling any target (plan-only mode).</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options, with the caller's hints in <see cref="ChatOptions.AdditionalProperties"/>.</param>
    /// <returns>The decision; <see cref="RouteDecision.Target"/> is <see langword="null"/> when the request would be refused.</returns>
    public RouteDecision Plan(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return Decide(AsList(messages), options);
    }

    /// <summary>Records the latest load snapshot of a target's engine (from a background monitor); the next decisions read it.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="load">The snapshot.</param>
    public void ReportLoad(string target, EngineLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        StateOf(target).ReportLoad(load);
    }

    /// <summary>
    /// Records the context window a target's engine really serves (from engine discovery): decisions use the smaller of it and
    /// <see cref="RouteTarget.ConfiguredContextWindow"/>, so a prompt the engine would reject goes elsewhere.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="servedTokens">The tokens one request may hold on the engine (prompt plus output).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="servedTokens"/> is not positive.</exception>
    public void ReportContextWindow(string target, int servedTokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(servedTokens);
        RouteTarget routeTarget = StateOf(target).Target;
        if (routeTarget.ServeContextWindow(servedTokens))
        {
            _promptTokens.AddThreshold(_byName[target], routeTarget.ContextWindow);
        }
    }

    /// <summary>Records whether a target is healthy (from a background health check); unhealthy targets are skipped.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="healthy">Whether the target is healthy.</param>
    public void ReportHealth(string target, bool healthy) => StateOf(target).ReportHealth(healthy);

    /// <summary>
    /// Records a provider's health snapshot of a target (from a background monitor): unhealthy targets are skipped, and a target
    /// expecting a cold start (<see cref="TargetHealth.ColdStartExpected"/>) is skipped for requests whose
    /// <see cref="InferencePropertyNames.LatencyGoal"/> is shorter than <see cref="HybridRouterOptions.ColdStartDuration"/>.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="health">The snapshot.</param>
    public void ReportHealth(string target, TargetHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        var state = StateOf(target);
        state.ReportHealth(health.Healthy);
        state.ReportColdStart(health.ColdStartExpected);
    }

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = AsList(messages);
        var decision = DecideOrThrow(list, options);
        var failover = new FailoverProgress(_options.MaximumAttemptsPerRequest);
        var race = new AttemptRace<ChatResponse>(
            new AttemptContext(this, decision, failover, cancellationToken),
            (state, attempt) => state.Target.Client.GetResponseAsync(MessagesFor(decision, state.Target, list), options, attempt.Token),
            static _ => default);
        bool escalating = false;
        ChatResponse? edgeAnswer = null;

        while (await race.NextAsync().ConfigureAwait(false) is { } won)
        {
            var target = won.State.Target;
            var elapsed = _time.GetElapsedTime(won.Started);
            won.State.RecordTtft(elapsed);
            won.Finish();
            var response = won.Result;
            if (!escalating && ShouldEscalate(decision, target, Array.IndexOf(_states, won.State), response))
            {
                Record(decision, target, AttemptOutcome.LowConfidence, elapsed, elapsed, null, committed: false);
                escalating = true;
                edgeAnswer = response;
                race.Skip = static t => t.Tier == TargetTier.Edge;
                continue;
            }

            Record(decision, target, AttemptOutcome.Succeeded, elapsed, elapsed, null, committed: false);
            Served(decision, target, escalating);
            return Attach(response, decision);
        }

        if (edgeAnswer is not null)
        {
            // Escalation failed everywhere: the edge answer is better than none.
            decision.ServedBy = decision.Attempts.Last(a => a.Outcome == AttemptOutcome.LowConfidence).Target;
            return Attach(edgeAnswer, decision);
        }

        throw failover.Exhausted(decision, _time.GetUtcNow());
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = AsList(messages);
        var decision = DecideOrThrow(list, options);
        var failover = new FailoverProgress(_options.MaximumAttemptsPerRequest);
        var race = new AttemptRace<(IAsyncEnumerator<ChatResponseUpdate> Stream, ChatResponseUpdate? First)>(
            new AttemptContext(this, decision, failover, cancellationToken),
            async (state, attempt) =>
            {
                var e = state.Target.Client.GetStreamingResponseAsync(MessagesFor(decision, state.Target, list), options, attempt.Token).GetAsyncEnumerator(attempt.Token);
                try
                {
                    return (e, await e.MoveNextAsync().ConfigureAwait(false) ? e.Current : null);
                }
                catch
                {
                    await e.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            static r => r.Stream.DisposeAsync());

        var won = await race.NextAsync().ConfigureAwait(false) ?? throw failover.Exhausted(decision, _time.GetUtcNow());
        var state = won.State;
        var target = state.Target;
        var (stream, first) = won.Result;
        long started = won.Started;
        try
        {
            // The first update is here: from now on the output is committed and nothing fails over.
            won.Timeout.Disarm();
            var ttft = _time.GetElapsedTime(started);
            state.RecordTtft(ttft);
            Served(decision, target, escalated: false);
            if (first is not null)
            {
                yield return Attach(first, decision);
            }

            while (true)
            {
                bool more;
                try
                {
                    more = await stream.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    bool canceled = cancellationToken.IsCancellationRequested;
                    Record(decision, target, canceled ? AttemptOutcome.Canceled : AttemptOutcome.Failed, _time.GetElapsedTime(started), ttft, e, committed: true);
                    if (canceled || e is InferenceException { OutputCommitted: true })
                    {
                        throw;
                    }

                    throw Failures.ToTyped(e, target.Name, outputCommitted: true, _time.GetUtcNow());
                }

                if (!more)
                {
                    break;
                }

                yield return Attach(stream.Current, decision);
            }

            Record(decision, target, AttemptOutcome.Succeeded, _time.GetElapsedTime(started), ttft, null, committed: first is not null);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            won.Finish();
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The router owns nothing that needs disposing: the targets' clients belong to the caller.
    }

    private static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages) =>
        messages as IReadOnlyList<ChatMessage> ?? messages.ToList();

    private TargetState StateOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _byName.TryGetValue(target, out int i)
            ? _states[i]
            : throw new ArgumentException($"'{target}' is not a configured target.", nameof(target));
    }

    private RouteDecision DecideOrThrow(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var decision = Decide(messages, options);
        if (decision.Target is null)
        {
            string message = decision.DescribeRefusal();
            LogRefused(_logger, decision);
            InferenceTelemetry.RouteDecisions.Add(1, new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, "none"), new KeyValuePair<string, object?>(InferenceTelemetry.RouteReasonTag, "Refused"));
            var refused = new RouteRefusedException(message) { Decision = decision };
            if (decision.RetryAfter is { } retryAfter)
            {
                // Targets that asked to be left alone would have been eligible: the caller may retry after the shortest wait.
                throw new TargetOverloadedException($"Every eligible target is overloaded; retry after {retryAfter.TotalMilliseconds:0} ms. {message}", refused) { RetryAfter = retryAfter };
            }

            throw refused;
        }

        LogDecision(_logger, decision.Target, decision.Rule, decision.PromptTokens, decision.OutputTokens, decision.TaskType, decision.PiiKinds.Count, decision.Fallbacks.Count, decision);
        InferenceTelemetry.RouteDecisions.Add(
            1,
            new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, decision.Target),
            new KeyValuePair<string, object?>(InferenceTelemetry.TierTag, TierName(_targets[decision.Order[0]].Tier)),
            new KeyValuePair<string, object?>(InferenceTelemetry.RouteReasonTag, RuleName(decision.Rule)));
        return decision;
    }

    /// <summary>Features (once) then the pure policy over snapshots.</summary>
    internal RouteDecision Decide(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var features = Reader.Read(messages, options);
        var snapshots = new TargetSnapshot[_states.Length];
        for (int i = 0; i < snapshots.Length; i++)
        {
            snapshots[i] = _states[i].Snapshot();
        }

        return RoutePolicy.Decide(features, snapshots, _targets, _options);
    }

    private bool ShouldEscalate(RouteDecision decision, RouteTarget target, int index, ChatResponse response)
    {
        if (_judge is null || _options.ConfidenceThreshold is not { } threshold || target.Tier != TargetTier.Edge || decision.LocalOnly)
        {
            return false;
        }

        bool cloudLeft = false;
        foreach (int i in decision.Order)
        {
            cloudLeft |= i != index && _targets[i].Tier != TargetTier.Edge;
        }

        return cloudLeft && _judge.Score(response) is { } score && score < threshold;
    }

    private IReadOnlyList<ChatMessage> MessagesFor(RouteDecision decision, RouteTarget target, IReadOnlyList<ChatMessage> list) =>
        decision.Redacted && target.Tier != TargetTier.Edge ? Reader.Redact(list) : list;

    private static void BackOffIfOverloaded(TargetState state, Exception e)
    {
        switch (e)
        {
            case TargetOverloadedException overloaded:
                state.BackOff(overloaded.RetryAfter);
                break;
            case EngineLoadingException:
                state.BackOff(null);
                break;
        }
    }

    private static void Served(RouteDecision decision, RouteTarget target, bool escalated)
    {
        decision.ServedBy = target.Name;
        if (escalated)
        {
            decision.Rule = RouteRule.ConfidenceEscalation;
        }
        else if (!string.Equals(target.Name, decision.Target, StringComparison.Ordinal))
        {
            // The cloud was wanted and failed: the edge serves every task type (degraded), else a plain failover.
            bool wantedCloud = decision.Rule is RouteRule.TokenBudget or RouteRule.TaskType;
            decision.Rule = wantedCloud && target.Tier == TargetTier.Edge ? RouteRule.Degraded : RouteRule.Failover;
        }
    }

    private void Record(RouteDecision decision, RouteTarget target, AttemptOutcome outcome, TimeSpan duration, TimeSpan? ttft, Exception? error, bool committed)
    {
        decision.AddAttempt(new RouteAttempt(target.Name, outcome, duration, ttft, error?.GetType().Name, committed));
        AttemptsCounter.Add(1, new KeyValuePair<string, object?>(InferenceTelemetry.TargetTag, target.Name), new KeyValuePair<string, object?>("inference.attempt.outcome", OutcomeName(outcome)));
        if (error is not null)
        {
            LogAttemptFailed(_logger, target.Name, outcome, error.GetType().Name, committed);
        }
    }

    private static T Attach<T>(T item, RouteDecision decision)
        where T : class
    {
        var props = item switch
        {
            ChatResponse r => r.AdditionalProperties ??= [],
            ChatResponseUpdate u => u.AdditionalProperties ??= [],
            _ => throw new UnreachableException(),
        };
        props[InferencePropertyNames.RouteDecision] = decision;
        props[InferencePropertyNames.TargetName] = decision.ServedBy;
        return item;
    }

    private static string RuleName(RouteRule rule) => rule switch
    {
        RouteRule.Default => "Default",
        RouteRule.ForceTarget => "ForceTarget",
        RouteRule.Pii => "Pii",
        RouteRule.Budget => "Budget",
        RouteRule.Degraded => "Degraded",
        RouteRule.TokenBudget => "TokenBudget",
        RouteRule.TaskType => "TaskType",
        RouteRule.ConfidenceEscalation => "ConfidenceEscalation",
        RouteRule.Saturation => "Saturation",
        RouteRule.Residency => "Residency",
        RouteRule.ContextWindow => "ContextWindow",
        RouteRule.Cost => "Cost",
        RouteRule.Failover => "Failover",
        _ => rule.ToString(),
    };

    private static string TierName(TargetTier tier) => tier switch
    {
        TargetTier.Edge => "Edge",
        TargetTier.CloudPod => "CloudPod",
        TargetTier.Serverless => "Serverless",
        TargetTier.HostedApi => "HostedApi",
        _ => tier.ToString(),
    };

    private static string OutcomeName(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "Succeeded",
        AttemptOutcome.FailedOver => "FailedOver",
        AttemptOutcome.Failed => "Failed",
        AttemptOutcome.Canceled => "Canceled",
        AttemptOutcome.LowConfidence => "LowConfidence",
        AttemptOutcome.Superseded => "Superseded",
        _ => outcome.ToString(),
    };

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug,
        Message = "Routed to {Target} by {Rule}: prompt {PromptTokens} tokens, output {OutputTokens}, task {TaskType}, PII kinds {PiiKindCount}, fallbacks {FallbackCount}. {Decision}")]
    private static partial void LogDecision(ILogger logger, string target, RouteRule rule, int promptTokens, int outputTokens, TaskType taskType, int piiKindCount, int fallbackCount, RouteDecision decision);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Refused: {Decision}")]
    private static partial void LogRefused(ILogger logger, RouteDecision decision);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Attempt on {Target} ended {Outcome} with {Error} (output committed: {OutputCommitted})")]
    private static partial void LogAttemptFailed(ILogger logger, string target, AttemptOutcome outcome, string error, bool outputCommitted);
}
