using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.IntegrationTests.Hosting;

/// <summary>The engine load monitor in a host built with <c>AddInference</c>, reading a real llama.cpp server's <c>/metrics</c> under load.</summary>
[Collection(LlamaServerCollection.Name)]
public sealed class EngineLoadMonitorLlamaCppTests(LlamaServerFixture fixture)
{
    private static readonly ChatMessage[] Hello = [new(ChatRole.User, "Say hello.")];

    // The server serves 256 tokens per slot and the router knows it (EngineModelMonitor): a plan must ask for an output that fits.
    private static readonly ChatOptions Short = new() { MaxOutputTokens = 16 };

    [Fact]
    public async Task Concurrent_requests_queue_on_llama_cpp_and_the_router_overflows_to_the_spare_target_until_the_queue_drains()
    {
        LlamaServer server = fixture.Server;
        await using LoopbackServer spare = await LoopbackServer.StartAsync(app => app.MapGet("/v1/models", () => Results.Ok()));
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddInference(b => b
            .Configure(o =>
            {
                o.Profile = DeploymentProfile.Development;
                o.ProbeInterval = TimeSpan.FromMinutes(1);
                o.ProbeTimeout = TimeSpan.FromSeconds(10);
                o.Monitoring.LoadInterval = TimeSpan.FromMilliseconds(50);
                o.Router.CloudTaskTypes = new HashSet<Inference.Sdk.Requests.TaskType>(); // saturation alone decides (the classifier reads "Say hello." as code)
            })
            .AddTarget("llama", t =>
            {
                t.Engine = EngineKind.LlamaCpp;
                t.Endpoint = server.Endpoint.ToString();
                t.Model = LlamaServer.ModelName;
                t.RequestTimeout = TimeSpan.FromSeconds(60);
            })
            .AddTarget("spare", t =>
            {
                t.Endpoint = new Uri(spare.BaseAddress, "v1").ToString();
                t.Model = "spare-model";
            }));
        using IHost host = builder.Build();
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        IChatClient llama = host.Services.GetRequiredKeyedService<IChatClient>("llama");
        Assert.Equal("llama", router.Plan(Hello, Short).Target);

        int longest = Math.Max(16, await server.SlotContextAsync() - 64);
        var options = new ChatOptions { MaxOutputTokens = longest, Temperature = 0, AdditionalProperties = new() { ["ignore_eos"] = true } };
        await llama.GetResponseAsync(Hello, options); // warm the pipeline so the requests below arrive together

        // A tiny model answers in milliseconds: enough requests that the queue stays deep for many load intervals.
        Task all = Task.WhenAll(Enumerable.Range(0, server.Parallel * 32).Select(_ => llama.GetResponseAsync(Hello, options)));
        var duringLoad = new List<RouteDecision>();
        while (!all.IsCompleted)
        {
            duringLoad.Add(router.Plan(Hello, Short));
            await Task.Delay(10);
        }

        await all;
        RouteDecision drained = await Eventually.HoldsAsync(() => router.Plan(Hello, Short), d => d.Target == "llama", "llama chosen again once its queue drained");
        await host.StopAsync();

        RouteDecision? overflowed = duringLoad.Find(d => d.Target == "spare");
        Assert.True(overflowed is not null, "no decision during the load overflowed; seen: " + string.Join(" | ", duringLoad.Select(d => d.ToString()).Distinct()));
        Assert.Equal(RouteRule.Saturation, overflowed.Rule);
        Assert.Contains(overflowed.Reasons, r => r.StartsWith("'llama' saturated: engine queue ", StringComparison.Ordinal));
        Assert.DoesNotContain(drained.Reasons, r => r.Contains("saturated", StringComparison.Ordinal));
    }
}
