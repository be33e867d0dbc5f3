using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// A RunPod serverless target whose <c>/health</c> reports no idle or ready worker (the next job waits for a cold start) is skipped
/// for a request with a tight latency goal and still used for batch work; once a worker is idle it serves latency-critical requests again.
/// </summary>
public class ColdStartTests
{
    private const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"from runpod"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""";

    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Hello")];
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task A_cold_serverless_target_is_skipped_for_latency_critical_requests_and_used_for_batch()
    {
        string workers = """{"idle":0,"ready":0,"running":0,"initializing":0,"throttled":0,"unhealthy":0}""";
        await using var runpod = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v2/ep123/health", () => Results.Text($$"""{"jobs":{"inQueue":3},"workers":{{workers}}}""", "application/json"));
            app.MapPost("/v2/ep123/runsync", () => Results.Text($$"""{"id":"job-1","status":"COMPLETED","delayTime":5,"executionTime":40,"output":{{Completion}}}""", "application/json"));
        });
        await using var cloud = await OpenAiLoopback.StartAsync((c, b) => Faults.Answer(c, b, "from cloud"));
        var serverless = new RunPodServerlessClient(Http, new RunPodServerlessOptions
        {
            EndpointId = "ep123",
            ApiKey = FaultRouter.Key,
            BaseAddress = new Uri(runpod.BaseAddress, "v2/"),
            PollInterval = TimeSpan.FromMilliseconds(5),
        });
        using var router = new HybridRouterChatClient(
        [
            new RouteTarget("runpod", serverless.AsIChatClient("m"), TargetTier.Serverless, 32768) { ExpectedCostUsd = (i, o) => (i + o) * 0.1m / 1_000_000m },
            new RouteTarget("cloud", OpenAiLoopback.Client(cloud.BaseAddress), TargetTier.HostedApi, 131072) { ExpectedCostUsd = (i, o) => (i + o) * 1m / 1_000_000m },
        ]);
        var latencyCritical = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.LatencyGoal] = TimeSpan.FromSeconds(2) } };

        router.ReportHealth("runpod", await serverless.ProbeAsync());

        var (text, critical) = await FaultRouter.CallAsync(router, Hello, streaming: false, latencyCritical);
        Assert.Equal(("from cloud", "cloud"), (text.Trim(), critical.ServedBy));
        Assert.Contains(critical.Rejected, r => r.Target == "runpod" && r.Reason.Contains("cold start", StringComparison.Ordinal));
        Assert.DoesNotContain(runpod.Requests, r => r.PathAndQuery.Contains("runsync", StringComparison.Ordinal));

        var (batchText, batch) = await FaultRouter.CallAsync(router, Hello, streaming: false);
        Assert.Equal(("from runpod", "runpod"), (batchText, batch.ServedBy));
        Assert.Single(runpod.Requests, r => r.PathAndQuery.Contains("runsync", StringComparison.Ordinal));

        workers = """{"idle":1,"ready":0,"running":0}"""; // a worker is warm now
        router.ReportHealth("runpod", await serverless.ProbeAsync());
        var (_, warm) = await FaultRouter.CallAsync(router, Hello, streaming: false, latencyCritical);
        Assert.Equal("runpod", warm.ServedBy);
        Assert.Single(cloud.Requests);
    }

    [Fact]
    public void A_latency_goal_that_is_not_a_time_span_names_the_option()
    {
        using var router = new HybridRouterChatClient([new RouteTarget("a", OpenAiLoopback.Client(OpenAiLoopback.ClosedPort()), TargetTier.Edge, 4096)]);
        var options = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.LatencyGoal] = "fast" } };

        var e = Assert.Throws<ArgumentException>(() => router.Plan(Hello, options));

        Assert.Equal("options", e.ParamName);
        Assert.Contains(InferencePropertyNames.LatencyGoal, e.Message, StringComparison.Ordinal);
    }
}
