using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// Spot eviction on the real llama.cpp server: it is killed while four workers send traffic through the router, every request in
/// flight or after moves to the cloud within itself, the circuit keeps the dead pod out, and when the server is back on the same
/// port the half-open trial brings traffic back. Nothing is lost and the ledger is exact.
/// </summary>
public class LlamaSpotEvictionTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // cloud-a answers 5 prompt + 2 completion tokens at $1 / $2 per million.
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    [Fact]
    public async Task Killing_the_server_mid_traffic_moves_each_request_to_the_cloud_and_traffic_returns_after_restart()
    {
        await using var llama = await LlamaServer.StartAsync(contextPerSlot: 128, parallel: 4);
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        using var sut = new FaultRouter(llama.Endpoint, cloudA.BaseAddress, cloudB.BaseAddress, options: new HybridRouterOptions
        {
            CircuitBreakerMinimumThroughput = 4,
            CircuitBreakerFailureRatio = 0.5,
            CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(5),
            CircuitBreakerBreakDuration = TimeSpan.FromSeconds(1),
        }, requestTimeout: TimeSpan.FromSeconds(60), edgeModel: LlamaServer.ModelName, edgeEngine: EngineKind.LlamaCpp);
        var options = new ChatOptions { MaxOutputTokens = 4 };
        var served = new ConcurrentQueue<RouteDecision>();
        using var stop = new CancellationTokenSource();

        async Task Traffic()
        {
            while (!stop.IsCancellationRequested)
            {
                var response = await sut.Router.GetResponseAsync(Hello, options); // a request that throws is lost: the test fails
                served.Enqueue((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!);
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(Traffic)).ToArray();
        await WaitUntil(() => served.Count(d => d.ServedBy == "edge") >= 20, workers, llama);

        await llama.StopAsync(); // evicted, with requests in flight
        int atKill = served.Count;
        await WaitUntil(() => served.Skip(atKill).Count(d => d.ServedBy == "cloud-a" && d.Attempts.All(a => a.Target != "edge")) >= 5, workers, llama);

        await llama.StartAsync(); // back on the same port
        int atRestart = served.Count;
        await WaitUntil(() => served.Skip(atRestart).Count(d => d.ServedBy == "edge") >= 10, workers, llama);
        stop.Cancel();
        await Task.WhenAll(workers);

        var all = served.ToArray();
        var outage = all.Skip(atKill).Take(atRestart - atKill).ToArray();
        Assert.Contains(outage, d => d.ServedBy == "cloud-a" && d.Attempts.Select(a => (a.Target, a.Outcome)).SequenceEqual([("edge", AttemptOutcome.FailedOver), ("cloud-a", AttemptOutcome.Succeeded)]));
        Assert.All(outage.Skip(4), d => Assert.Equal("cloud-a", d.ServedBy)); // the 4 workers' requests answered just before the kill may be counted after it
        Assert.All(all, d => Assert.Contains(d.ServedBy, new[] { "edge", "cloud-a" }));

        // The ledger: one billed attempt per served request, none for the failed-over ones.
        int byEdge = all.Count(d => d.ServedBy == "edge"), byCloud = all.Count(d => d.ServedBy == "cloud-a");
        var edge = sut.Totals("edge");
        Assert.Equal(byEdge, edge.Requests);
        Assert.Equal((edge.InputTokens * 0.1m + edge.OutputTokens * 0.2m) / 1_000_000m, edge.Usd);
        Assert.Equal(new CostTotals(byCloud * CloudAUsd, byCloud * 5, byCloud * 2, byCloud, 0), sut.Totals("cloud-a"));
        Assert.Equal(all.Length, sut.Global.Requests);
        Assert.Equal(edge.Usd + (byCloud * CloudAUsd), sut.Global.Usd);
        Assert.Empty(cloudB.Requests);
    }

    private static async Task WaitUntil(Func<bool> condition, Task[] workers, LlamaServer llama)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (!condition())
        {
            if (workers.FirstOrDefault(w => w.IsFaulted) is { } failed)
            {
                await failed; // a lost request: rethrow it
            }

            Assert.False(patience.IsCancellationRequested, $"the traffic did not reach the expected state in {Patience.TotalSeconds} s; llama-server said:\n{llama.RecentOutput}");
            await Task.Delay(20);
        }
    }
}
