using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Providers.Spheron;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class SpheronAndHostedTests
{
    [Fact]
    public async Task Spheron_offers_are_read_leniently_and_filtered_by_instance_type()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/gpu-offers", () => Json("""
            {"data":[
              {"id":"o1","provider":"voltage-park","gpuType":"H100 SXM5 80GB","gpuCount":8,"price":15.2,"instanceType":"SPOT","region":"us-east"},
              {"offerId":"o2","providerName":"data-crunch","gpuName":"NVIDIA A100 80GB","numGpus":1,"pricePerHour":"1.05","instance_type":"DEDICATED"},
              {"id":"o3","gpuType":"RTX 4090","pricePerGpuHour":{"amount":0.31,"currency":"USD"},"gpuCount":2},
              {"id":"o4","gpuType":"L40S"}]}
            """)));
        var client = new SpheronClient(Http, null, server.BaseAddress);

        IReadOnlyList<SpheronGpuOffer> offers = await client.GetGpuOffersAsync(CapacityType.Spot, limit: 50);

        Assert.Equal("/api/gpu-offers?page=1&limit=50&instanceType=SPOT", server.Requests[0].PathAndQuery);
        Assert.False(server.Requests[0].Headers.ContainsKey("Authorization"));
        Assert.Equal(3, offers.Count);
        Assert.Equal((CapacityType.Spot, 8, 1.9m), (offers[0].Capacity, offers[0].GpuCount, offers[0].UsdPerGpuHour));
        Assert.Equal(("o2", "data-crunch", 1.05m, CapacityType.OnDemand), (offers[1].Id, offers[1].Provider, offers[1].UsdPerHour, offers[1].Capacity));
        Assert.Equal(0.62m, offers[2].UsdPerHour);

        IReadOnlyList<PriceOffer> catalog = ProviderPrices.ToOffers(offers, new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));
        PriceOffer h100 = Assert.Single(catalog, o => o.Gpu == GpuKind.H100Sxm5);
        Assert.Equal((ProviderKind.Spheron, CapacityType.Spot, 1.9m, "2026-11"), (h100.Provider!.Value, h100.Capacity, h100.UsdPerGpuHour, h100.AsOf));
    }

    [Fact]
    public async Task Spheron_offers_without_a_list_are_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/api/gpu-offers", () => Json("""{"total":0}""")));

        var e = await Assert.ThrowsAsync<InferenceProtocolException>(() => new SpheronClient(Http, null, server.BaseAddress).GetGpuOffersAsync());

        AssertSafe(e, "spheron");
    }

    [Fact]
    public async Task Spheron_deployment_status_and_ip_make_the_snapshot_and_the_engine_address()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/deployments/d1", () => Json("""{"data":{"id":"d1","status":"RUNNING","ipAddress":"127.0.0.1","instanceType":"SPOT"}}"""));
            app.MapGet("/api/deployments/d2", () => Json("""{"id":"d2","status":"provisioning"}"""));
        });
        var client = new SpheronClient(Http, ApiKey, server.BaseAddress);

        SpheronDeployment d1 = await client.GetDeploymentAsync("d1");
        TargetHealth running = await client.ProbeDeploymentAsync("d1");
        TargetHealth provisioning = await client.ProbeDeploymentAsync("d2");

        Assert.True(d1.IsRunning);
        Assert.Equal("127.0.0.1", d1.Ip);
        Assert.True(running.Healthy);
        Assert.False(provisioning.Healthy);
        AssertBearer(server.Requests[0]);
        Assert.Throws<ArgumentException>("deployment", () => ProviderChatClients.SpheronDeployment(new SpheronDeployment { Id = "d2", Status = "provisioning" }, EngineKind.Vllm, "m"));
    }

    [Fact]
    public async Task The_engine_on_a_lambda_instance_is_reached_at_its_ip_and_port()
    {
        await using var engine = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", () => Json(Completion)));
        var instance = new LambdaInstance { Id = "i1", Status = LambdaInstanceStatus.Active, Ip = "127.0.0.1" };

        IChatClient chat = ProviderChatClients.LambdaInstance(instance, EngineKind.Vllm, "m", engine.BaseAddress.Port, apiKey: ApiKey);
        ChatResponse response = await chat.GetResponseAsync("hi");

        Assert.Equal("Hello there", response.Text);
        Assert.Equal("lambda", chat.GetService<ChatClientMetadata>()!.ProviderName);
        AssertBearer(Assert.Single(engine.Requests));
        Assert.Throws<ArgumentException>("instance", () => ProviderChatClients.LambdaInstance(instance with { Status = LambdaInstanceStatus.Preempted }, EngineKind.Vllm, "m"));
    }

    [Fact]
    public async Task Azure_openai_goes_to_the_v1_route_with_the_deployment_as_model()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/openai/v1/chat/completions", () => Json(Completion)));

        IChatClient chat = ProviderChatClients.AzureOpenAI(server.BaseAddress, ApiKey, "gpt-4o-mini-prod");
        ChatResponse response = await chat.GetResponseAsync("hi");

        Assert.Equal("Hello there", response.Text);
        RecordedRequest request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.PathAndQuery);
        AssertBearer(request);
        Assert.Equal("gpt-4o-mini-prod", Body(request).GetProperty("model").GetString());
        Assert.Equal("azure.ai.openai", chat.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public async Task Any_openai_compatible_api_by_base_url_and_key_maps_429_to_overloaded()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/api/v1/chat/completions", () =>
            Json("""{"error":{"message":"Rate limit reached","type":"rate_limit_error"}}""", 429)));

        var e = await Assert.ThrowsAsync<TargetOverloadedException>(() =>
            ProviderChatClients.OpenAICompatible(new Uri(server.BaseAddress, "api/v1"), ApiKey, "m", "overflow").GetResponseAsync("hi"));

        Assert.Equal("overflow", e.TargetName);
        Assert.Equal(429, e.StatusCode);
        Assert.DoesNotContain(ApiKey, e.ToString(), StringComparison.Ordinal);
    }
}
