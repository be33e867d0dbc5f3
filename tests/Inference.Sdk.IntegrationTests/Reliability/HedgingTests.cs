using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Slow first byte past the edge's <see cref="RouteTarget.FirstTokenTimeout"/> with <see cref="SlowFirstTokenAction.Hedge"/>: the next
/// target starts beside the slow one, the first to produce output serves, the other request is canceled on the wire and billed nothing.
/// </summary>
public class HedgingTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(200);

    // cloud-a answers 5 prompt + 2 completion tokens at $1 / $2 per million.
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_slow_edge_is_hedged_the_fast_cloud_serves_and_the_slow_request_is_canceled(bool streaming)
    {
        var edgeAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Hang(c, edgeAborted));
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress,
            options: new HybridRouterOptions { SlowFirstToken = SlowFirstTokenAction.Hedge }, edgeFirstTokenTimeout: Budget);

        var (text, d) = await FaultRouter.CallAsync(sut.Router, Hello, streaming);

        Assert.Equal("from cloud a", text.Trim());
        Assert.Equal("cloud-a", d.ServedBy);
        Assert.Equal([("cloud-a", AttemptOutcome.Succeeded), ("edge", AttemptOutcome.Superseded)], d.Attempts.Select(a => (a.Target, a.Outcome)).OrderBy(a => a.Target));
        await edgeAborted.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the slow request was canceled on the wire
        Assert.Single(edge.Requests);
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(new CostTotals(CloudAUsd, 5, 2, 1, 0), sut.Totals("cloud-a"));
        Assert.Equal(sut.Totals("cloud-a"), sut.Global);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_slow_edge_is_kept_and_wins_when_the_hedge_is_slower_still(bool streaming)
    {
        var cloudAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cloudStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var edge = await OpenAiLoopback.StartAsync(async (c, b) =>
        {
            await cloudStarted.Task.WaitAsync(c.RequestAborted); // later than its budget: only after the hedge has started
            await Faults.Answer(c, b, "from edge");
        });
        await using var cloudA = await OpenAiLoopback.StartAsync((c, _) =>
        {
            cloudStarted.TrySetResult();
            return Hang(c, cloudAborted);
        });
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress,
            options: new HybridRouterOptions { SlowFirstToken = SlowFirstTokenAction.Hedge }, edgeFirstTokenTimeout: Budget);

        var (text, d) = await FaultRouter.CallAsync(sut.Router, Hello, streaming);

        Assert.Equal("from edge", text.Trim());
        Assert.Equal("edge", d.ServedBy);
        Assert.Equal([("cloud-a", AttemptOutcome.Superseded), ("edge", AttemptOutcome.Succeeded)], d.Attempts.Select(a => (a.Target, a.Outcome)).OrderBy(a => a.Target));
        await cloudAborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(cloudB.Requests);
        Assert.Equal(CostTotals.Zero, sut.Totals("cloud-a"));
        Assert.Equal(1, sut.Totals("edge").Requests);
        Assert.Equal(sut.Totals("edge"), sut.Global);
    }

    [Fact]
    public async Task Fail_over_mode_cancels_the_slow_edge_before_trying_the_next()
    {
        var edgeAborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var edge = await OpenAiLoopback.StartAsync((c, _) => Hang(c, edgeAborted));
        await using var cloudA = await OpenAiLoopback.StartAsync(async (c, b) =>
        {
            Assert.True(edgeAborted.Task.IsCompleted || await Completes(edgeAborted.Task)); // one attempt at a time
            await Faults.Answer(c, b, "from cloud a");
        });
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, edgeFirstTokenTimeout: Budget);

        var (text, d) = await FaultRouter.CallAsync(sut.Router, Hello, streaming: true);

        Assert.Equal("from cloud a", text.Trim());
        Assert.Equal([("edge", AttemptOutcome.FailedOver, nameof(TargetUnavailableException)), ("cloud-a", AttemptOutcome.Succeeded, (string?)null)], d.Attempts.Select(a => (a.Target, a.Outcome, a.Error)));
        Assert.Equal(CostTotals.Zero, sut.Totals("edge"));
        Assert.Equal(sut.Totals("cloud-a"), sut.Global);
    }

    private static async Task<bool> Completes(Task t)
    {
        await t.WaitAsync(TimeSpan.FromSeconds(30));
        return true;
    }

    private static async Task Hang(HttpContext c, TaskCompletionSource aborted)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, c.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            aborted.TrySetResult();
        }
    }
}
