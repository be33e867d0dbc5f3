using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing.Limits;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Routing;

/// <summary>
/// The execution of one request once it is decided: what each attempt sends (the messages, redacted for a non-edge target when
/// the decision says so; the options, cloned for each hedged attempt), where each attempt is recorded, and the request's end.
/// One <see cref="AttemptRace{T}"/> runs the attempts down the decision's order.
/// </summary>
internal sealed class RequestRun
{
    private readonly HybridRouterChatClient _router;
    private readonly IReadOnlyList<ChatMessage> _messages;
    private readonly ChatOptions? _options;
    private readonly LimitTickets _tenant;
    private RedactedRequest? _redacted;
    private long _usedTokens;
    private int _tenantSettled;

    public RequestRun(
        HybridRouterChatClient router, RouteDecision decision, IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken caller, RequestFeatures features, LimitTickets tenant)
    {
        _router = router;
        _tenant = tenant;
        Features = features;
        _messages = messages;
        _options = options;
        Decision = decision;
        Caller = caller;
        Failover = new FailoverProgress(router.Options.MaximumAttemptsPerRequest);
    }

    public RouteDecision Decision { get; }

    /// <summary>Gets what the request is (its tokens per target, its priority).</summary>
    public RequestFeatures Features { get; }

    public CancellationToken Caller { get; }

    public FailoverProgress Failover { get; }

    public TargetBoard[] Boards => _router.Boards;

    public TimeProvider Time => _router.Time;

    public bool Hedge => _router.Options.SlowFirstToken == SlowFirstTokenAction.Hedge;

    private RouteRecorder Recorder => _router.Recorder;

    /// <summary>
    /// Takes the target's rate limits for an attempt on it (one request, its tokens there): an attempt is admitted when it starts,
    /// so a failover counts on the target that takes over. A target that filled up since the decision is passed over, with the reason.
    /// </summary>
    public bool TryAdmit(TargetBoard board, int index, out LimitTickets tickets)
    {
        tickets = default;
        if (board.Limits is not { } limits)
        {
            return true;
        }

        double share = Features.Priority == RequestPriority.Batch ? _router.Options.BatchLimitShare : 1;
        if (limits.TryTake(Features.NeedOn(index), share, Time.GetTimestamp(), out tickets) is not { } refused)
        {
            return true;
        }

        string why = refused.Check.Describe(refused.Counter, refused.Amount);
        Decision.AddReason($"'{board.Target.Name}' passed over when its attempt was due: {why}");
        Decision.Limited = LimitRefusal.Sooner(Decision.Limited, new LimitRefusal(refused.Counter.Kind, refused.Counter.Name, board.Target.Name, IsTenant: false, refused.Check.RetryAfter, why, refused.Check.LeaseShort));
        return false;
    }

    /// <summary>Whether the tokens an attempt on <paramref name="board"/> uses are counted (so its usage is worth reading).</summary>
    public bool CountsTokens(TargetBoard board) => board.Limits?.Tokens is not null || _tenant.Tokens.Counter is not null;

    /// <summary>An attempt ended: its target's limits are corrected by what it used (<see langword="null"/>: the estimate stands), and the request's total grows.</summary>
    public void Settled(in LimitTickets tickets, long estimate, long? actualTokens)
    {
        tickets.Settle(actualTokens, Time.GetTimestamp());
        Interlocked.Add(ref _usedTokens, actualTokens ?? estimate);
    }

    /// <summary>The tokens a response or an update reports (total, else input plus output); <see langword="null"/> when it reports none.</summary>
    public static long? TokensOf(UsageDetails? usage) =>
        usage is null ? null
        : usage.TotalTokenCount is { } total ? total
        : usage.InputTokenCount is null && usage.OutputTokenCount is null ? null
        : (usage.InputTokenCount ?? 0) + (usage.OutputTokenCount ?? 0);

    /// <summary>The tokens a streamed update reports in its <see cref="UsageContent"/>, if it carries one.</summary>
    public static long? TokensOf(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        for (int i = 0; i < contents.Count; i++)
        {
            if (contents[i] is UsageContent usage)
            {
                return TokensOf(usage.Details);
            }
        }

        return null;
    }

    /// <summary>The messages an attempt on <paramref name="target"/> sends: redacted once, and only for a non-edge target, when the decision says so.</summary>
    public IReadOnlyList<ChatMessage> MessagesFor(RouteTarget target) => RedactedFor(target)?.Messages ?? _messages;

    /// <summary>
    /// The options an attempt on <paramref name="target"/> sends: the caller's (with redacted instructions where the messages are
    /// redacted), or a clone of them for each hedged attempt (attempts that run side by side share nothing a client may change).
    /// </summary>
    public ChatOptions? OptionsFor(RouteTarget target)
    {
        var options = RedactedFor(target) is { } redacted ? redacted.Options : _options;
        return Hedge ? options?.Clone() : options;
    }

    /// <summary>The restore of the placeholders an attempt on <paramref name="target"/> sent; <see langword="null"/> when it sent none or restore is off.</summary>
    public PiiRestore? RestoreFor(RouteTarget target) =>
        _router.Options.RestoreRedactedValues && RedactedFor(target) is { } redacted ? redacted.Restore : null;

    /// <summary>The redacted request, made once, for a non-edge target when the decision says so.</summary>
    private RedactedRequest? RedactedFor(RouteTarget target) =>
        Decision.Redacted && target.Tier != TargetTier.Edge
            ? LazyInitializer.EnsureInitialized(ref _redacted, () => _router.Reader.Redact(_messages, _options))
            : null;

    /// <summary>
    /// The rest of a non-streaming request once it is decided: its attempts (failover, hedging, and escalation of a
    /// low-confidence edge answer), its end recorded, and the decision attached to the response. One state machine for all
    /// of it on the request's path (besides the attempt loop's).
    /// </summary>
    public async Task<ChatResponse> RespondAsync()
    {
        ChatResponse response;
        try
        {
            var race = new AttemptRace<ChatResponse>(
                this,
                static (run, board, token) => board.Target.Client.GetResponseAsync(run.MessagesFor(board.Target), run.OptionsFor(board.Target), token),
                static _ => default);
            bool escalating = false;
            ChatResponse? edgeAnswer = null;
            ChatResponse? answer = null;
            while (await race.NextAsync().ConfigureAwait(false) is { } won)
            {
                var target = won.Board.Target;
                var elapsed = Time.GetElapsedTime(won.Started);
                won.Board.RecordTtft(elapsed);
                var result = won.Result;
                won.Settle(TokensOf(result.Usage)); // the reported usage corrects the estimate the limits counted
                won.Finish();
                if (!escalating && _router.ShouldEscalate(Decision, won.Board, result))
                {
                    Recorder.Attempt(Decision, target.Name, AttemptOutcome.LowConfidence, elapsed, elapsed, null, committed: false);
                    escalating = true;
                    edgeAnswer = result;
                    race.Skip = static t => t.Tier == TargetTier.Edge;
                    continue;
                }

                Recorder.Attempt(Decision, target.Name, AttemptOutcome.Succeeded, elapsed, elapsed, null, committed: false);
                Served(won.Board, escalating, result.AdditionalProperties);
                RestoreFor(target)?.Apply(result);
                answer = result;
                break;
            }

            if (answer is null && edgeAnswer is not null)
            {
                // Escalation failed everywhere: the edge answer is better than none.
                Decision.ServedBy = LastLowConfidence();
                answer = edgeAnswer;
            }

            response = answer ?? throw Failover.Exhausted(Decision, Time.GetUtcNow());
            Decision.Cost = HybridRouterChatClient.CostOf(response.AdditionalProperties) ?? Decision.Cost;
        }
        catch (Exception e)
        {
            Complete(e);
            throw;
        }

        Complete();
        return HybridRouterChatClient.Attach(response, Decision);
    }

    /// <summary>Runs the attempts for a stream until one produces its first update (failover and hedging end there).</summary>
    public async Task<AttemptRace<StreamStart>.Attempt> OpenStreamAsync()
    {
        var race = new AttemptRace<StreamStart>(
            this,
            static async (run, board, token) =>
            {
                var e = board.Target.Client.GetStreamingResponseAsync(run.MessagesFor(board.Target), run.OptionsFor(board.Target), token).GetAsyncEnumerator(token);
                try
                {
                    return new StreamStart(e, await e.MoveNextAsync().ConfigureAwait(false) ? e.Current : null);
                }
                catch
                {
                    await e.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            },
            static r => r.Stream.DisposeAsync());
        var won = await race.NextAsync().ConfigureAwait(false) ?? throw Failover.Exhausted(Decision, Time.GetUtcNow());

        // The first update is here: from now on the output is committed and nothing fails over.
        won.Timeout?.Disarm();
        won.Board.RecordTtft(Time.GetElapsedTime(won.Started));
        Served(won.Board, escalated: false, won.Result.First?.AdditionalProperties);
        return won;
    }

    /// <summary>An attempt failed before output and the request moves on; an overloaded target is kept out for its <c>Retry-After</c>.</summary>
    public void FailedOver(TargetBoard board, long started, Exception error)
    {
        Recorder.Attempt(Decision, board.Target.Name, AttemptOutcome.FailedOver, Time.GetElapsedTime(started), null, error, committed: false);
        switch (error)
        {
            case TargetOverloadedException overloaded:
                board.BackOff(overloaded.RetryAfter);
                break;
            case EngineLoadingException:
                board.BackOff(null);
                break;
            case CapabilityNotSupportedException { Capability: not ModelCapabilities.None } unsupported:
                board.RefuseCapability(unsupported.Capability);
                break;
        }

        Failover.Failed(board.Target, error);
    }

    /// <summary>An attempt failed with an error that goes to the caller (or the caller canceled).</summary>
    public void Failed(TargetBoard board, long started, Exception error, TimeSpan? ttft = null, bool committed = false) =>
        Recorder.Attempt(Decision, board.Target.Name, Caller.IsCancellationRequested ? AttemptOutcome.Canceled : AttemptOutcome.Failed, Time.GetElapsedTime(started), ttft, error, committed);

    /// <summary>Another attempt won the hedge; this one was canceled.</summary>
    public void Superseded(TargetBoard board, long started, bool producedOutput)
    {
        var elapsed = Time.GetElapsedTime(started);
        Recorder.Attempt(Decision, board.Target.Name, AttemptOutcome.Superseded, elapsed, producedOutput ? elapsed : null, null, committed: false);
    }

    /// <summary>A stream ran to its end.</summary>
    public void Succeeded(TargetBoard board, long started, TimeSpan ttft, bool committed) =>
        Recorder.Attempt(Decision, board.Target.Name, AttemptOutcome.Succeeded, Time.GetElapsedTime(started), ttft, null, committed);

    /// <summary>The request ended: served, or with <paramref name="error"/> (failed, or canceled when the caller canceled).</summary>
    public void Complete(Exception? error = null)
    {
        SettleTenant();
        Recorder.Completed(Decision, error is null ? RouteOutcome.Served : Caller.IsCancellationRequested ? RouteOutcome.Canceled : RouteOutcome.Failed);
    }

    /// <summary>The caller stopped reading a stream before its end.</summary>
    public void Abandoned()
    {
        SettleTenant();
        Recorder.Completed(Decision, RouteOutcome.Canceled);
    }

    /// <summary>The tenant's tokens are corrected, once, by what the request's attempts used (0 when none produced output).</summary>
    private void SettleTenant()
    {
        if (_tenant.Tokens.Counter is not null && Interlocked.Exchange(ref _tenantSettled, 1) == 0)
        {
            _tenant.Settle(Interlocked.Read(ref _usedTokens), Time.GetTimestamp());
        }
    }

    private void Served(TargetBoard board, bool escalated, AdditionalPropertiesDictionary? properties)
    {
        var target = board.Target;
        var decision = Decision;
        decision.ServedBy = target.Name;
        _router.Affinity.Remember(Features.Conversation, Array.IndexOf(Boards, board)); // by reference: no name lookup
        decision.Endpoint = properties?.TryGetValue(InferencePropertyNames.Endpoint, out object? endpoint) == true ? endpoint as Pools.EndpointDecision : null;
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

    private string? LastLowConfidence()
    {
        var attempts = Decision.Attempts;
        for (int i = attempts.Count - 1; i >= 0; i--)
        {
            if (attempts[i].Outcome == AttemptOutcome.LowConfidence)
            {
                return attempts[i].Target;
            }
        }

        return null;
    }

    /// <summary>A stream whose first update has arrived (or that ended without one).</summary>
    internal readonly record struct StreamStart(IAsyncEnumerator<ChatResponseUpdate> Stream, ChatResponseUpdate? First);
}
