using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Testing;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class RunPodRestTests
{
    // The example of GET /v2/pods/{id} in RunPod's REST v2 OpenAPI document.
    private const string Pod = """
        {"id":"7h9k2m4n6p","name":"pytorch-training","image":"runpod/pytorch:1.0.2-cu1281-torch280-ubuntu2404","args":"","disk":50,
         "ports":["8888/http","22/tcp"],"env":{"MODEL_NAME":"llama-3"},"registry":null,"status":"RUNNING","actions":["stop","restart","terminate"],
         "mounts":{"persistent":{"size":20,"path":"/workspace"}},"gpu":{"id":"NVIDIA GeForce RTX 4090","count":2},"cloud":"SECURE",
         "dataCenterId":"US-KS-2","cudaVersion":"12.8","template":"9x4m2p7v","cost":0.88,"locked":false,"globalNetworking":{"enabled":false},
         "runtime":{"uptime":3600,"ports":[{"private":22,"public":34446,"type":"tcp","ip":"195.26.233.3"}]},"createdAt":"2026-06-01T12:00:00Z","startedAt":"2026-06-01T12:02:00Z"}
        """;

    private static RunPodRestClient Client(LoopbackServer server) => new(Http, ApiKey, server.BaseAddress);

    [Fact]
    public async Task Pod_status_and_cost_are_read_from_rest_v2()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v2/pods/7h9k2m4n6p", () => Json(Pod)));

        RunPodPod pod = await Client(server).GetPodAsync("7h9k2m4n6p");
        TargetHealth health = await Client(server).ProbePodAsync("7h9k2m4n6p", "h100-pod");

        Assert.Equal(RunPodPodStatus.Running, pod.Status);
        Assert.Equal(0.88m, pod.CostUsdPerHour);
        Assert.Equal(("NVIDIA GeForce RTX 4090", 2), (pod.GpuTypeId, pod.GpuCount));
        Assert.Equal(["8888/http", "22/tcp"], pod.Ports);
        Assert.True(health.Healthy);
        Assert.Equal(0.88m, health.Price!.UsdPerHour);
        Assert.True(health.Price.IsLive);
        Assert.Equal("runpod:/v2/pods/7h9k2m4n6p", health.Price.Source);
        AssertBearer(server.Requests[0]);
    }

    [Fact]
    public async Task An_exited_pod_is_unhealthy_and_unpriced()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/pods/p1", () => Json(Pod.Replace("\"RUNNING\"", "\"EXITED\"", StringComparison.Ordinal).Replace("0.88", "0.0", StringComparison.Ordinal))));

        TargetHealth health = await Client(server).ProbePodAsync("p1");

        Assert.False(health.Healthy);
        Assert.Null(health.Price);
        Assert.Equal("Exited", health.Status);
    }

    [Fact]
    public async Task Problem_details_become_a_typed_error_with_title_detail_and_errors()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v2/pods/nope", () =>
            Results.Text("""{"title":"Not Found","status":404,"detail":"pod not found","errors":["$.id: unknown"]}""", "application/problem+json", statusCode: 404)));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).GetPodAsync("nope"));

        Assert.Equal(404, e.StatusCode);
        Assert.Equal("Not Found", e.ErrorCode);
        Assert.Contains("pod not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("$.id: unknown", e.Message, StringComparison.Ordinal);
        AssertSafe(e, "runpod");
    }

    [Fact]
    public async Task Unknown_pod_status_reads_as_Unknown_and_the_monitor_keeps_its_verdict()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v2/pods/p1", () => Json(Pod.Replace("\"RUNNING\"", "\"HIBERNATING\"", StringComparison.Ordinal))));
        var logger = new FakeLogger();
        var client = new RunPodRestClient(Http, ApiKey, server.BaseAddress, logger: logger);

        RunPodPod pod = await client.GetPodAsync("p1");
        TargetHealth health = await client.ProbePodAsync("p1");

        Assert.Equal(RunPodPodStatus.Unknown, pod.Status);
        Assert.True(health.StatusUnknown);
        Assert.Contains("HIBERNATING", Assert.Single(logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpu_catalog_gives_per_gpu_prices_for_secure_community_and_serverless()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v2/catalog/gpus", () => Json("""
            {"gpus":[
              {"id":"NVIDIA H100 80GB HBM3","name":"H100 SXM","pool":"HOPPER_80","manufacturer":"NVIDIA","memory":80,"secure":true,"community":true,
               "price":{"secure":2.69,"community":1.99,"serverless":4.18},"maxCount":{"secure":8,"community":8},"availability":"LOW"},
              {"id":"NVIDIA GeForce RTX 4090","name":"RTX 4090","pool":null,"manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,
               "price":{"secure":0.69,"community":0.34},"maxCount":{"secure":8,"community":4}}]}
            """)));

        IReadOnlyList<RunPodGpuType> gpus = await Client(server).GetGpuPricesAsync(includePodAvailability: true);

        Assert.Equal("/v2/catalog/gpus?include=AVAILABILITY&product=POD", server.Requests[0].PathAndQuery);
        Assert.Equal(2, gpus.Count);
        Assert.Equal((2.69m, 1.99m, 4.18m), (gpus[0].SecureUsdPerGpuHour, gpus[0].CommunityUsdPerGpuHour, gpus[0].ServerlessUsdPerGpuHour));
        Assert.Equal("LOW", gpus[0].Availability);
        Assert.Equal(80, gpus[0].MemoryGb);
        Assert.Null(gpus[1].ServerlessUsdPerGpuHour);
        Assert.Null(gpus[1].Pool);
    }

    [Fact]
    public void Proxy_and_openai_route_urls_follow_runpods_patterns()
    {
        Assert.Equal("https://abc123xyz-8000.proxy.runpod.net/v1", RunPodEndpoints.PodProxy("abc123xyz").AbsoluteUri);
        Assert.Equal("https://abc123xyz-8080.proxy.runpod.net/v1", RunPodEndpoints.PodProxy("abc123xyz", 8080).AbsoluteUri);
        Assert.Equal("https://api.runpod.ai/v2/ep1/openai/v1", RunPodEndpoints.ServerlessOpenAI("ep1").AbsoluteUri);
        Assert.Throws<ArgumentException>("podId", () => RunPodEndpoints.PodProxy("evil.com/x"));
        Assert.Throws<ArgumentOutOfRangeException>("port", () => RunPodEndpoints.PodProxy("abc", 0));
    }
}
