using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// The flow of one request (read, decide, execute, record): every request ends once at the recorder's observers whatever its
/// outcome, with every attempt; each target's board keeps its two health sources apart; hedged attempts share no options.
/// </summary>
public class RouteFlowTests
{
    [Fact]
    public async Task A_served_request_ends_once_with_its_attempts()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw new TargetUnavailableException("down") { TargetName = "edge", StatusCode = 500 });
        using var router = Router([Edge(client: edge), Cloud()]);
        var log = Observe(router);

        await router.GetResponseAsync(Ask("hello"));
        await router.GetStreamingResponseAsync(Ask("hello")).ToListAsync();

        Assert.Equal(2, log.Count);
        Assert.All(log, d =>
        {
            Assert.Equal(RouteOutcome.Served, d.Outcome);
            Assert.Equal([("edge", AttemptOutcome.FailedOver), ("cloud", AttemptOutcome.Succeeded)], d.Attempts.Select(a => (a.Target, a.Outcome)));
        });
    }

    [Fact]
    public async Task A_failed_request_ends_once_with_every_attempt()
    {
        var down = (IList<ChatMessage> _, CancellationToken _) => Task.FromException<ChatResponse>(new TargetUnavailableException("down") { StatusCode = 502 });
        using var router = Router([Edge(client: new FakeChatClient("edge", down)), Cloud(client: new FakeChatClient("cloud", down))]);
        var log = Observe(router);

        await Assert.ThrowsAsync<TargetUnavailableException>(() => router.GetResponseAsync(Ask("hello")));
        await Assert.ThrowsAsync<TargetUnavailableException>(() => router.GetStreamingResponseAsync(Ask("hello")).ToListAsync().AsTask());

        Assert.Equal(2, log.Count);
        Assert.All(log, d =>
        {
            Assert.Equal(RouteOutcome.Failed, d.Outcome);
            Assert.Equal([("edge", AttemptOutcome.FailedOver), ("cloud", AttemptOutcome.FailedOver)], d.Attempts.Select(a => (a.Target, a.Outcome)));
        });
    }

    [Fact]
    public async Task A_refused_request_ends_once_without_an_attempt()
    {
        using var router = Router([Edge(), Cloud()], o => o.PiiPolicy = PiiPolicy.Refuse);
        var log = Observe(router);

        await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(Ask("mail me at jane.doe@example.com")));

        var d = Assert.Single(log);
        Assert.Equal(RouteOutcome.Refused, d.Outcome);
        Assert.Null(d.Target);
        Assert.Empty(d.Attempts);
    }

    [Fact]
    public async Task A_client_that_throws_a_cancellation_before_returning_a_task_cancels_the_request()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var router = Router([Edge(client: new CancelingClient()), Cloud()]);
        var log = Observe(router);

        var task = router.GetResponseAsync(Ask("hello"), cancellationToken: cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

        Assert.True(task.IsCanceled); // as an async client's would be, not faulted
        var d = Assert.Single(log);
        Assert.Equal(RouteOutcome.Canceled, d.Outcome);
        Assert.Equal([("edge", AttemptOutcome.Canceled)], d.Attempts.Select(a => (a.Target, a.Outcome)));
    }

    [Fact]
    public async Task A_canceled_request_and_an_abandoned_stream_end_once_as_canceled()
    {
        using var cts = new CancellationTokenSource();
        var slow = new FakeChatClient("edge", async (_, ct) =>
        {
            await cts.CancelAsync();
            await Task.Delay(Timeout.Infinite, ct);
            return new ChatResponse();
        });
        using var canceled = Router([Edge(client: slow)]);
        using var streamed = Router([Edge(client: new WordsClient("one two three four"))]);
        var log = Observe(canceled);
        var streamLog = Observe(streamed);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.GetResponseAsync(Ask("hello"), cancellationToken: cts.Token));
        await foreach (var update in streamed.GetStreamingResponseAsync(Ask("hello")))
        {
            break; // the caller stops reading after the first update
        }

        var d = Assert.Single(log);
        Assert.Equal(RouteOutcome.Canceled, d.Outcome);
        Assert.Equal(("edge", AttemptOutcome.Canceled), (d.Attempts[0].Target, d.Attempts[0].Outcome));
        Assert.Equal(RouteOutcome.Canceled, Assert.Single(streamLog).Outcome);
    }

    [Fact]
    public void The_engine_probe_and_the_provider_are_two_sources_and_both_must_allow_a_target()
    {
        using var router = Router([Edge(), Cloud()]);
        var running = new TargetHealth { TargetName = "edge", Healthy = true, ObservedAt = DateTimeOffset.UnixEpoch };

        router.ReportHealth("edge", running with { Healthy = false });
        router.ReportHealth("edge", true); // the engine answers its health route, but the provider says it is stopped
        Assert.Equal("cloud", router.Plan(Ask("hello")).Target);

        router.ReportHealth("edge", running);
        Assert.Equal("edge", router.Plan(Ask("hello")).Target);

        router.ReportHealth("edge", false); // and the other way round
        Assert.Equal("cloud", router.Plan(Ask("hello")).Target);
    }

    [Fact]
    public void A_target_goes_out_after_two_failed_probes_and_back_after_one_good_one()
    {
        using var router = Router([Edge(), Cloud()]);
        var board = router.Board("edge");
        TargetProbeResult Probe(bool healthy) => new(healthy, "GET /health", DateTimeOffset.UnixEpoch);

        Assert.True(board.ReportProbe(Probe(false)));
        Assert.Equal("edge", router.Plan(Ask("hello")).Target);
        Assert.False(board.ReportProbe(Probe(false)));
        Assert.Equal("cloud", router.Plan(Ask("hello")).Target);
        Assert.True(board.ReportProbe(Probe(true)));
        Assert.Equal("edge", router.Plan(Ask("hello")).Target);
    }

    [Fact]
    public async Task Hedged_attempts_each_get_their_own_options()
    {
        var caller = new ChatOptions { Temperature = 0.1f, AdditionalProperties = new() { ["k"] = "caller" } };
        var seen = new ConcurrentDictionary<string, ChatOptions?>();
        var edge = new OptionsClient("edge", seen, slow: true);
        var cloud = new OptionsClient("cloud", seen, slow: false);
        using var router = Router(
            [new RouteTarget("edge", edge, TargetTier.Edge, 8192) { FirstTokenTimeout = TimeSpan.FromMilliseconds(50) }, Cloud(client: cloud)],
            o => o.SlowFirstToken = SlowFirstTokenAction.Hedge);

        var response = await router.GetResponseAsync(Ask("hello"), caller);

        Assert.Equal("cloud", response.Text);
        Assert.NotSame(seen["edge"], seen["cloud"]);
        Assert.NotSame(caller, seen["cloud"]);
        Assert.Equal(("caller", 0.1f), (seen["cloud:k"]!.AdditionalProperties!["k"], seen["cloud"]!.Temperature)); // not what the edge wrote
        Assert.Equal("caller", caller.AdditionalProperties["k"]); // each wrote into its own copy
    }

    private static List<RouteDecision> Observe(HybridRouterChatClient router)
    {
        var log = new Log();
        router.Recorder.Observe(log);
        return log.Decisions;
    }

    private sealed class Log : IRouteObserver
    {
        public List<RouteDecision> Decisions { get; } = [];

        public void OnCompleted(RouteDecision decision)
        {
            lock (Decisions)
            {
                Decisions.Add(decision);
            }
        }
    }

    /// <summary>Records the options it was given and writes into them, as a client that adapts a request might.</summary>
    private sealed class OptionsClient(string name, ConcurrentDictionary<string, ChatOptions?> seen, bool slow) : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            seen[name] = options;
            seen[name + ":k"] = new ChatOptions { AdditionalProperties = new() { ["k"] = options!.AdditionalProperties!["k"] } }; // as it arrived
            options.AdditionalProperties["k"] = name;
            if (slow)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, name));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>Streams one update per word.</summary>
    private sealed class WordsClient(string text) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text)));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (string word in text.Split(' '))
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>A client that throws the caller's cancellation before it returns a task (not an <see langword="async"/> method).</summary>
    private sealed class CancelingClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("Expected a canceled token.");
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
