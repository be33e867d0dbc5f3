using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Pools;

/// <summary>
/// The client of a target served by several replicas of one model: one target to the router (its policy, ledger and dashboard),
/// which picks the replica of each request below the router with <see cref="EndpointScorer"/> (prefix-cache affinity, then
/// load) and keeps each replica's own health, load, circuit, back-off and requests in flight. A replica that fails before any
/// output with an error that fails over is marked (circuit, back-off) and another replica takes the request; once output reached
/// the caller nothing is retried. Which replica served, and why, is on the response under <see cref="InferencePropertyNames.Endpoint"/>.
/// The replicas may change while the pool serves (<see cref="SetEndpoints"/>, from service discovery): a replica that stays keeps
/// its state, a new one joins with no prefix history, and one that leaves gets no new request while those in flight finish.
/// </summary>
internal sealed class EndpointPoolChatClient : IChatClient
{
    /// <summary>The most replicas one pool takes (the tries of one request are a 64-bit mask).</summary>
    public const int MaxEndpoints = 64;

    private readonly PoolScoring _scoring;
    private readonly Func<Uri, PoolEndpoint>? _join;
    private readonly Lock _membership = new();
    private volatile PoolEndpoint[] _endpoints;
    private int _picks;

    public EndpointPoolChatClient(string target, IReadOnlyList<PoolEndpoint> endpoints, PoolScoring scoring, Func<Uri, PoolEndpoint>? join = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.Count > MaxEndpoints || (endpoints.Count == 0 && join is null))
        {
            throw new ArgumentOutOfRangeException(nameof(endpoints), endpoints.Count, $"A pool has 1 to {MaxEndpoints} endpoints.");
        }

        Target = target;
        _endpoints = [.. endpoints];
        _scoring = scoring;
        _join = join;
    }

    /// <summary>Gets the name of the target the pool serves.</summary>
    public string Target { get; }

    /// <summary>Gets the replicas now in the pool, in configuration (or discovery) order.</summary>
    public IReadOnlyList<PoolEndpoint> Endpoints => _endpoints;

    /// <summary>Gets the scoring thresholds of the pool.</summary>
    public PoolScoring Scoring => _scoring;

    /// <summary>
    /// Gets or sets what a request awaits when the pool has no replica yet (the first service-discovery resolution); <see langword="null"/>
    /// for a pool whose replicas are configured.
    /// </summary>
    public Func<CancellationToken, Task>? WhenEmpty { get; set; }

    /// <summary>Creates a pool whose replicas keep their state on boards built with the router's options.</summary>
    public static EndpointPoolChatClient Create(
        string target,
        IReadOnlyList<(Uri Address, IChatClient Client)> replicas,
        HybridRouterOptions options,
        TimeProvider time,
        int prefixCapacity,
        int? maxConcurrency = null,
        PoolScoring? scoring = null)
    {
        var endpoints = new List<PoolEndpoint>(replicas.Count);
        foreach ((Uri address, IChatClient client) in replicas)
        {
            endpoints.Add(Endpoint(target, address, client, options, time, prefixCapacity, maxConcurrency));
        }

        return new EndpointPoolChatClient(target, endpoints, scoring ?? PoolScoring.Default);
    }

    /// <summary>Creates a pool whose replicas are discovered: it starts empty and <see cref="SetEndpoints"/> brings them, each client made by <paramref name="connect"/>.</summary>
    public static EndpointPoolChatClient CreateDiscovered(
        string target,
        Func<Uri, IChatClient> connect,
        HybridRouterOptions options,
        TimeProvider time,
        int prefixCapacity,
        int? maxConcurrency = null,
        PoolScoring? scoring = null)
    {
        ArgumentNullException.ThrowIfNull(connect);
        return new EndpointPoolChatClient(target, [], scoring ?? PoolScoring.Default, address => Endpoint(target, address, connect(address), options, time, prefixCapacity, maxConcurrency));
    }

    private static PoolEndpoint Endpoint(string target, Uri address, IChatClient client, HybridRouterOptions options, TimeProvider time, int prefixCapacity, int? maxConcurrency)
    {
        var replica = new RouteTarget(target + "@" + address.Authority, client, Knowledge.TargetTier.Edge, contextWindow: 1) { MaxConcurrency = maxConcurrency };
        return new PoolEndpoint(address, client, new TargetBoard(replica, options, time), prefixCapacity);
    }

    /// <summary>
    /// Makes <paramref name="addresses"/> the pool's replicas (the first <see cref="MaxEndpoints"/>, each once): a replica already in
    /// the pool keeps its board and prefixes, a new one joins with no prefix history, and one no longer listed leaves (requests in
    /// flight on it finish there; no new request goes to it).
    /// </summary>
    /// <returns>The replicas that joined and the ones that left.</returns>
    public (IReadOnlyList<PoolEndpoint> Joined, IReadOnlyList<PoolEndpoint> Left) SetEndpoints(IReadOnlyList<Uri> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        Func<Uri, PoolEndpoint> join = _join ?? throw new InvalidOperationException($"The replicas of target {Target} are configured, not discovered.");
        lock (_membership)
        {
            PoolEndpoint[] current = _endpoints;
            var next = new List<PoolEndpoint>(Math.Min(addresses.Count, MaxEndpoints));
            var joined = new List<PoolEndpoint>();
            foreach (Uri address in addresses)
            {
                if (next.Count == MaxEndpoints || next.Exists(e => SameAddress(e.Address, address)))
                {
                    continue;
                }

                PoolEndpoint? kept = Array.Find(current, e => SameAddress(e.Address, address));
                if (kept is null)
                {
                    kept = join(address);
                    joined.Add(kept);
                }

                next.Add(kept);
            }

            PoolEndpoint[] left = Array.FindAll(current, e => !next.Contains(e));
            _endpoints = [.. next];
            return (joined, left);
        }
    }

    private static bool SameAddress(Uri a, Uri b) =>
        string.Equals(a.AbsoluteUri.TrimEnd('/'), b.AbsoluteUri.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Records a replica's engine load (from its <c>/metrics</c>).</summary>
    public void ReportLoad(int endpoint, EngineLoad load) => Endpoints[endpoint].Board.ReportLoad(load);

    /// <summary>Records a replica's health; an unhealthy replica gets nothing until it is healthy again.</summary>
    public void ReportHealth(int endpoint, bool healthy) => Endpoints[endpoint].Board.ReportEngineHealth(healthy);

    /// <summary>Picks the replica for a prompt, skipping the ones in <paramref name="tried"/>; ties rotate over the pool.</summary>
    /// <param name="chain">The prompt's prefix chain.</param>
    /// <param name="conversation">The conversation key, 0 for none.</param>
    /// <param name="tried">The replicas already tried for this request.</param>
    /// <param name="sharedHead">Whether block 0 is the shared tools and system prompt (matching only it is no affinity).</param>
    internal EndpointPick Pick(ReadOnlySpan<ulong> chain, ulong conversation, ulong tried = 0, bool sharedHead = false) =>
        Pick(_endpoints, chain, conversation, tried, sharedHead);

    /// <summary>
    /// Which replica a request would go to now and why, without sending it, remembering its prefix or moving the rotation of ties
    /// (plan-only mode: <see cref="HybridRouterChatClient.Plan"/>); <see langword="null"/> when no replica could take it.
    /// <see cref="EndpointDecision.Attempt"/> is 0: nothing was tried.
    /// </summary>
    public EndpointDecision? Preview(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IList<ChatMessage> list = messages as IList<ChatMessage> ?? [.. messages];
        ulong[] chain = PrefixChain.Compute(list, options);
        ulong conversation = options?.ConversationId is { Length: > 0 } id ? PrefixChain.ConversationKey(id) : 0;
        PoolEndpoint[] endpoints = _endpoints;
        EndpointPick pick = Pick(endpoints, chain, conversation, 0, PrefixChain.HasSharedHead(list, options), advance: false);
        return pick.Index < 0 ? null : new EndpointDecision(
            endpoints[pick.Index].Address,
            pick.Basis,
            pick.MatchedBlocks,
            chain.Length,
            pick.EscapedFrom >= 0 ? endpoints[pick.EscapedFrom].Address : null,
            pick.Escape,
            attempt: 0);
    }

    private EndpointPick Pick(PoolEndpoint[] endpoints, ReadOnlySpan<ulong> chain, ulong conversation, ulong tried, bool sharedHead, bool advance = true)
    {
        if (endpoints.Length == 0)
        {
            return EndpointPick.Nothing;
        }

        Span<EndpointState> states = endpoints.Length <= 16 ? stackalloc EndpointState[endpoints.Length] : new EndpointState[endpoints.Length];
        for (int i = 0; i < endpoints.Length; i++)
        {
            states[i] = endpoints[i].State(chain, conversation);
            if ((tried & (1UL << i)) != 0)
            {
                states[i] = states[i] with { Available = false };
            }
        }

        int start = (int)((uint)(advance ? Interlocked.Increment(ref _picks) : Volatile.Read(ref _picks) + 1) % (uint)endpoints.Length);
        return EndpointScorer.Pick(states, _scoring, start, sharedHead ? 1 : 0);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await WaitForEndpointsAsync(cancellationToken).ConfigureAwait(false);
        var request = new PoolRequest(this, messages, options);
        while (true)
        {
            PoolEndpoint endpoint = request.Next();
            try
            {
                ChatResponse response = await endpoint.Client.GetResponseAsync(request.Messages, options, cancellationToken).ConfigureAwait(false);
                request.Succeeded(endpoint);
                (response.AdditionalProperties ??= [])[InferencePropertyNames.Endpoint] = request.Decision;
                return response;
            }
            catch (Exception e) when (request.TryNext(endpoint, e, cancellationToken))
            {
            }
            finally
            {
                endpoint.Board.Exit();
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await WaitForEndpointsAsync(cancellationToken).ConfigureAwait(false);
        var request = new PoolRequest(this, messages, options);
        while (true)
        {
            PoolEndpoint endpoint = request.Next();
            IAsyncEnumerator<ChatResponseUpdate>? updates = null;
            bool exited = false;
            try
            {
                ChatResponseUpdate first;
                try
                {
                    updates = endpoint.Client.GetStreamingResponseAsync(request.Messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        request.Succeeded(endpoint);
                        yield break;
                    }

                    first = updates.Current;
                }
                catch (Exception e) when (request.TryNext(endpoint, e, cancellationToken))
                {
                    endpoint.Board.Exit();
                    exited = true;
                    continue;
                }

                // Output reached the caller from here on: a failure goes to the caller as it is.
                (first.AdditionalProperties ??= [])[InferencePropertyNames.Endpoint] = request.Decision;
                yield return first;
                while (true)
                {
                    bool more;
                    try
                    {
                        more = await updates.MoveNextAsync().ConfigureAwait(false);
                    }
                    catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                    {
                        endpoint.Board.ReportOutcome(e);
                        throw;
                    }

                    if (!more)
                    {
                        break;
                    }

                    yield return updates.Current;
                }

                request.Succeeded(endpoint);
                yield break;
            }
            finally
            {
                if (updates is not null)
                {
                    await updates.DisposeAsync().ConfigureAwait(false);
                }

                if (!exited)
                {
                    endpoint.Board.Exit();
                }
            }
        }
    }

    private Task WaitForEndpointsAsync(CancellationToken cancellationToken) =>
        _endpoints.Length == 0 && WhenEmpty is { } whenEmpty ? whenEmpty(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this
            : _endpoints is [var first, ..] ? first.Client.GetService(serviceType, serviceKey)
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (PoolEndpoint endpoint in _endpoints)
        {
            endpoint.Client.Dispose();
        }
    }

    /// <summary>One request's way through the pool: its prefix chain, the replicas tried, and the decision of the current try.</summary>
    private sealed class PoolRequest(EndpointPoolChatClient pool, IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        private readonly ulong[] _chain = PrefixChain.Compute(messages is IList<ChatMessage> ? messages : messages = [.. messages], options);
        private readonly ulong _conversation = options?.ConversationId is { Length: > 0 } id ? PrefixChain.ConversationKey(id) : 0;
        private readonly bool _sharedHead = PrefixChain.HasSharedHead(messages, options);
        private readonly PoolEndpoint[] _endpoints = pool._endpoints; // the replicas when the request arrived: the tries index them
        private ulong _tried;
        private int _attempt;
        private Exception? _last;

        public IEnumerable<ChatMessage> Messages { get; } = messages;

        public EndpointDecision? Decision { get; private set; }

        /// <summary>Picks the next replica and counts the request in flight on it; throws when none is left.</summary>
        public PoolEndpoint Next()
        {
            EndpointPick pick = pool.Pick(_endpoints, _chain, _conversation, _tried, _sharedHead);
            if (pick.Index < 0)
            {
                throw _last ?? new TargetUnavailableException(_endpoints.Length == 0
                    ? $"Target {pool.Target} has no endpoint: its service resolved none."
                    : $"Every endpoint of target {pool.Target} is unhealthy, backing off or has an open circuit ({_endpoints.Length} endpoints).");
            }

            PoolEndpoint endpoint = _endpoints[pick.Index];
            endpoint.Prefixes.Remember(_chain, _conversation, pick.StandIn);
            endpoint.Board.Enter();
            _attempt++;
            Decision = new EndpointDecision(
                endpoint.Address,
                pick.Basis,
                pick.MatchedBlocks,
                _chain.Length,
                pick.EscapedFrom >= 0 ? _endpoints[pick.EscapedFrom].Address : null,
                pick.Escape,
                _attempt);
            return endpoint;
        }

        public void Succeeded(PoolEndpoint endpoint) => endpoint.Board.ReportOutcome(null);

        /// <summary>Records a failure before output; whether another replica should take the request.</summary>
        public bool TryNext(PoolEndpoint endpoint, Exception error, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            endpoint.Board.ReportOutcome(error);
            switch (error)
            {
                case TargetOverloadedException overloaded:
                    endpoint.Board.BackOff(overloaded.RetryAfter);
                    break;
                case EngineLoadingException:
                    endpoint.Board.BackOff(null);
                    break;
            }

            if (!Failures.Classify(error).FailsOver)
            {
                return false;
            }

            _tried |= 1UL << Array.IndexOf(_endpoints, endpoint);
            _last = error;
            return true;
        }
    }
}
