using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// Limits before sending, in one instance: targets' requests and tokens per minute skip a target before it would answer 429;
/// tenants' limits refuse or defer one tenant while others proceed; batch work yields to interactive work and waits in a
/// bounded queue; the usage a response reports corrects the estimate.
/// </summary>
public sealed class RateLimitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_target_that_cannot_admit_the_tokens_is_skipped_before_sending_with_the_reason()
    {
        var api = Answering("api", usage: null);
        var pod = Answering("pod", usage: null);
        using var router = LimitedRouter([LimitedCloud("api", api, 0.1m, 1000), Cloud("pod", client: pod)]);

        for (int i = 0; i < 2; i++)
        {
            Assert.Equal("api", (await router.GetResponseAsync(Ask("hello"), Output(400))).AdditionalProperties![InferencePropertyNames.TargetName]);
        }

        var third = await router.GetResponseAsync(Ask("hello"), Output(400));

        var decision = Assert.IsType<RouteDecision>(third.AdditionalProperties![InferencePropertyNames.RouteDecision]);
        Assert.Equal("pod", decision.ServedBy);
        var rejected = Assert.Single(decision.Rejected);
        Assert.Equal(("api", RouteRule.RateLimit), (rejected.Target, rejected.Rule));
        Assert.StartsWith("Targets:api:TokensPerMinute: ", rejected.Reason);
        Assert.Contains(" of 1000 used in the window, needs ", rejected.Reason);
        Assert.Equal(2, api.Calls);
    }

    [Fact]
    public async Task When_every_target_is_at_its_limit_the_caller_learns_which_limit_and_when_to_retry()
    {
        var api = Answering("api", usage: null);
        using var router = LimitedRouter([new RouteTarget("api", api, TargetTier.HostedApi, 128_000) { RequestsPerMinute = 2 }]);
        await router.GetResponseAsync(Ask("one"));
        _time.Advance(TimeSpan.FromSeconds(10));
        await router.GetResponseAsync(Ask("two"));

        var e = await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetResponseAsync(Ask("three")));

        Assert.Equal(RateLimitKind.RequestsPerMinute, e.Limit);
        Assert.Equal("api", e.TargetName);
        Assert.Null(e.Tenant);
        Assert.InRange(e.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(51)); // the first request leaves the window
        Assert.Contains("Targets:api:RequestsPerMinute", e.Message);
        Assert.DoesNotContain("three", e.Message);
        Assert.Equal(RouteRule.RateLimit, Assert.Single(e.Decision!.Rejected).Rule);
        Assert.Equal(2, api.Calls);
        await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetStreamingResponseAsync(Ask("four")).ToListAsync().AsTask());
    }

    [Fact]
    public async Task A_request_larger_than_a_limit_is_refused_with_no_time_to_retry()
    {
        using var router = LimitedRouter([new RouteTarget("api", Answering("api", null), TargetTier.HostedApi, 128_000) { TokensPerMinute = 500 }]);

        var e = await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetResponseAsync(Ask("hello"), Output(600)));

        Assert.Equal(RateLimitKind.TokensPerMinute, e.Limit);
        Assert.Null(e.RetryAfter);
        Assert.Contains("it can never admit this request", e.Message);
    }

    [Fact]
    public async Task The_usage_a_response_reports_corrects_what_the_estimate_took()
    {
        var api = Answering("api", usage: 100);
        using var router = LimitedRouter([new RouteTarget("api", api, TargetTier.HostedApi, 128_000) { TokensPerMinute = 1000 }]);

        // Each request is estimated at its prompt plus 600 output tokens; each reports 100 used: the second fits only after the correction.
        await router.GetResponseAsync(Ask("hello"), Output(600));
        await router.GetResponseAsync(Ask("hello"), Output(600));
        await router.GetStreamingResponseAsync(Ask("hello"), Output(600)).ToListAsync();

        Assert.Equal(3, api.Calls);
        Assert.Equal(300, router.Boards[0].Limits!.Tokens!.Check(0, 1, _time.GetTimestamp()).Used);
    }

    [Fact]
    public async Task An_attempt_that_fails_before_output_gives_its_tokens_back_and_the_target_that_takes_over_counts_them()
    {
        var api = new FakeChatClient("api", (_, _) => throw new TargetUnavailableException("down") { StatusCode = 502 });
        var pod = Answering("pod", usage: null);
        using var router = LimitedRouter(
        [
            new RouteTarget("api", api, TargetTier.HostedApi, 128_000) { TokensPerMinute = 1000 },
            new RouteTarget("pod", pod, TargetTier.HostedApi, 128_000) { TokensPerMinute = 1000 },
        ]);

        await router.GetResponseAsync(Ask("hello"), Output(400));

        long now = _time.GetTimestamp();
        Assert.Equal(0, router.Boards[0].Limits!.Tokens!.Check(0, 1, now).Used);
        Assert.InRange(router.Boards[1].Limits!.Tokens!.Check(0, 1, now).Used, 401, 420);
    }

    [Fact]
    public async Task A_tenant_at_its_limit_is_refused_while_other_tenants_proceed()
    {
        var api = Answering("api", usage: null);
        using var router = LimitedRouter([new RouteTarget("api", api, TargetTier.HostedApi, 128_000)], o =>
        {
            o.Tenants[HybridRouterOptions.DefaultTenant] = new TenantLimits { RequestsPerMinute = 2 };
            o.Tenants["vip"] = new TenantLimits { RequestsPerMinute = 100 };
        });

        await router.GetResponseAsync(Ask("a"), Tenant("acme"));
        await router.GetResponseAsync(Ask("a"), Tenant("acme"));
        var e = await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetResponseAsync(Ask("a"), Tenant("acme")));

        Assert.Equal("acme", e.Tenant);
        Assert.Equal(RateLimitKind.RequestsPerMinute, e.Limit);
        Assert.InRange(e.RetryAfter!.Value, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
        Assert.Contains("Tenants:acme:RequestsPerMinute", e.Message);

        // Each unlisted tenant has the default's limits for itself; a listed one its own.
        await router.GetResponseAsync(Ask("a"), Tenant("globex"));
        await router.GetResponseAsync(Ask("a"), Tenant("globex"));
        for (int i = 0; i < 5; i++)
        {
            await router.GetResponseAsync(Ask("a"), Tenant("vip"));
        }

        Assert.Equal(9, api.Calls);
    }

    [Fact]
    public async Task Batch_work_moves_to_other_targets_first_and_interactive_work_keeps_the_limited_one()
    {
        var api = Answering("api", usage: null);
        var pod = Answering("pod", usage: null);
        using var router = LimitedRouter(
            [LimitedCloud("api", api, 0.1m, 1000), Cloud("pod", client: pod)],
            o => o.BatchLimitShare = 0.5);
        var batch = Output(400);
        batch.AdditionalProperties = new() { [InferencePropertyNames.Priority] = "Batch" };

        Assert.Equal("api", await Served(router, batch)); // ~410 of the 500 batch may use
        Assert.Equal("pod", await Served(router, batch)); // batch past its share: the next target
        Assert.Equal("api", await Served(router, Output(400))); // interactive: the whole limit
        Assert.Equal("pod", await Served(router, Output(400)));
    }

    [Fact]
    public async Task A_tenants_priority_makes_its_requests_batch_work()
    {
        var api = Answering("api", usage: null);
        var pod = Answering("pod", usage: null);
        using var router = LimitedRouter(
            [LimitedCloud("api", api, 0.1m, 1000), Cloud("pod", client: pod)],
            o =>
            {
                o.BatchLimitShare = 0.5;
                o.Tenants["evals"] = new TenantLimits { Priority = RequestPriority.Batch };
            });
        var evals = Output(400);
        evals.AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "evals" };

        Assert.Equal("api", await Served(router, evals));
        Assert.Equal("pod", await Served(router, evals));
        Assert.Equal("api", await Served(router, Output(400)));
    }

    [Fact]
    public async Task A_batch_request_waits_for_a_limit_to_admit_it_while_interactive_work_is_refused_at_once()
    {
        var api = Answering("api", usage: null);
        using var router = LimitedRouter([new RouteTarget("api", api, TargetTier.HostedApi, 128_000) { RequestsPerMinute = 1 }], o => o.BatchLimitShare = 1);
        await router.GetResponseAsync(Ask("first"));

        var waiting = router.GetResponseAsync(Ask("batch"), Batch());
        await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetResponseAsync(Ask("interactive")));
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(62));
        var response = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("api", response.AdditionalProperties![InferencePropertyNames.TargetName]);
        Assert.Equal(2, api.Calls);
    }

    [Fact]
    public async Task The_batch_queue_is_bounded_in_length_and_in_time()
    {
        var api = Answering("api", usage: null);
        using var router = LimitedRouter([new RouteTarget("api", api, TargetTier.HostedApi, 128_000) { RequestsPerMinute = 1 }], o =>
        {
            o.BatchLimitShare = 1;
            o.BatchQueueLimit = 1;
            o.BatchQueueTimeout = TimeSpan.FromSeconds(10);
        });
        await router.GetResponseAsync(Ask("first"));

        var waiting = router.GetResponseAsync(Ask("batch"), Batch());
        var full = await Assert.ThrowsAsync<RateLimitExceededException>(() => router.GetResponseAsync(Ask("batch 2"), Batch()));
        Assert.Equal(RateLimitKind.BatchQueue, full.Limit);
        Assert.NotNull(full.RetryAfter);

        for (int i = 0; i < 10 && !waiting.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            await Task.Delay(20);
        }

        var timedOut = await Assert.ThrowsAsync<RateLimitExceededException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(RateLimitKind.RequestsPerMinute, timedOut.Limit);
        Assert.StartsWith("Waited 10000 ms in the batch queue.", timedOut.Message);
        Assert.Equal(1, api.Calls);
    }

    [Fact]
    public void A_priority_hint_that_is_not_a_priority_names_the_hint()
    {
        using var router = LimitedRouter([Edge()]);

        var e = Assert.Throws<ArgumentException>(() => router.Plan(Ask("hi"), Hints((InferencePropertyNames.Priority, "urgent"))));

        Assert.Contains(InferencePropertyNames.Priority, e.Message);
        Assert.Contains("Interactive, Batch", e.Message);
    }

    private static RouteTarget LimitedCloud(string name, IChatClient client, decimal perMillion, int tokensPerMinute) =>
        new(name, client, TargetTier.CloudPod, 131072)
        {
            ModelId = "meta-llama/Llama-3.3-70B-Instruct",
            ExpectedCostUsd = (input, output) => (input + output) * perMillion / 1_000_000m,
            TokensPerMinute = tokensPerMinute,
        };

    private static ChatOptions Output(int tokens) => new() { MaxOutputTokens = tokens };

    private static ChatOptions Tenant(string tenant) => Hints((InferencePropertyNames.Tenant, tenant));

    private static ChatOptions Batch() => Hints((InferencePropertyNames.Priority, RequestPriority.Batch));

    private static async Task<string?> Served(IChatClient router, ChatOptions options) =>
        (string?)(await router.GetResponseAsync(Ask("hello"), options)).AdditionalProperties![InferencePropertyNames.TargetName];

    private static FakeChatClient Answering(string name, long? usage) => new(name, (_, _) => Task.FromResult(
        new ChatResponse(new ChatMessage(ChatRole.Assistant, $"from {name}")) { Usage = usage is { } u ? new UsageDetails { TotalTokenCount = u } : null }));

    private HybridRouterChatClient LimitedRouter(RouteTarget[] targets, Action<HybridRouterOptions>? configure = null)
    {
        var options = new HybridRouterOptions();
        configure?.Invoke(options);
        return new HybridRouterChatClient(targets, options, timeProvider: _time);
    }
}
