using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Hosting;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>
/// The default pipeline of <c>AddInference</c> is what a user gets from the public extensions: the router as the default client,
/// and each target the keyed client <c>UseCostMeter</c> → <c>UseObservedOpenTelemetry</c> → the engine adapter, in that order.
/// </summary>
public sealed class TargetPipelineTests
{
    [Fact]
    public void Each_target_is_the_cost_meter_over_the_observed_OpenTelemetry_client_over_the_engine_adapter()
    {
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json("""
            "edge": { "Engine": "Vllm", "Endpoint": "http://127.0.0.1:9/v1/", "Model": "llama-3.1-8b-instruct", "ContextLength": 8192 }
            """));

        IChatClient target = host.Services.GetRequiredKeyedService<IChatClient>("edge");
        var meter = Assert.IsType<CostMeteringChatClient>(target); // outermost: what UseCostMeter added first
        var observed = Assert.IsType<ObservedTelemetryChatClient>(meter.GetService(typeof(ObservedTelemetryChatClient)));
        Assert.NotNull(observed.GetService(typeof(OpenTelemetryChatClient))); // M.E.AI's client, beneath the meter
        Assert.NotNull(observed.GetService(typeof(EngineChatClient))); // innermost: the engine adapter

        Assert.IsType<HybridRouterChatClient>(host.Services.GetRequiredService<IChatClient>());
    }
}
