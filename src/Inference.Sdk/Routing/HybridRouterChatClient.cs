using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing.Limits;
using Inference.Sdk.Routing.Policy;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inference.Sdk.Routing;

/// <summary>
/// One <see cref="IChatClient"/> over named <see cref="RouteTarget"/>s that sends every request to the right place and
/// explains why. Each request is read once (<see cref="Requests.RequestReader"/>: prompt tokens with a real tokenizer,
/// expected output, PII, task type, caller hints), decided by a pure policy over the targets' boards (no I/O), executed
/// with failover (only before the first streamed update reaches the caller, never on caller cancellation) or hedging, and
/// recorded: every attempt, and the request's end whatever it was.
/// </summary>
/// <remarks>
/// The <see cref="RouteDecision"/> is attached to the response (and to every streamed update) under
/// <see cref="InferencePropertyNames.RouteDecision"/>, logged at Debug, and counted in metrics tagged with target and rule.
/// The router does not dispose the targets' clients.
/// </remarks>
public sealed class HybridRouterChatClient : IChatClient
{
    private readonly RouteTarget[] _targets;
    private readonly Dictionary<string, int> _byName;
    private readonly IConfidenceJudge? _judge;
    private readonly PromptTokenPlan _promptTokens;
    private int _batchWaiting;

    /// <summary>Initializes a new instance of the <see cref="HybridRouterChatClient"/> class.</summary>
    /// <param name="targets">The targets, in order of preference when no rule says otherwise; names must be unique.</param>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, here.</param>
    /// <param name="budgetTracker">Where tenant and global budgets are read; <see langword="null"/> for no budgets.</param>
    /// <param name="piiDetector">The PII detector; <see langword="null"/> for the built-in <see cref="PiiDetector"/> with <see cref="HybridRouterOptions.Pii"/>.</param>
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
        Options = options ?? new HybridRouterOptions();
        Options.Validate();
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

        foreach (var target in _targets)
        {
            if (target.Fallback is { } fallback && (!_byName.TryGetValue(fallback, out int f) || _targets[f] == target))
            {
                throw new ArgumentException($"Target '{target.Name}' falls back to '{fallback}', which is {(_byName.ContainsKey(fallback) ? "itself" : "not a target")}; name another target.", nameof(targets));
            }
        }

        if (Options.ConfidenceThreshold is not null && confidenceJudge is null)
        {
            throw new ArgumentNullException(nameof(confidenceJudge), "HybridRouterOptions.ConfidenceThreshold is set but no IConfidenceJudge was given.");
        }

        _judge = confidenceJudge;
        Recorder = new RouteRecorder(logger ?? (ILogger)NullLogger.Instance);
        Time = timeProvider ?? TimeProvider.System;
        Limits = new LimitSet(Time, Options.RateLimitWindow, TimeSpan.FromMilliseconds(250));
        Boards = Array.ConvertAll(_targets, t => new TargetBoard(t, Options, Time, Limits));
        Tenants = new TenantBook(Options.Tenants, Limits);
        Affinity = new ConversationAffinity(Options.ConversationAffinityCapacity, Options.ConversationAffinityDuration, Time);
        _promptTokens = new PromptTokenPlan(
            Array.ConvertAll(Boards, b => b.Counter),
            Array.ConvertAll(_targets, t => t.Tier == TargetTier.Edge ? new long[] { t.ContextWindow, Options.EdgeTokenThreshold } : [t.ContextWindow]),
            Array.ConvertAll(_targets, t => ImageTokenRule.ForContext(t.ModelId, t.TokensPerImage)));
        Reader = new RequestReader(
            piiDetector ?? PiiDetector.For(Options.Pii), taskClassifier ?? LinearTaskClassifier.Instance, budgetTracker, _promptTokens, _targets.Length, Options.DefaultOutputTokens,
            Options.JsonSerializerOptions);
    }

    /// <summary>Gets what reads each request (features, redaction) before the policy decides.</summary>
    internal RequestReader Reader { get; }

    /// <summary>Gets every rate limit the router counts (targets' and tenants'), and whether they are shared by a fleet.</summary>
    internal LimitSet Limits { get; }

    /// <summary>Gets the tenants' limits and priorities.</summary>
    internal TenantBook Tenants { get; }

    /// <summary>Gets the board of each target (same index as <see cref="Targets"/>): health, load, back-off, price.</summary>
    internal TargetBoard[] Boards { get; }

    /// <summary>Gets which target served each conversation's last turn.</summary>
    internal ConversationAffinity Affinity { get; }

    /// <summary>Gets where decisions, attempts and each request's end are recorded.</summary>
    internal RouteRecorder Recorder { get; }

    /// <summary>Gets the options, read once at construction.</summary>
    internal HybridRouterOptions Options { get; }

    /// <summary>Gets the clock of durations, timeouts, back-offs and circuit breakers.</summary>
    internal TimeProvider Time { get; }

    /// <summary>Gets the targets, in configuration order.</summary>
    public IReadOnlyList<RouteTarget> Targets => _targets;

    /// <summary>Computes where a request would go and why, without calling any target (plan-only mode).</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options, with the caller's hints in <see cref="ChatOptions.AdditionalProperties"/>.</param>
    /// <returns>The decision; <see cref="RouteDecision.Target"/> is <see langword="null"/> when the request would be refused.</returns>
    public RouteDecision Plan(IEnumerable<ChatMessage> messages, ChatOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = AsList(messages);
        RouteDecision decision = Decide(list, options);
        if (decision.Order is [int first, ..] && _targets[first].Client.GetService(typeof(Pools.EndpointPoolChatClient)) is Pools.EndpointPoolChatClient pool)
        {
            decision.Endpoint = pool.Preview(list, options); // a pool's plan names the replica it would pick, and why
        }

        return decision;
    }

    /// <summary>Adds an observer that hears about every request once it has ended (served, failed, refused or canceled), with every attempt.</summary>
    /// <param name="observer">The observer; called synchronously on the request's thread, so it must be fast and never throw.</param>
    public void Observe(IRouteObserver observer) => Recorder.Observe(observer);

    /// <summary>Records the latest load snapshot of a target's engine (from a background monitor); the next decisions read it.</summary>
    /// <param name="target">The target's name.</param>
    /// <param name="load">The snapshot.</param>
    public void ReportLoad(string target, EngineLoad load)
    {
        ArgumentNullException.ThrowIfNull(load);
        Board(target).ReportLoad(load);
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
        RouteTarget routeTarget = Board(target).Target;
        if (routeTarget.ServeContextWindow(servedTokens))
        {
            _promptTokens.AddThreshold(_byName[target], routeTarget.ContextWindow);
        }
    }

    /// <summary>
    /// Records what a target's engine says it can do (from engine discovery: llama.cpp <c>/props</c> modalities, Ollama
    /// <c>/api/show</c> capabilities). On the capabilities the engine reported on, it wins over <see cref="RouteTarget.Capabilities"/>.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="supported">The capabilities the engine has.</param>
    /// <param name="reported">The capabilities the engine said anything about (having them or not).</param>
    /// <returns>Whether what the router uses for the target changed.</returns>
    public bool ReportCapabilities(string target, ModelCapabilities supported, ModelCapabilities reported) =>
        Board(target).ReportCapabilities(supported, reported);

    /// <summary>
    /// Records whether a target's engine is healthy (from a background health check); unhealthy targets are skipped. The provider's
    /// verdict (<see cref="ReportHealth(string, TargetHealth)"/>) is kept apart: a target serves only while both allow it.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="healthy">Whether the target is healthy.</param>
    public void ReportHealth(string target, bool healthy) => Board(target).ReportEngineHealth(healthy);

    /// <summary>
    /// Records a provider's health snapshot of a target (from a background monitor): unhealthy targets are skipped, and a target
    /// expecting a cold start (<see cref="TargetHealth.ColdStartExpected"/>) is skipped for requests whose
    /// <see cref="InferencePropertyNames.LatencyGoal"/> is shorter than <see cref="HybridRouterOptions.ColdStartDuration"/>. The
    /// engine's own health (<see cref="ReportHealth(string, bool)"/>) is kept apart: a target serves only while both allow it.
    /// </summary>
    /// <param name="target">The target's name.</param>
    /// <param name="health">The snapshot.</param>
    public void ReportHealth(string target, TargetHealth health)
    {
        ArgumentNullException.ThrowIfNull(health);
        Board(target).ReportProvider(health.Healthy, health.ColdStartExpected);
    }

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ValueTask<RequestRun> begun;
        try
        {
            begun = BeginAsync(messages, options, cancellationToken); // read, decide, admit; a refusal is recorded and thrown
        }
        catch (Exception e)
        {
            return Faulted<ChatResponse>(ExceptionDispatchInfo.Capture(e));
        }

        // Failover, hedging, escalation (each attempt recorded), the request's end and the decision attached: in the run.
        return begun.IsCompletedSuccessfully ? begun.Result.RespondAsync() : RespondLaterAsync(begun);

        static async Task<ChatResponse> RespondLaterAsync(ValueTask<RequestRun> begun) =>
            await (await begun.ConfigureAwait(false)).RespondAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var run = await BeginAsync(messages, options, cancellationToken).ConfigureAwait(false); // read, decide, admit; a refusal is recorded and thrown
        AttemptRace<RequestRun.StreamStart>.Attempt won;
        try
        {
            won = await run.OpenStreamAsync().ConfigureAwait(false); // failover and hedging until a first update
        }
        catch (Exception e)
        {
            run.Complete(e);
            throw;
        }

        // The output is committed: every update goes to the caller, and a failure now is the caller's.
        var board = won.Board;
        var (stream, first) = won.Result;
        long started = won.Started;
        var ttft = Time.GetElapsedTime(started);
        var attached = Attached(run.Decision); // one dictionary per request, shared by the updates that bring none
        var restore = run.RestoreFor(board.Target)?.Stream(); // placeholders back to the values, holding back only a partial one
        ChatResponseUpdate? last = first;
        bool ended = false;
        bool countsTokens = run.CountsTokens(board);
        long? usage = countsTokens && first is not null ? RequestRun.TokensOf(first) : null;
        try
        {
            if (first is not null)
            {
                run.Decision.Cost = CostOf(first.AdditionalProperties);
                restore?.Apply(first);
                yield return Attach(first, run.Decision, attached);
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
                    ended = true;
                    run.Failed(board, started, e, ttft, committed: true);
                    run.Complete(e);
                    if (cancellationToken.IsCancellationRequested || e is InferenceException { OutputCommitted: true })
                    {
                        throw;
                    }

                    throw Failures.ToTyped(e, board.Target.Name, outputCommitted: true, Time.GetUtcNow());
                }

                if (!more)
                {
                    break;
                }

                last = stream.Current;
                run.Decision.Cost = CostOf(last.AdditionalProperties) ?? run.Decision.Cost;
                if (countsTokens && RequestRun.TokensOf(last) is { } reported)
                {
                    usage = reported;
                }

                restore?.Apply(last);
                yield return Attach(last, run.Decision, attached);
            }

            if (restore?.Flush(last) is { } held)
            {
                yield return Attach(held, run.Decision, attached); // a partial placeholder the stream never finished
            }

            ended = true;
            run.Succeeded(board, started, ttft, committed: first is not null);
            run.Complete();
        }
        finally
        {
            won.Settle(usage); // the reported usage corrects the estimate the limits counted
            if (!ended)
            {
                run.Abandoned(); // the caller stopped reading before the end
            }

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

    /// <summary>Gets a target's board by name.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    internal TargetBoard Board(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return _byName.TryGetValue(target, out int i)
            ? Boards[i]
            : throw new ArgumentException($"'{target}' is not a configured target.", nameof(target));
    }

    /// <summary>Reads the request and decides (the pure policy over the boards' snapshots).</summary>
    internal RouteDecision Decide(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var features = Reader.Read(messages, options);
        _ = Prioritize(features);
        return Decide(features);
    }

    /// <summary>Decides over the boards' snapshots: the pure policy.</summary>
    internal RouteDecision Decide(RequestFeatures features) => RoutePolicy.Decide(features, Boards, _targets, Options);

    /// <summary>Whether an edge answer is below the confidence threshold while a cloud target is still left to escalate to.</summary>
    internal bool ShouldEscalate(RouteDecision decision, TargetBoard board, ChatResponse response)
    {
        var target = board.Target;
        if (_judge is null || Options.ConfidenceThreshold is not { } threshold || target.Tier != TargetTier.Edge || decision.LocalOnly)
        {
            return false;
        }

        bool cloudLeft = false;
        foreach (int i in decision.Order)
        {
            cloudLeft |= Boards[i] != board && _targets[i].Tier != TargetTier.Edge;
        }

        return cloudLeft && _judge.Score(response) is { } score && score < threshold;
    }

    private static IReadOnlyList<ChatMessage> AsList(IEnumerable<ChatMessage> messages) =>
        messages as IReadOnlyList<ChatMessage> ?? messages.ToList();

    /// <summary>The cost a meter beneath attached, if any (a lookup: nothing allocated per update).</summary>
    internal static RequestCost? CostOf(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(InferencePropertyNames.Cost, out object? value) ? value as RequestCost : null;

    internal static T Attach<T>(T item, RouteDecision decision)
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

    private static ChatResponseUpdate Attach(ChatResponseUpdate update, RouteDecision decision, AdditionalPropertiesDictionary attached)
    {
        if (update.AdditionalProperties is null)
        {
            update.AdditionalProperties = attached;
            return update;
        }

        return Attach(update, decision);
    }

    /// <summary>A task that ends as an <see langword="async"/> method that threw <paramref name="error"/> would (canceled for a cancellation).</summary>
    internal static async Task<T> Faulted<T>(ExceptionDispatchInfo error)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        error.Throw();
        return default!;
    }

    private static AdditionalPropertiesDictionary Attached(RouteDecision decision) => new()
    {
        [InferencePropertyNames.RouteDecision] = decision,
        [InferencePropertyNames.TargetName] = decision.ServedBy,
    };

    /// <summary>
    /// The request's tenant, if anything is configured for it, and its priority (the caller's hint, else the tenant's); and the
    /// target that served the conversation's previous turn.
    /// </summary>
    private TenantState? Prioritize(RequestFeatures features)
    {
        var tenant = Tenants.Find(features.Tenant);
        features.AffinityTarget = features.Conversation.Continues ? Affinity.Find(features.Conversation) : -1;
        features.Priority = features.PriorityHint ?? tenant?.Priority ?? RequestPriority.Interactive;
        return tenant;
    }

    /// <summary>Reads, decides and admits a request; batch work refused by a rate limit waits in the bounded queue. A refusal is recorded and thrown.</summary>
    private ValueTask<RequestRun> BeginAsync(IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var list = AsList(messages);
        var features = Reader.Read(list, options);
        var tenant = Prioritize(features);
        if (TryBegin(list, options, features, tenant, cancellationToken, out var decision, out var refusal) is { } run)
        {
            return new ValueTask<RequestRun>(run);
        }

        if (decision.Limited is { LeaseShort: true } && refusal is RateLimitExceededException)
        {
            return new ValueTask<RequestRun>(RenewAsync(list, options, features, tenant, decision, refusal, cancellationToken));
        }

        return new ValueTask<RequestRun>(Refused(list, options, features, tenant, decision, refusal!, cancellationToken));
    }

    /// <summary>
    /// In a fleet, a request refused only because this instance's lease ran short (the fleet may have room) asks for a renewal
    /// now and tries again when it is done (at most two rounds): the one wait on Redis a request may have.
    /// </summary>
    private async Task<RequestRun> RenewAsync(
        IReadOnlyList<ChatMessage> list, ChatOptions? options, RequestFeatures features, TenantState? tenant, RouteDecision decision, Exception refusal, CancellationToken cancellationToken)
    {
        TimeSpan limit = 4 * Limits.RetryHint;
        for (int round = 0; round < 2 && decision.Limited is { LeaseShort: true }; round++)
        {
            try
            {
                await Limits.NextRoundAsync().WaitAsync(limit, Time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                break;
            }

            if (TryBegin(list, options, features, tenant, cancellationToken, out decision, out var next) is { } run)
            {
                return run;
            }

            refusal = next!;
        }

        return await Refused(list, options, features, tenant, decision, refusal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A refused request: batch work a rate limit refused waits in the bounded queue; anything else is recorded and thrown.</summary>
    private Task<RequestRun> Refused(
        IReadOnlyList<ChatMessage> list, ChatOptions? options, RequestFeatures features, TenantState? tenant, RouteDecision decision, Exception refusal, CancellationToken cancellationToken)
    {
        if (features.Priority == RequestPriority.Batch && refusal is RateLimitExceededException { RetryAfter: not null } limited && Options.BatchQueueLimit > 0 && Options.BatchQueueTimeout > TimeSpan.Zero)
        {
            return WaitAsync(list, options, features, tenant, limited, decision, cancellationToken);
        }

        Recorder.Refused(decision);
        return Task.FromException<RequestRun>(refusal);
    }

    /// <summary>A batch request a rate limit refused waits for it (bounded queue, bounded time), then runs or is refused.</summary>
    private async Task<RequestRun> WaitAsync(
        IReadOnlyList<ChatMessage> list, ChatOptions? options, RequestFeatures features, TenantState? tenant, RateLimitExceededException refusal, RouteDecision decision, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _batchWaiting) > Options.BatchQueueLimit)
        {
            Interlocked.Decrement(ref _batchWaiting);
            Recorder.Refused(decision);
            throw Queued($"The batch queue is full ({Options.BatchQueueLimit} requests waiting); retry after {Millis(refusal.RetryAfter!.Value)} ms.", RateLimitKind.BatchQueue, refusal, decision);
        }

        try
        {
            long started = Time.GetTimestamp();
            while (true)
            {
                var left = Options.BatchQueueTimeout - Time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    Recorder.Refused(decision);
                    throw Queued($"Waited {Millis(Options.BatchQueueTimeout)} ms in the batch queue.", refusal.Limit, refusal, decision);
                }

                var wait = refusal.RetryAfter!.Value;
                wait = wait < left ? wait : left;
                await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), Time, cancellationToken).ConfigureAwait(false);
                if (TryBegin(list, options, features, tenant, cancellationToken, out decision, out var next) is { } run)
                {
                    return run;
                }

                if (next is not RateLimitExceededException { RetryAfter: not null } limited)
                {
                    Recorder.Refused(decision);
                    throw next!;
                }

                refusal = limited;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _batchWaiting);
        }
    }

    /// <summary>Decides and takes the tenant's limits; <see langword="null"/> with the decision and the error when refused (not recorded).</summary>
    private RequestRun? TryBegin(
        IReadOnlyList<ChatMessage> list, ChatOptions? options, RequestFeatures features, TenantState? tenant, CancellationToken cancellationToken, out RouteDecision decision, out Exception? refusal)
    {
        decision = Decide(features);
        if (decision.Target is null)
        {
            refusal = Refusal(decision);
            return null;
        }

        LimitTickets tenantTickets = default;
        if (tenant?.Limits is { } limits && limits.TryTake(features.MostNeeded(), 1, Time.GetTimestamp(), out tenantTickets) is { } refused)
        {
            string why = refused.Check.Describe(refused.Counter, refused.Amount);
            decision.Limited = new LimitRefusal(refused.Counter.Kind, refused.Counter.Name, tenant.Name, IsTenant: true, refused.Check.RetryAfter, why, refused.Check.LeaseShort);
            decision.Refuse($"tenant at its limit: {why}");
            refusal = Refusal(decision);
            return null;
        }

        refusal = null;
        Recorder.Decided(decision, _targets[decision.Order[0]].Tier);
        return new RequestRun(this, decision, list, options, cancellationToken, features, tenantTickets);
    }

    /// <summary>The error a refused decision raises: a rate limit's, a back-off's, or the policy's refusal.</summary>
    internal static InferenceException Refusal(RouteDecision decision)
    {
        string message = decision.DescribeRefusal();
        var refused = new RouteRefusedException(message) { Decision = decision };
        if (decision.Limited is { } limited)
        {
            // A limit kept the request from a target that would otherwise have served it: retry when the first one frees (or a back-off ends).
            var retryAfter = limited.RetryAfter is { } l && decision.RetryAfter is { } b ? (l < b ? l : b) : limited.RetryAfter ?? decision.RetryAfter;
            string when = retryAfter is { } r ? $"retry after {Millis(r)} ms" : "it can never admit this request";
            return new RateLimitExceededException($"Rate limit {limited.Name} would be exceeded; {when}. {message}", refused)
            {
                Limit = limited.Kind,
                Tenant = limited.IsTenant ? limited.Owner : null,
                TargetName = limited.IsTenant ? null : limited.Owner,
                RetryAfter = retryAfter,
                Decision = decision,
            };
        }

        if (decision.RetryAfter is { } retry)
        {
            // Targets that asked to be left alone would have been eligible: the caller may retry after the shortest wait.
            return new TargetOverloadedException($"Every eligible target is overloaded; retry after {retry.TotalMilliseconds:0} ms. {message}", refused) { RetryAfter = retry };
        }

        return refused;
    }

    /// <summary>The refusal of a batch request the queue could not hold or keep any longer: the limit that refused it and its wait.</summary>
    private static RateLimitExceededException Queued(string why, RateLimitKind limit, RateLimitExceededException refusal, RouteDecision decision) =>
        new($"{why} {refusal.Message}", refusal)
        {
            Limit = limit,
            RetryAfter = refusal.RetryAfter,
            Tenant = refusal.Tenant,
            TargetName = refusal.TargetName,
            Decision = decision,
        };

    private static string Millis(TimeSpan span) => Math.Ceiling(span.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
