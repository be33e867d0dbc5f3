using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Routing;

public class FailoverTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task An_http_failure_before_output_fails_over_to_the_next_target(int status)
    {
        await using var primary = await OpenAiLoopback.StartAsync((c, _) => OpenAiLoopback.FailAsync(c, status, status == 429 ? 7 : null));
        await using var secondary = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "from secondary"));
        using var router = Router(primary.BaseAddress, secondary.BaseAddress);

        var response = await router.GetResponseAsync(Hello);
        var streamed = string.Concat(await router.GetStreamingResponseAsync(Hello).Select(u => u.Text).ToListAsync());

        Assert.Equal("from secondary", response.Text);
        Assert.Equal("from secondary ", streamed);
        Assert.Equal(2, primary.Requests.Count);
        Assert.Equal(2, secondary.Requests.Count);
        var d = Decision(response);
        Assert.Equal(("secondary", RouteRule.Failover), (d.ServedBy, d.Rule));
        Assert.Equal([("primary", AttemptOutcome.FailedOver), ("secondary", AttemptOutcome.Succeeded)], d.Attempts.Select(a => (a.Target, a.Outcome)));
    }

    [Fact]
    public async Task A_refused_connection_fails_over()
    {
        await using var secondary = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "up"));
        using var router = Router(OpenAiLoopback.ClosedPort(), secondary.BaseAddress);

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("up", response.Text);
        Assert.Equal(AttemptOutcome.FailedOver, Decision(response).Attempts[0].Outcome);
    }

    [Fact]
    public async Task A_first_byte_slower_than_the_ttft_budget_fails_over()
    {
        await using var slow = await OpenAiLoopback.StartAsync(async (c, b) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
            await OpenAiLoopback.AnswerAsync(c, b, "too late");
        });
        await using var fast = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "in time"));
        var targets = new[]
        {
            new RouteTarget("primary", OpenAiLoopback.Client(slow.BaseAddress), TargetTier.Edge, 8192) { FirstTokenTimeout = TimeSpan.FromMilliseconds(300) },
            new RouteTarget("secondary", OpenAiLoopback.Client(fast.BaseAddress), TargetTier.Edge, 8192),
        };
        using var router = new HybridRouterChatClient(targets);

        var updates = await router.GetStreamingResponseAsync(Hello).ToListAsync();

        Assert.Equal("in time ", string.Concat(updates.Select(u => u.Text)));
        var d = (RouteDecision)updates[0].AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal(nameof(TargetUnavailableException), d.Attempts[0].Error);
        Assert.Single(slow.Requests);
    }

    [Fact]
    public async Task A_stream_that_dies_after_the_first_token_reaches_the_caller_and_no_second_target_is_charged()
    {
        await using var dying = await OpenAiLoopback.StartAsync((c, _) => OpenAiLoopback.DieAfterFirstTokenAsync(c));
        await using var secondary = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "never"));
        // The engine adapter turns a stream that ends without a finish reason into a typed protocol error.
        using var router = new HybridRouterChatClient(
        [
            new RouteTarget("primary", EngineChatClient.Create(EngineKind.Vllm, dying.BaseAddress, "test-model", new EngineClientOptions { TargetName = "primary" }), TargetTier.Edge, 8192),
            new RouteTarget("secondary", OpenAiLoopback.Client(secondary.BaseAddress), TargetTier.Edge, 8192),
        ]);
        var received = new List<string?>();

        var ex = await Assert.ThrowsAnyAsync<InferenceException>(async () =>
        {
            await foreach (var update in router.GetStreamingResponseAsync(Hello))
            {
                received.Add(update.Text);
            }
        });

        Assert.Equal(["Hello"], received);
        Assert.True(ex.OutputCommitted);
        Assert.Equal("primary", ex.TargetName);
        Assert.Empty(secondary.Requests);
    }

    [Fact]
    public async Task When_every_target_fails_the_caller_gets_a_typed_error_and_each_target_was_tried_once()
    {
        await using var a = await OpenAiLoopback.StartAsync((c, _) => OpenAiLoopback.FailAsync(c, 503));
        await using var b = await OpenAiLoopback.StartAsync((c, _) => OpenAiLoopback.FailAsync(c, 429, 3));
        using var router = Router(a.BaseAddress, b.BaseAddress);

        var ex = await Assert.ThrowsAsync<TargetOverloadedException>(() => router.GetResponseAsync(Hello));

        Assert.Equal((429, "secondary"), (ex.StatusCode, ex.TargetName));
        Assert.Single(a.Requests);
        Assert.Single(b.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_never_fails_over()
    {
        var arrived = new TaskCompletionSource();
        await using var slow = await OpenAiLoopback.StartAsync(async (c, b) =>
        {
            arrived.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted);
        });
        await using var secondary = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "never"));
        using var router = Router(slow.BaseAddress, secondary.BaseAddress);
        using var cts = new CancellationTokenSource();

        var call = router.GetResponseAsync(Hello, cancellationToken: cts.Token);
        await arrived.Task;
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Empty(secondary.Requests);
    }

    [Fact]
    public async Task When_the_cloud_fails_a_cloud_task_degrades_to_the_edge()
    {
        await using var cloud = await OpenAiLoopback.StartAsync((c, _) => OpenAiLoopback.FailAsync(c, 503));
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => OpenAiLoopback.AnswerAsync(c, b, "edge answer"));
        var targets = new[]
        {
            new RouteTarget("edge", OpenAiLoopback.Client(edge.BaseAddress), TargetTier.Edge, 8192),
            new RouteTarget("cloud", OpenAiLoopback.Client(cloud.BaseAddress), TargetTier.CloudPod, 131072),
        };
        using var router = new HybridRouterChatClient(targets);

        var response = await router.GetResponseAsync([new ChatMessage(ChatRole.User, "Write a Python function that adds two numbers.")]);

        var d = Decision(response);
        Assert.Equal("edge answer", response.Text);
        Assert.Equal(("cloud", "edge", RouteRule.Degraded), (d.Target, d.ServedBy, d.Rule));
    }

    [Fact]
    public async Task A_context_window_error_moves_to_a_larger_context_target_only()
    {
        var calls = new Dictionary<string, int>();
        IChatClient Throwing(string name) => new DelegatingFake(name, calls, () => throw new ContextWindowExceededException("too long") { TargetName = name });
        IChatClient Answering(string name) => new DelegatingFake(name, calls, () => new ChatResponse(new ChatMessage(ChatRole.Assistant, name)));
        var targets = new[]
        {
            new RouteTarget("small", Throwing("small"), TargetTier.Edge, 8192),
            new RouteTarget("same", Answering("same"), TargetTier.Edge, 8192),
            new RouteTarget("large", Answering("large"), TargetTier.Edge, 32768),
        };
        using var router = new HybridRouterChatClient(targets);

        var response = await router.GetResponseAsync(Hello);

        Assert.Equal("large", response.Text);
        Assert.False(calls.ContainsKey("same"));
    }

    private static HybridRouterChatClient Router(Uri primary, Uri secondary) => new(
    [
        new RouteTarget("primary", OpenAiLoopback.Client(primary), TargetTier.Edge, 8192),
        new RouteTarget("secondary", OpenAiLoopback.Client(secondary), TargetTier.Edge, 8192),
    ]);

    private static RouteDecision Decision(ChatResponse response) =>
        Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]);

    private sealed class DelegatingFake(string name, Dictionary<string, int> calls, Func<ChatResponse> answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            calls[name] = calls.GetValueOrDefault(name) + 1;
            return Task.FromResult(answer());
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
