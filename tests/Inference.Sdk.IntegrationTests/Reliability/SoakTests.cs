using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// A bounded soak: requests through the router with 5% random faults on the edge. Nothing is lost, the ledger is exact.
/// CI runs the short form (2,000 requests); set <c>INFERENCE_SDK_SOAK_REQUESTS=100000</c> for the full form.
/// </summary>
public class SoakTests(ITestOutputHelper output)
{
    private const decimal EdgeUsd = (5m * 0.1m + 2m * 0.2m) / 1_000_000m;
    private const decimal CloudAUsd = (5m * 1m + 2m * 2m) / 1_000_000m;

    [Fact]
    public async Task Under_five_percent_faults_nothing_is_lost_and_the_ledger_is_exact()
    {
        int requests = int.TryParse(Environment.GetEnvironmentVariable("INFERENCE_SDK_SOAK_REQUESTS"), out int n) && n > 0 ? n : 2_000;
        int faults = 0;
        Func<HttpContext, string, Task>[] faultKinds =
        [
            (c, _) => Faults.OpenAIError(c, 500),
            (c, _) => Faults.OpenAIError(c, 503),
            (c, _) => Faults.ResetBeforeHeaders(c),
            Faults.MalformedJson,
        ];
        await using var edge = await OpenAiLoopback.StartAsync((c, b) =>
        {
            if (Random.Shared.NextDouble() < 0.05)
            {
                Interlocked.Increment(ref faults);
                return faultKinds[Random.Shared.Next(faultKinds.Length)](c, b);
            }

            return Faults.Answer(c, b, "edge");
        });
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "cloud a"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "cloud b"));
        edge.RecordRequests = cloudA.RecordRequests = cloudB.RecordRequests = false; // 100,000 kept requests would be the heap growth measured

        // A 503 without Retry-After keeps the edge out for DefaultRetryAfter; zero here so that the edge keeps taking 95% of the
        // traffic and every fault kind keeps being exercised (RetryAfterTests cover the back-off).
        using var sut = new FaultRouter(edge.BaseAddress, cloudA.BaseAddress, cloudB.BaseAddress, options: new HybridRouterOptions { DefaultRetryAfter = TimeSpan.Zero });
        var servedBy = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        List<ChatMessage> hello = [new(ChatRole.User, "Hello")];

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) => await sut.Router.GetResponseAsync(hello, cancellationToken: ct));
        long heapAfterWarmUp = GC.GetTotalMemory(forceFullCollection: true);
        var baseline = sut.Global;
        int edgeBefore = (int)sut.Totals("edge").Requests, cloudBefore = (int)sut.Totals("cloud-a").Requests;

        await Parallel.ForEachAsync(Enumerable.Range(0, requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
        {
            var response = await sut.Router.GetResponseAsync(hello, cancellationToken: ct);
            var decision = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
            servedBy.AddOrUpdate(decision.ServedBy!, 1, (_, v) => v + 1);
        });
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"{requests} requests, {faults} edge faults injected (incl. warm-up), served by: {string.Join(", ", servedBy.Select(p => $"{p.Key}={p.Value}"))}");
        output.WriteLine($"GC heap after warm-up {heapAfterWarmUp:N0} B, after the soak {heapAfter:N0} B");
        Assert.Equal(requests, servedBy.Values.Sum());
        int edgeServed = servedBy.GetValueOrDefault("edge"), cloudServed = servedBy.GetValueOrDefault("cloud-a");
        Assert.Equal(requests, edgeServed + cloudServed);
        Assert.True(cloudServed > 0, "some faults were injected and failed over");
        Assert.Equal(edgeBefore + edgeServed, sut.Totals("edge").Requests);
        Assert.Equal(cloudBefore + cloudServed, sut.Totals("cloud-a").Requests);
        Assert.Equal(baseline.Usd + (edgeServed * EdgeUsd) + (cloudServed * CloudAUsd), sut.Global.Usd);
        Assert.Equal(baseline.Requests + requests, sut.Global.Requests);
        Assert.True(heapAfter < heapAfterWarmUp + (64L * 1024 * 1024), $"the heap grew from {heapAfterWarmUp:N0} to {heapAfter:N0} bytes");
    }
}
