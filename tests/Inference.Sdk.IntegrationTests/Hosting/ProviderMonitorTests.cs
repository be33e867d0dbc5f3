using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Hosting;

/// <summary>
/// The provider monitor in a host built with <c>AddInference</c> from JSON, against loopback control planes that answer with
/// the documented shapes (RunPod REST v2 pods and serverless <c>/health</c>, Lambda Cloud instances, Spheron offers and deployments).
/// </summary>
public sealed class ProviderMonitorTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    // The example of GET /v2/pods/{id} in RunPod's REST v2 OpenAPI document, with its id, status and cost set by the test.
    private static string Pod(string id, string status, decimal cost) => $$"""
        {"id":"{{id}}","name":"vllm","image":"vllm/vllm-openai:latest","status":"{{status}}","gpu":{"id":"NVIDIA H100 80GB HBM3","count":1},
         "cloud":"SECURE","cost":{{cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"ports":["8000/http"],"createdAt":"2026-06-01T12:00:00Z"}
        """;

    // GET /instances/{id} of the Lambda Cloud API, with the status set by the test.
    private static string LambdaInstance(string status) => $$$"""
        {"data":{"id":"0920582c7ff041399e34823a0be62549","name":"spot-h100","ip":"198.51.100.2","status":"{{{status}}}",
         "region":{"name":"us-west-1","description":"California, USA"},
         "instance_type":{"name":"gpu_1x_h100_pcie","description":"1x H100 (80 GB PCIe)","gpu_description":"H100 (80 GB PCIe)","price_cents_per_hour":249,
                          "specs":{"vcpus":26,"memory_gib":200,"storage_gib":1000,"gpus":1}} }}
        """;

    private static string Target(string name, string provider, LoopbackServer engine, string extra, string tier = "CloudPod", string model = "served-model") => $$"""
        "{{name}}": { "Provider": "{{provider}}", "Tier": "{{tier}}", "Endpoint": "{{new Uri(engine.BaseAddress, "v1")}}", "Model": "{{model}}",
                      "ProviderApiKey": "{{ApiKey}}", "TokensPerSecond": 1000, {{extra}} }
        """;

    private static IHost BuildHost(string targets, FakeLogCollector logs, string interval = "00:00:00.05") =>
        BuildHostFromJson($$"""
            { "Inference": { "Profile": "Development", "ProbeInterval": "{{interval}}", "ProbeTimeout": "00:00:05",
              "Monitoring": { "ProviderStatusInterval": "{{interval}}", "PriceRefreshInterval": "{{interval}}" },
              "Targets": { {{targets}} } } }
            """, logs);

    private static IHost BuildHostFromJson(string json, FakeLogCollector logs)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs)).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddInference(builder.Configuration.GetSection("Inference"));
        return builder.Build();
    }

    private static Task<LoopbackServer> StartEngineAsync() => LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Json("""{"object":"list","data":[]}""")));

    private static void AssertNoSecretLogged(FakeLogCollector logs) =>
        Assert.DoesNotContain(logs.GetSnapshot(), l => l.Message.Contains(ApiKey, StringComparison.Ordinal));

    [Fact]
    public async Task A_live_pod_price_change_flips_the_cheapest_target()
    {
        var cost = new Dictionary<string, decimal> { ["pod-a"] = 3.00m, ["pod-b"] = 2.00m };
        await using LoopbackServer runpod = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/pods/{id}", (string id) => Json(Pod(id, "RUNNING", cost[id]))));
        await using LoopbackServer engine = await StartEngineAsync();
        var logs = new FakeLogCollector();
        string extra(string id) => $"\"ProviderResourceId\": \"{id}\", \"ProviderBaseAddress\": \"{runpod.BaseAddress}\"";
        using IHost host = BuildHost(Target("pod-a", "RunPod", engine, extra("pod-a")) + "," + Target("pod-b", "RunPod", engine, extra("pod-b")), logs);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();

        RouteDecision cheaperB = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "pod-b", "pod-b chosen at $2.00/h against $3.00/h");
        lock (cost)
        {
            cost["pod-a"] = 1.00m;
        }

        RouteDecision cheaperA = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "pod-a", "pod-a chosen once it drops to $1.00/h");
        await host.StopAsync();

        Assert.Equal(RouteRule.Cost, cheaperB.Rule);
        Assert.Equal(ExpectedCost.PerRequest(2.00m, 1000, cheaperB.PromptTokens, cheaperB.OutputTokens), cheaperB.EstimatedCostUsd);
        Assert.Equal(ExpectedCost.PerRequest(1.00m, 1000, cheaperA.PromptTokens, cheaperA.OutputTokens), cheaperA.EstimatedCostUsd);
        Assert.All(runpod.Requests, AssertBearer);
        Assert.Contains(logs.GetSnapshot(), l => l.Id.Id == 7031 && l.Message.Contains("pod-a", StringComparison.Ordinal) && l.Message.Contains("runpod:/v2/pods/pod-a", StringComparison.Ordinal));
        AssertNoSecretLogged(logs);
    }

    [Theory]
    [InlineData("Lambda", "active", "preempted")]
    [InlineData("Lambda", "active", "terminated")]
    [InlineData("RunPod", "RUNNING", "EXITED")]
    [InlineData("RunPod", "RUNNING", "TERMINATED")]
    public async Task A_preempted_or_exited_target_is_taken_out_and_comes_back_when_it_runs_again(string provider, string running, string down)
    {
        string status = running;
        await using LoopbackServer controlPlane = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/instances/{id}", (string id) => Json(LambdaInstance(status)));
            app.MapGet("/v2/pods/{id}", (string id) => Json(Pod(id, status, 2.49m)));
        });
        await using LoopbackServer engine = await StartEngineAsync();
        var logs = new FakeLogCollector();
        string address = provider == "Lambda" ? new Uri(controlPlane.BaseAddress, "api/v1/").ToString() : controlPlane.BaseAddress.ToString();
        using IHost host = BuildHost(
            Target("gpu", provider, engine, $"\"ProviderResourceId\": \"0920582c7ff041399e34823a0be62549\", \"ProviderBaseAddress\": \"{address}\"")
            + "," + Target("spare", "Local", engine, "\"InputUsdPerMillionTokens\": 5, \"OutputUsdPerMillionTokens\": 15", tier: "HostedApi"), logs);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();

        RouteDecision up = await Eventually.HoldsAsync(() => router.Plan(Hi), _ => controlPlane.Requests.Count >= 2, "two status reads");
        status = down;
        RouteDecision outOfService = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "spare", $"the {down} target skipped");
        int readsWhileDown = controlPlane.Requests.Count;
        await Eventually.HoldsAsync(() => controlPlane.Requests.Count, n => n >= readsWhileDown + 3, "more reads while it is down");
        int probesWhileDown = engine.Requests.Count;
        await Eventually.HoldsAsync(() => engine.Requests.Count, n => n >= probesWhileDown + 4, "engine health probes answering 200 meanwhile");
        RouteDecision stillOut = router.Plan(Hi); // the engine's health probe does not undo the provider's verdict
        status = running;
        RouteDecision back = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "gpu", "the target back once it runs");
        await host.StopAsync();

        Assert.Equal("gpu", up.Target);
        RejectedTarget rejected = Assert.Single(outOfService.Rejected);
        Assert.Equal(("gpu", RouteRule.Degraded, "unhealthy"), (rejected.Target, rejected.Rule, rejected.Reason));
        Assert.Equal("spare", stillOut.Target);
        Assert.Empty(back.Rejected);
        string[] states = logs.GetSnapshot().Where(l => l.Id.Id == 7030).Select(l => l.Message).ToArray();
        Assert.Equal(3, states.Length); // in, out, in: each change once, not once per read
        Assert.Contains("out of service", states[1], StringComparison.Ordinal);
        Assert.Contains("in service", states[2], StringComparison.Ordinal);
        AssertNoSecretLogged(logs);
    }

    [Fact]
    public async Task A_serverless_endpoint_expecting_a_cold_start_is_skipped_for_latency_critical_requests_only()
    {
        string workers = """{"idle":1,"ready":0,"running":0,"initializing":0,"throttled":0,"unhealthy":0}""";
        await using LoopbackServer runpod = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/ep123/health", () => Json($$"""{"jobs":{"completed":7,"failed":0,"inProgress":0,"inQueue":0,"retried":0},"workers":{{workers}}}""")));
        await using LoopbackServer engine = await StartEngineAsync();
        var logs = new FakeLogCollector();
        using IHost host = BuildHost(
            $$"""
            "serverless": { "Provider": "RunPod", "Tier": "Serverless", "Endpoint": "{{new Uri(runpod.BaseAddress, "v2/ep123/openai/v1")}}", "Model": "served-model",
                            "ApiKey": "{{ApiKey}}", "ProviderResourceId": "ep123", "ProviderBaseAddress": "{{new Uri(runpod.BaseAddress, "v2/")}}" },
            "standby": { "Provider": "RunPod", "Tier": "Serverless", "Endpoint": "{{new Uri(engine.BaseAddress, "v1")}}", "Model": "served-model" }
            """, logs);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        var interactive = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.LatencyGoal] = TimeSpan.FromSeconds(2) } };

        RouteDecision warm = await Eventually.HoldsAsync(() => router.Plan(Hi, interactive), _ => runpod.Requests.Count >= 2, "two health reads");
        workers = """{"idle":0,"ready":0,"running":0,"initializing":0,"throttled":0,"unhealthy":0}""";
        RouteDecision cold = await Eventually.HoldsAsync(() => router.Plan(Hi, interactive), d => d.Target == "standby", "the cold endpoint skipped for an interactive request");
        RouteDecision batch = router.Plan(Hi);
        workers = """{"idle":0,"ready":1,"running":0,"initializing":0,"throttled":0,"unhealthy":0}""";
        RouteDecision warmAgain = await Eventually.HoldsAsync(() => router.Plan(Hi, interactive), d => d.Target == "serverless", "the warm endpoint first again");
        await host.StopAsync();

        Assert.Equal("serverless", warm.Target);
        RejectedTarget rejected = Assert.Single(cold.Rejected);
        Assert.Equal(("serverless", RouteRule.Degraded), (rejected.Target, rejected.Rule));
        Assert.Contains("cold start expected", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("serverless", batch.Target); // no latency goal: a cold start is acceptable
        Assert.Empty(warmAgain.Rejected);
        Assert.Contains(logs.GetSnapshot(), l => l.Id.Id == 7030 && l.Message.Contains("cold start expected", StringComparison.Ordinal));
        AssertNoSecretLogged(logs);
    }

    [Fact]
    public async Task A_catalog_price_prices_a_target_whose_status_carries_none()
    {
        decimal price = 1.90m;
        await using LoopbackServer spheron = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/deployments/d1", () => Json("""{"data":{"id":"d1","status":"RUNNING","ipAddress":"127.0.0.1","instanceType":"SPOT"}}"""));
            app.MapGet("/api/gpu-offers", () => Json($$"""
                {"data":[{"id":"o1","provider":"voltage-park","gpuType":"H100 SXM5 80GB","gpuCount":1,"price":{{price}},"instanceType":"SPOT","region":"us-east"}]}
                """));
        });
        await using LoopbackServer engine = await StartEngineAsync();
        var logs = new FakeLogCollector();
        using IHost host = BuildHost(
            Target("spot", "Spheron", engine, $"\"Gpu\": \"H100Sxm5\", \"Capacity\": \"Spot\", \"Fallback\": \"api\", \"ProviderResourceId\": \"d1\", \"ProviderBaseAddress\": \"{spheron.BaseAddress}\"", model: Knowledge.ModelIds.Llama31_8B)
            + "," + Target("api", "Local", engine, "\"InputUsdPerMillionTokens\": 1, \"OutputUsdPerMillionTokens\": 1"), logs);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();

        RouteDecision spot = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.EstimatedCostUsd == ExpectedCost.PerRequest(1.90m, 1000, d.PromptTokens, d.OutputTokens), "the Spheron offer priced in");
        price = 9.00m; // now dearer per token than the $1/M API
        RouteDecision dearer = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "api", "the API chosen once the offer rose");
        await host.StopAsync();

        Assert.Equal(("spot", RouteRule.Cost), (spot.Target, spot.Rule)); // "api" comes first in configuration order
        Assert.Contains(logs.GetSnapshot(), l => l.Id.Id == 7031 && l.Message.Contains("Spheron /api/gpu-offers (live)", StringComparison.Ordinal));
        Assert.Equal(["spot"], dearer.Fallbacks); // still a fallback, now behind the cheaper API
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_read_in_flight_and_no_read_follows()
    {
        int reads = 0;
        await using LoopbackServer lambda = await LoopbackServer.StartAsync(app =>
            app.MapGet("/api/v1/instances/{id}", async (string id, HttpContext context) =>
            {
                if (Interlocked.Increment(ref reads) >= 3)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted); // a control plane that stops answering
                }

                return Json(LambdaInstance("active"));
            }));
        await using LoopbackServer engine = await StartEngineAsync();
        var logs = new FakeLogCollector();
        using IHost host = BuildHost(
            Target("gpu", "Lambda", engine, $"\"ProviderResourceId\": \"i1\", \"ProviderBaseAddress\": \"{new Uri(lambda.BaseAddress, "api/v1/")}\""), logs);
        await host.StartAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref reads), n => n >= 3, "a read hanging in flight");

        Task stop = host.StopAsync();
        Task finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30)));
        int afterStop = lambda.Requests.Count;
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // ten status intervals
        Assert.Same(stop, finished);
        await stop;
        Assert.Equal(afterStop, lambda.Requests.Count);
    }
}
