using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// A target that answers 429/503 is kept out of routing for its <c>Retry-After</c> (bounded by <see cref="HybridRouterOptions.MaxRetryAfter"/>),
/// or for <see cref="HybridRouterOptions.DefaultRetryAfter"/> without the header, then tried again. The clock is a <see cref="FakeTimeProvider"/>.
/// </summary>
public class RetryAfterTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    [Theory]
    [InlineData(429, 7, 60, 7)] // honoured
    [InlineData(503, 7, 60, 7)]
    [InlineData(429, 3600, 10, 10)] // bounded by MaxRetryAfter
    [InlineData(429, null, 60, 2)] // no header: DefaultRetryAfter
    public async Task An_overloaded_target_is_left_alone_for_its_retry_after_then_tried_again(int status, int? retryAfter, int maxSeconds, int expectedSeconds)
    {
        bool overloaded = true;
        await using var edge = await OpenAiLoopback.StartAsync((c, b) => overloaded ? Faults.OpenAIError(c, status, retryAfter) : Faults.Answer(c, b, "from edge"));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, options: new HybridRouterOptions
        {
            MaxRetryAfter = TimeSpan.FromSeconds(maxSeconds),
            DefaultRetryAfter = TimeSpan.FromSeconds(2),
        }, time: time);

        var first = Decision(await sut.Router.GetResponseAsync(Hello));
        Assert.Equal([("edge", AttemptOutcome.FailedOver), ("cloud-a", AttemptOutcome.Succeeded)], first.Attempts.Select(a => (a.Target, a.Outcome)));
        Assert.Single(edge.Requests);

        overloaded = false; // the edge would answer now, but asked to be left alone
        time.Advance(TimeSpan.FromSeconds(expectedSeconds) - TimeSpan.FromMilliseconds(1));
        var during = Decision(await sut.Router.GetResponseAsync(Hello));
        Assert.Equal("cloud-a", during.ServedBy);
        Assert.DoesNotContain(during.Attempts, a => a.Target == "edge");
        var rejected = Assert.Single(during.Rejected, r => r.Target == "edge");
        Assert.Contains("retry after", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(edge.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));
        var after = Decision(await sut.Router.GetResponseAsync(Hello));
        Assert.Equal("edge", after.ServedBy);
        Assert.Equal(2, edge.Requests.Count);

        // Billed: cloud-a twice, the edge once (its 429/503 cost nothing).
        Assert.Equal(2, sut.Totals("cloud-a").Requests);
        Assert.Equal(1, sut.Totals("edge").Requests);
        Assert.Equal(3, sut.Global.Requests);
    }

    [Fact]
    public async Task When_every_target_asked_to_wait_the_caller_gets_the_shortest_wait_without_a_call()
    {
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, 30));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 429, 5));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, _) => Faults.OpenAIError(c, 503, 12));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, time: time);

        var exhausted = await Assert.ThrowsAsync<TargetOverloadedException>(() => sut.Router.GetResponseAsync(Hello));
        Assert.Equal(TimeSpan.FromSeconds(12), exhausted.RetryAfter); // the last target's own answer

        time.Advance(TimeSpan.FromSeconds(2));
        var refused = await Assert.ThrowsAsync<TargetOverloadedException>(() => sut.Router.GetResponseAsync(Hello));
        Assert.Equal(TimeSpan.FromSeconds(3), refused.RetryAfter); // cloud-a's 5 s, 2 s of which have passed
        Assert.IsType<RouteRefusedException>(refused.InnerException);
        Assert.Equal([1, 1, 1], new[] { edge.Requests.Count, cloudA.Requests.Count, cloudB.Requests.Count });

        time.Advance(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<TargetOverloadedException>(() => sut.Router.GetResponseAsync(Hello));
        Assert.Equal([1, 2, 1], new[] { edge.Requests.Count, cloudA.Requests.Count, cloudB.Requests.Count });
        Assert.Equal(CostTotals.Zero, sut.Global);
    }

    private static RouteDecision Decision(ChatResponse r) => (RouteDecision)r.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
}
