using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// 1,000 concurrent streaming requests through the router to the real llama.cpp server (the edge, 128 slots, 4 output tokens), the
/// edge capped at 900 in flight so the rest overflow to a loopback cloud target: all complete, nothing lost, the ledger exact. The same
/// load sent straight to the server gives the baseline; the added latency (p50/p99) is printed, not asserted.
/// </summary>
public class LoadTests(ITestOutputHelper output)
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    // cloud-a answers 5 prompt + 2 completion tokens at $1 / $2 per million.
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    [Fact]
    public async Task A_thousand_concurrent_streams_all_complete_and_the_ledger_is_exact()
    {
        int n = int.TryParse(Environment.GetEnvironmentVariable("INFERENCE_SDK_LOAD_REQUESTS"), out int requested) && requested > 0 ? requested : 1000;
        int edgeCap = n * 9 / 10;
        await using var llama = await LlamaServer.StartAsync(contextPerSlot: 128, parallel: 128);
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud b"));
        var timeout = TimeSpan.FromMinutes(5);
        // As in production, the connections to the engine are capped at its slot count (llama-server serves one request per
        // HTTP thread): the other requests wait in the client's pool, still in flight for the router.
        using var edgeHttp = SlotBoundClient(llama.Parallel);
        using var directHttp = SlotBoundClient(llama.Parallel);
        using var sut = new FaultRouter(llama.Endpoint, cloudA.BaseAddress, cloudB.BaseAddress, requestTimeout: timeout,
            edgeModel: LlamaServer.ModelName, edgeEngine: EngineKind.LlamaCpp, edgeMaxConcurrency: edgeCap, edgeHttp: edgeHttp);
        using IChatClient direct = EngineChatClient.Create(EngineKind.LlamaCpp, llama.Endpoint, LlamaServer.ModelName,
            new EngineClientOptions { TargetName = "direct", RequestTimeout = timeout, HttpClient = directHttp });
        var options = new ChatOptions { MaxOutputTokens = 4 };

        await RunAsync(direct, 32, options); // warm both paths: connections, JIT
        await RunAsync(sut.Router, 32, options);
        var warm = sut.Global;

        var baseline = await RunAsync(direct, n, options);
        var routed = await RunAsync(sut.Router, n, options);

        // All complete, nothing lost: every stream ended with the router's decision and a cost.
        Assert.Equal(n, routed.Count);
        Assert.All(routed, r => Assert.Contains(r.ServedBy, new[] { "edge", "cloud-a" }));
        Assert.All(routed, r => Assert.True(r.Costed, "a routed stream carried no cost"));
        int byEdge = routed.Count(r => r.ServedBy == "edge"), byCloud = n - byEdge;
        Assert.True(byEdge > 0, "the llama.cpp edge served nothing");
        Assert.Equal(n, baseline.Count);

        // The ledger: exactly one billed request per stream, priced exactly.
        var total = sut.Global;
        Assert.Equal(n, total.Requests - warm.Requests);
        var edge = sut.Totals("edge");
        var cloud = sut.Totals("cloud-a");
        Assert.Equal(edge.Requests + cloud.Requests, total.Requests);
        Assert.Equal((edge.InputTokens * 0.1m + edge.OutputTokens * 0.2m) / 1_000_000m, edge.Usd);
        Assert.Equal(cloud.Requests * CloudAUsd, cloud.Usd);
        Assert.Equal(edge.Usd + cloud.Usd, total.Usd);
        Assert.Empty(cloudB.Requests);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{n} concurrent streams: router served edge {byEdge}, cloud-a {byCloud}; ledger {total.Requests - warm.Requests} requests, ${total.Usd - warm.Usd:0.##########}"));
        Report("direct to llama.cpp", baseline);
        Report("through the router ", routed);
        Report("router, edge-served ", routed.Where(r => r.ServedBy == "edge").ToList());

        // Added latency without queueing: one request at a time, router and direct interleaved on the same server.
        var oneDirect = new List<Sample>();
        var oneRouted = new List<Sample>();
        for (int i = 0; i < 100; i++)
        {
            oneDirect.AddRange(await RunAsync(direct, 1, options));
            oneRouted.AddRange(await RunAsync(sut.Router, 1, options));
        }

        Assert.All(oneRouted, r => Assert.Equal("edge", r.ServedBy));
        Report("sequential, direct  ", oneDirect);
        Report("sequential, router  ", oneRouted);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"added by the router, sequential: TTFT p50 {P(oneRouted, r => r.Ttft, 50) - P(oneDirect, r => r.Ttft, 50):0.00} ms, p99 {P(oneRouted, r => r.Ttft, 99) - P(oneDirect, r => r.Ttft, 99):0.00} ms; " +
            $"total p50 {P(oneRouted, r => r.Total, 50) - P(oneDirect, r => r.Total, 50):0.00} ms, p99 {P(oneRouted, r => r.Total, 99) - P(oneDirect, r => r.Total, 99):0.00} ms"));
    }

    /// <summary>At most one connection per slot; no keep-alive: llama-server closes a kept-alive connection after a few requests, and a request sent on it as it closes ends with no response.</summary>
    private static HttpClient SlotBoundClient(int slots) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = slots }) { Timeout = Timeout.InfiniteTimeSpan, DefaultRequestHeaders = { ConnectionClose = true } };

    private void Report(string name, List<Sample> s) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: TTFT p50 {P(s, r => r.Ttft, 50):0.0} ms p99 {P(s, r => r.Ttft, 99):0.0} ms; total p50 {P(s, r => r.Total, 50):0.0} ms p99 {P(s, r => r.Total, 99):0.0} ms"));

    private static double P(List<Sample> s, Func<Sample, double> pick, int percentile)
    {
        var sorted = s.Select(pick).Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static async Task<List<Sample>> RunAsync(IChatClient client, int n, ChatOptions options)
    {
        var tasks = Enumerable.Range(0, n).Select(_ => Task.Run(async () =>
        {
            long start = Stopwatch.GetTimestamp();
            double ttft = -1;
            string? servedBy = null;
            bool costed = false;
            await foreach (var update in client.GetStreamingResponseAsync(Hello, options))
            {
                if (ttft < 0)
                {
                    ttft = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                if (update.AdditionalProperties is { } props)
                {
                    servedBy ??= props.TryGetValue(InferencePropertyNames.RouteDecision, out object? d) ? ((RouteDecision)d!).ServedBy : null;
                    costed |= props.ContainsKey(InferencePropertyNames.Cost);
                }
            }

            Assert.True(ttft >= 0, "the stream ended without any update");
            return new Sample(ttft, Stopwatch.GetElapsedTime(start).TotalMilliseconds, servedBy ?? "direct", costed);
        })).ToArray();
        return (await Task.WhenAll(tasks)).ToList();
    }

    private sealed record Sample(double Ttft, double Total, string ServedBy, bool Costed);
}
