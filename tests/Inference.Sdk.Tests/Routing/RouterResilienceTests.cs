using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// The router's one resilience layer: Polly's circuit breaker per target (fed by attempts that run outside it while it is closed,
/// through it while it is open or half-open) and Polly's retry on the last target left.
/// </summary>
public sealed class RouterResilienceTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_circuit_opens_at_the_failure_ratio_and_keeps_the_target_out()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw Unavailable());
        using var router = CircuitRouter(edge, new FakeTimeProvider());

        for (int i = 0; i < 4; i++)
        {
            var served = await router.GetResponseAsync(Ask("hello"));
            Assert.Equal("from cloud", served.Text);
        }

        var decision = router.Plan(Ask("hello"));
        Assert.Equal("cloud", decision.Target);
        Assert.Contains(decision.Rejected, r => r.Target == "edge" && r.Reason == "circuit open");
        await router.GetResponseAsync(Ask("hello"));
        Assert.Equal(4, edge.Calls);
    }

    [Fact]
    public async Task A_client_that_throws_before_returning_a_task_fails_over_and_counts_against_its_circuit()
    {
        // An attempt through a closed circuit is the client's own task; a client that throws instead of returning one is
        // reported to the breaker and fails over just the same.
        var edge = new ThrowingClient(Unavailable);
        using var router = CircuitRouter(edge, new FakeTimeProvider());

        for (int i = 0; i < 4; i++)
        {
            var served = await router.GetResponseAsync(Ask("hello"));
            Assert.Equal("from cloud", served.Text);
            Assert.Equal([("edge", AttemptOutcome.FailedOver), ("cloud", AttemptOutcome.Succeeded)], Decision(served).Attempts.Select(a => (a.Target, a.Outcome)));
        }

        Assert.Contains(router.Plan(Ask("hello")).Rejected, r => r.Target == "edge" && r.Reason == "circuit open");
        Assert.Equal(4, edge.Calls);
    }

    [Fact]
    public async Task Successes_count_so_a_few_failures_among_many_do_not_open_the_circuit()
    {
        int call = 0;
        var edge = new FakeChatClient("edge", (_, _) => Interlocked.Increment(ref call) > 8
            ? throw Unavailable()
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from edge"))));
        using var router = CircuitRouter(edge, new FakeTimeProvider());

        for (int i = 0; i < 12; i++)
        {
            await router.GetResponseAsync(Ask("hello"));
        }

        // 4 failures in 12 attempts is under the 0.5 ratio: had the 8 successes not reached the breaker, 4 of 4 would have opened it.
        Assert.Null(router.Plan(Ask("hello")).Rejected.FirstOrDefault(r => r.Target == "edge"));
        await router.GetResponseAsync(Ask("hello"));
        Assert.Equal(13, edge.Calls);
    }

    [Fact]
    public async Task After_the_break_one_half_open_trial_goes_through_and_its_success_closes_the_circuit()
    {
        var time = new FakeTimeProvider();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool healthy = false;
        var edge = new FakeChatClient("edge", async (_, _) =>
        {
            if (!Volatile.Read(ref healthy))
            {
                throw Unavailable();
            }

            await gate.Task;
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "from edge"));
        });
        using var router = CircuitRouter(edge, time);
        for (int i = 0; i < 4; i++)
        {
            await router.GetResponseAsync(Ask("hello"));
        }

        Assert.Equal((false, true), (router.Boards[0].CircuitClosed, router.Boards[0].CircuitOpen));
        Volatile.Write(ref healthy, true);
        time.Advance(Break + TimeSpan.FromSeconds(1));
        var trial = router.GetResponseAsync(Ask("hello"));
        var others = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => router.GetResponseAsync(Ask("hello")))).WaitAsync(TimeSpan.FromSeconds(10));

        // Only the trial reached the edge; the others were turned away by the half-open breaker and served by the cloud.
        Assert.All(others, r => Assert.Equal("from cloud", r.Text));
        Assert.Equal(5, edge.Calls);
        gate.SetResult();
        Assert.Equal("from edge", (await trial).Text);

        var after = await router.GetResponseAsync(Ask("hello"));
        Assert.Equal("from edge", after.Text);
        Assert.Equal(6, edge.Calls);
        Assert.Equal((true, false), (router.Boards[0].CircuitClosed, router.Boards[0].CircuitOpen)); // read without Polly's lock again
    }

    [Fact]
    public async Task The_last_target_left_is_retried_on_a_transient_failure()
    {
        int call = 0;
        var only = new FakeChatClient("edge", (_, _) => Interlocked.Increment(ref call) <= 2
            ? throw Overloaded()
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from edge"))));
        using var router = Router([Retried(Edge(client: only), 2)]);

        var response = await router.GetResponseAsync(Ask("hello"));

        Assert.Equal("from edge", response.Text);
        Assert.Equal(3, only.Calls);
        Assert.Equal(AttemptOutcome.Succeeded, Assert.Single(((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!).Attempts).Outcome);
    }

    [Fact]
    public async Task A_stream_is_retried_before_its_first_update()
    {
        int call = 0;
        var only = new FakeChatClient("edge", (_, _) => Interlocked.Increment(ref call) <= 1
            ? throw Overloaded()
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from edge"))));
        using var router = Router([Retried(Edge(client: only), 1)]);

        var text = string.Concat(await router.GetStreamingResponseAsync(Ask("hello")).Select(u => u.Text).ToListAsync());

        Assert.Equal("from edge", text);
        Assert.Equal(2, only.Calls);
    }

    [Fact]
    public async Task A_target_with_somewhere_to_fail_over_to_is_not_retried()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw Overloaded());
        using var router = Router([Retried(Edge(client: edge), 2), Retried(Cloud(), 2)]);

        var response = await router.GetResponseAsync(Ask("hello"));

        Assert.Equal("from cloud", response.Text);
        Assert.Equal(1, edge.Calls);
    }

    [Fact]
    public async Task Retries_stop_at_MaxRetries_and_the_caller_gets_the_typed_error()
    {
        var only = new FakeChatClient("edge", (_, _) => throw Overloaded());
        using var router = Router([Retried(Edge(client: only), 2)]);

        await Assert.ThrowsAsync<TargetOverloadedException>(() => router.GetResponseAsync(Ask("hello")));
        Assert.Equal(3, only.Calls);
    }

    [Fact]
    public async Task Protocol_errors_and_timeouts_are_not_retried()
    {
        var garbled = new FakeChatClient("edge", (_, _) => throw new InferenceProtocolException("bad json") { TargetName = "edge" });
        var slow = new FakeChatClient("edge", (_, _) => throw new TargetUnavailableException("slow", new TimeoutException()) { TargetName = "edge" });
        using var first = Router([Retried(Edge(client: garbled), 2)]);
        using var second = Router([Retried(Edge(client: slow), 2)]);

        await Assert.ThrowsAsync<InferenceProtocolException>(() => first.GetResponseAsync(Ask("hello")));
        await Assert.ThrowsAsync<TargetUnavailableException>(() => second.GetResponseAsync(Ask("hello")));
        Assert.Equal(1, garbled.Calls);
        Assert.Equal(1, slow.Calls);
    }

    [Fact]
    public async Task Without_a_Retry_After_the_retry_waits_an_exponential_back_off_on_the_router_clock()
    {
        var time = new FakeTimeProvider();
        int call = 0;
        var only = new FakeChatClient("edge", (_, _) => Interlocked.Increment(ref call) <= 1
            ? throw Unavailable()
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "from edge"))));
        using var router = new HybridRouterChatClient([Retried(Edge(client: only), 1)], timeProvider: time);

        var response = router.GetResponseAsync(Ask("hello"));
        await Task.Delay(100);
        Assert.False(response.IsCompleted);
        Assert.Equal(1, only.Calls);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("from edge", (await response.WaitAsync(TimeSpan.FromSeconds(10))).Text);
        Assert.Equal(2, only.Calls);
    }

    [Fact]
    public async Task A_client_error_is_sent_once_and_goes_to_the_caller()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw new InferenceException("rejected the request") { TargetName = "edge", StatusCode = 400 });
        var cloud = new FakeChatClient("cloud");
        using var alone = Router([Retried(Edge(client: edge), 2)]);
        using var withCloud = Router([Retried(Edge(client: edge), 2), Cloud(client: cloud)]);

        var e = await Assert.ThrowsAsync<InferenceException>(() => alone.GetResponseAsync(Ask("hello")));
        var s = await Assert.ThrowsAsync<InferenceException>(() => withCloud.GetStreamingResponseAsync(Ask("hello")).ToListAsync().AsTask());

        Assert.Equal((400, 400), (e.StatusCode, s.StatusCode));
        Assert.Equal(2, edge.Calls); // once per request: not retried, not failed over
        Assert.Equal(0, cloud.Calls);
    }

    [Fact]
    public async Task A_client_error_does_not_count_against_the_circuit()
    {
        var edge = new FakeChatClient("edge", (_, _) => throw new InferenceException("rejected the request") { TargetName = "edge", StatusCode = 422 });
        using var router = CircuitRouter(edge, new FakeTimeProvider());

        for (int i = 0; i < 8; i++)
        {
            await Assert.ThrowsAsync<InferenceException>(() => router.GetResponseAsync(Ask("hello")));
        }

        Assert.DoesNotContain(router.Plan(Ask("hello")).Rejected, r => r.Target == "edge");
        Assert.Equal(8, edge.Calls);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    public async Task Refused_credentials_or_an_unknown_model_fail_over_without_retry_or_counting_against_the_circuit(int status)
    {
        var edge = new FakeChatClient("edge", (_, _) => throw new InferenceException("no") { TargetName = "edge", StatusCode = status });
        using var router = CircuitRouter(edge, new FakeTimeProvider());
        using var alone = Router([Retried(Edge(client: edge), 2)]);

        for (int i = 0; i < 8; i++)
        {
            Assert.Equal("from cloud", (await router.GetResponseAsync(Ask("hello"))).Text);
        }

        // With a 5xx the circuit would have opened after 4 (The_circuit_opens_at_the_failure_ratio_and_keeps_the_target_out).
        Assert.DoesNotContain(router.Plan(Ask("hello")).Rejected, r => r.Target == "edge");
        Assert.Equal(8, edge.Calls);
        var e = await Assert.ThrowsAsync<InferenceException>(() => alone.GetResponseAsync(Ask("hello")));
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(9, edge.Calls);
    }

    [Fact]
    public void MaxRetries_must_not_be_negative()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RouteTarget("edge", new FakeChatClient("edge"), Inference.Sdk.Knowledge.TargetTier.Edge, 8192) { MaxRetries = -1 });
        Assert.Equal("MaxRetries", e.ParamName);
    }

    private static HybridRouterChatClient CircuitRouter(IChatClient edge, TimeProvider time) => new(
        [Edge(client: edge), Cloud()],
        new HybridRouterOptions
        {
            CircuitBreakerFailureRatio = 0.5,
            CircuitBreakerMinimumThroughput = 4,
            CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(30),
            CircuitBreakerBreakDuration = Break,
        },
        timeProvider: time);

    private static RouteTarget Retried(RouteTarget t, int retries) => new(t.Name, t.Client, t.Tier, t.ContextWindow)
    {
        ModelId = t.ModelId,
        ExpectedCostUsd = t.ExpectedCostUsd,
        MaxRetries = retries,
    };

    private static RouteDecision Decision(ChatResponse response) => Assert.IsType<RouteDecision>(response.AdditionalProperties?[InferencePropertyNames.RouteDecision]);

    private static TargetUnavailableException Unavailable() => new("down") { TargetName = "edge", StatusCode = 500 };

    private static TargetOverloadedException Overloaded() => new("busy") { TargetName = "edge", StatusCode = 429, RetryAfter = TimeSpan.Zero };

    /// <summary>A client whose <c>GetResponseAsync</c> throws before it returns a task (not an <see langword="async"/> method).</summary>
    private sealed class ThrowingClient(Func<Exception> error) : IChatClient
    {
        private int _calls;

        public int Calls => _calls;

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            throw error();
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw error();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
