using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.IntegrationTests.Routing;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.IntegrationTests.Hosting;

/// <summary>
/// A real llama.cpp server started with <c>-c 4096</c> on the tiny model, which was trained for 256 tokens: the server caps its slot
/// at 256. A target configured for 4096 tokens warns at start, and the router sends what does not fit 256 elsewhere instead of
/// letting the server reject it.
/// </summary>
public sealed class EngineDiscoveryLlamaCppTests
{
    [Fact]
    public async Task Configuring_4096_on_a_server_that_serves_256_warns_at_start_and_the_router_uses_256()
    {
        await using LlamaServer server = await LlamaServer.StartAsync(contextPerSlot: 4096, parallel: 1);
        await using var spare = await OpenAiLoopback.StartAsync((context, body) => OpenAiLoopback.AnswerAsync(context, body, "from the spare"));
        var logs = new FakeLogCollector();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddInference(b => b
            .Configure(o =>
            {
                o.Profile = DeploymentProfile.Development;
                o.ProbeInterval = TimeSpan.FromMinutes(1);
                o.ProbeTimeout = TimeSpan.FromSeconds(10);
            })
            .AddTarget("llama", t =>
            {
                t.Engine = EngineKind.LlamaCpp;
                t.Endpoint = server.Endpoint.ToString();
                t.Model = LlamaServer.ModelName;
                t.Tier = TargetTier.Edge;
                t.ContextLength = 4096;
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
        await Eventually.HoldsAsync(() => router.Targets[0].ContextWindow, w => w != 4096, "the served context reported to the router");

        // Fits 4096, not 256: the server itself would reject it (as it did when the router trusted the configured 4096).
        ChatMessage[] longer = [new(ChatRole.User, string.Concat(Enumerable.Repeat("the quiet river runs past the old mill ", 40)))];
        var options = new ChatOptions { MaxOutputTokens = 16 };
        await Assert.ThrowsAsync<ContextWindowExceededException>(() => host.Services.GetRequiredKeyedService<IChatClient>("llama").GetResponseAsync(longer, options));
        ChatResponse answer = await router.GetResponseAsync(longer, options);
        RouteDecision decision = Assert.IsType<RouteDecision>(answer.AdditionalProperties![InferencePropertyNames.RouteDecision]);
        RouteDecision shortOne = router.Plan([new(ChatRole.User, "hi")], options);
        await host.StopAsync();

        Assert.Equal(await server.SlotContextAsync(), router.Targets[0].ContextWindow);
        Assert.Equal(256, router.Targets[0].ContextWindow);
        string warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("tokens of context", StringComparison.Ordinal)).Message;
        Assert.Contains("Inference:Targets:llama:ContextLength is 4096, but its engine serves 256 tokens of context (GET /props n_ctx", warning, StringComparison.Ordinal);
        Assert.Equal("spare", decision.ServedBy);
        Assert.Contains(decision.Rejected, r => r is { Target: "llama", Rule: RouteRule.ContextWindow } && r.Reason.StartsWith("context window 256 < ", StringComparison.Ordinal));
        Assert.Equal("llama", shortOne.Target);
    }
}
