using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>A pod target disappears mid-traffic (spot eviction) and comes back on the same address.</summary>
public class SpotEvictionTests
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];

    [Fact]
    public async Task Traffic_moves_within_one_request_and_returns_when_the_pod_is_back()
    {
        int port = OpenAiLoopback.ClosedPort().Port;
        var pod = await StartPodAsync(port);
        await using var cloudA = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "cloud"));
        await using var cloudB = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "cloud"));
        using var capture = new Capture();
        using var sut = new FaultRouter(new Uri($"http://127.0.0.1:{port}/"), cloudA.BaseAddress, cloudB.BaseAddress, capture, new HybridRouterOptions
        {
            CircuitBreakerMinimumThroughput = 2,
            CircuitBreakerFailureRatio = 0.5,
            CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(5),
            CircuitBreakerBreakDuration = TimeSpan.FromSeconds(1),
        });

        Assert.Equal("edge", Decision(await sut.Router.GetResponseAsync(Hello)).ServedBy);

        await pod.DisposeAsync(); // evicted
        var moved = Decision(await sut.Router.GetResponseAsync(Hello));
        Assert.Equal("cloud-a", moved.ServedBy);
        Assert.Equal([("edge", AttemptOutcome.FailedOver), ("cloud-a", AttemptOutcome.Succeeded)], moved.Attempts.Select(a => (a.Target, a.Outcome)));

        // Every request during the outage is served; once the circuit opens the evicted pod is not even tried.
        RouteDecision d = moved;
        for (int i = 0; i < 10 && d.Attempts.Any(a => a.Target == "edge"); i++)
        {
            d = Decision(await sut.Router.GetResponseAsync(Hello));
            Assert.Equal("cloud-a", d.ServedBy);
        }

        Assert.DoesNotContain(d.Attempts, a => a.Target == "edge");

        await using var back = await StartPodAsync(port);
        RouteDecision? returned = null;
        for (int i = 0; i < 100 && returned?.ServedBy != "edge"; i++)
        {
            await Task.Delay(100);
            returned = Decision(await sut.Router.GetResponseAsync(Hello));
        }

        Assert.Equal("edge", returned!.ServedBy);
        Assert.NotEmpty(back.Requests);
        Assert.Contains(capture.Lines, l => l.Contains("edge", StringComparison.Ordinal));
    }

    private static Task<LoopbackServer> StartPodAsync(int port) =>
        LoopbackServer.StartAsync(
            app => app.MapPost("/v1/chat/completions", async (HttpContext c) =>
            {
                c.Request.Body.Position = 0;
                using var reader = new System.IO.StreamReader(c.Request.Body);
                await Faults.Answer(c, await reader.ReadToEndAsync(c.RequestAborted), "pod");
            }),
            k => k.Listen(IPAddress.Loopback, port));

    private static RouteDecision Decision(ChatResponse r) => (RouteDecision)r.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
}
