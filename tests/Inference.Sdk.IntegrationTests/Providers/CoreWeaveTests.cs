using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.CoreWeave;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Testing;
using static Inference.Sdk.IntegrationTests.Providers.ProviderTestKit;

namespace Inference.Sdk.IntegrationTests.Providers;

public class CoreWeaveTests
{
    private static CoreWeaveInferenceClient Client(LoopbackServer server) => new(Http, ApiKey, server.BaseAddress);

    /// <summary>The "Get gateway" example of the reference (tests/Fixtures/coreweave/gateway-get.json) with this id, status and endpoints.</summary>
    private static JsonNode Gateway(string id, string status, params string[] endpoints)
    {
        JsonNode gateway = JsonNode.Parse(Fixtures.Text("coreweave/gateway-get.json"))!["gateway"]!;
        gateway["spec"]!["id"] = id;
        gateway["spec"]!["name"] = "gw-" + id;
        gateway["status"]!["status"] = status;
        gateway["status"]!["endpoints"] = new JsonArray(Array.ConvertAll(endpoints, e => (JsonNode?)e));
        return gateway;
    }

    [Fact]
    public async Task The_reference_example_is_read_from_its_nested_spec_and_status()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v1alpha1/inference/gateways/{id}", () => Fixtures.Answer("coreweave/gateway-get.json")));

        CoreWeaveGateway gateway = await Client(server).GetGatewayAsync("any");

        Assert.Equal(("<string>", "<string>"), (gateway.Id, gateway.Name));
        Assert.Equal(CoreWeaveGatewayState.Creating, gateway.State);
        Assert.Equal("STATUS_CREATING", gateway.Status);
        Assert.False(gateway.IsReady);
        Assert.Empty(gateway.Endpoints); // "<string>" is the page's placeholder, not an address
    }

    [Fact]
    public async Task Gateway_not_ready_then_ready_with_its_endpoint()
    {
        JsonNode ready = Gateway("g1", "STATUS_READY", "https://g1.inference.coreweave.com");
        JsonNode creating = Gateway("g0", "STATUS_CREATING");
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1alpha1/inference/gateways", () => Json(new JsonObject { ["gateways"] = new JsonArray(creating.DeepClone(), ready.DeepClone()) }.ToJsonString()));
            app.MapGet("/v1alpha1/inference/gateways/g0", () => Json(new JsonObject { ["gateway"] = creating.DeepClone() }.ToJsonString()));
            app.MapGet("/v1alpha1/inference/gateways/g1", () => Json(new JsonObject { ["gateway"] = ready.DeepClone() }.ToJsonString()));
        });
        CoreWeaveInferenceClient client = Client(server);

        IReadOnlyList<CoreWeaveGateway> all = await client.ListGatewaysAsync();
        CoreWeaveGateway g0 = await client.GetGatewayAsync("g0");
        CoreWeaveGateway g1 = await client.GetGatewayAsync("g1");
        TargetHealth notReady = await client.ProbeGatewayAsync("g0");
        TargetHealth healthy = await client.ProbeGatewayAsync("g1", "cw-llama");

        Assert.Equal(["g0", "g1"], [all[0].Id, all[1].Id]);
        Assert.Equal("gw-g1", all[1].Name);
        Assert.False(g0.IsReady);
        Assert.Empty(g0.Endpoints);
        Assert.True(g1.IsReady);
        Assert.Equal("https://g1.inference.coreweave.com/", Assert.Single(g1.Endpoints).AbsoluteUri);
        Assert.False(notReady.Healthy);
        Assert.Equal("STATUS_CREATING", notReady.Status);
        Assert.True(healthy.Healthy);
        Assert.Equal("cw-llama", healthy.TargetName);
        Assert.All(server.Requests, AssertBearer);
        Assert.Throws<ArgumentException>("gateway", () => ProviderChatClients.CoreWeaveGateway(g0, ApiKey, "m"));
    }

    [Fact]
    public async Task Integer_enums_of_the_older_reference_read_as_Unknown_logged_once_and_the_monitor_keeps_its_verdict()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/v1alpha1/inference/gateways/{id}", () => Fixtures.Answer("coreweave/gateway-create-int-enums.json")));
        var logger = new FakeLogger();
        var client = new CoreWeaveInferenceClient(Http, ApiKey, server.BaseAddress, logger: logger);

        CoreWeaveGateway gateway = await client.GetGatewayAsync("g");
        TargetHealth first = await client.ProbeGatewayAsync("g");
        TargetHealth second = await client.ProbeGatewayAsync("g");

        Assert.Equal(CoreWeaveGatewayState.Unknown, gateway.State);
        Assert.Equal("123", gateway.Status);
        Assert.True(first.StatusUnknown && second.StatusUnknown);
        FakeLogRecord warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains("'123'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serverless_inference_sends_bearer_and_the_openai_project_header()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", () => Json(Completion)));

        IChatClient chat = ProviderChatClients.CoreWeaveServerless(ApiKey, "meta-llama/Llama-3.1-8B-Instruct", "my-team/my-project", baseAddress: new Uri(server.BaseAddress, "v1"));
        ChatResponse response = await chat.GetResponseAsync("hi");

        Assert.Equal("Hello there", response.Text);
        RecordedRequest request = Assert.Single(server.Requests);
        AssertBearer(request);
        Assert.Equal("my-team/my-project", request.Headers["OpenAI-Project"]);
        Assert.Equal("meta-llama/Llama-3.1-8B-Instruct", Body(request).GetProperty("model").GetString());
        Assert.Equal("coreweave", chat.GetService<ChatClientMetadata>()!.ProviderName);
    }

    [Fact]
    public async Task A_ready_gateway_and_a_cks_ingress_are_reached_through_the_engine_client()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", () => Json(Completion)));
        var gateway = new CoreWeaveGateway { Id = "g1", Status = CoreWeaveGateway.ReadyStatus, Endpoints = [server.BaseAddress] };

        ChatResponse viaGateway = await ProviderChatClients.CoreWeaveGateway(gateway, ApiKey, "m").GetResponseAsync("hi");
        ChatResponse viaCks = await ProviderChatClients.CoreWeaveCks(server.BaseAddress, "m").GetResponseAsync("hi");

        Assert.Equal("Hello there", viaGateway.Text);
        Assert.Equal("Hello there", viaCks.Text);
        Assert.Equal(["POST /v1/chat/completions", "POST /v1/chat/completions"], Paths(server));
        AssertBearer(server.Requests[0]);
    }

    [Fact]
    public async Task A_failing_engine_behind_a_provider_gives_the_engines_typed_error()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/chat/completions", () =>
            Json("""{"object":"error","message":"This model's maximum context length is 2048 tokens. However, you requested 3000 tokens.","type":"BadRequestError","param":"input_tokens","code":400}""", 400)));

        var e = await Assert.ThrowsAsync<ContextWindowExceededException>(() => ProviderChatClients.CoreWeaveCks(server.BaseAddress, "m").GetResponseAsync("hi"));

        Assert.Equal(2048, e.ContextWindow);
        Assert.StartsWith("coreweave-cks@", e.TargetName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_problem_is_a_typed_error_and_probe_reports_unhealthy()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/v1alpha1/inference/gateways/x", () => Json("""{"code":5,"message":"gateway not found"}""", 404)));

        var e = await Assert.ThrowsAsync<ProviderApiException>(() => Client(server).GetGatewayAsync("x"));
        TargetHealth health = await Client(server).ProbeGatewayAsync("x");

        Assert.Contains("gateway not found", e.Message, StringComparison.Ordinal);
        AssertSafe(e, "coreweave");
        Assert.False(health.Healthy);
    }
}
