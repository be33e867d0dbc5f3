using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>Engine discovery in a host: what the engine really serves wins over a larger configured context, with one warning.</summary>
public sealed class EngineModelMonitorTests
{
    [Fact]
    public async Task A_configured_context_larger_than_vllm_serves_warns_once_naming_the_key_and_the_router_uses_the_served_one()
    {
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/v1/models", () => Fixtures.Answer("vllm/models.json"));
        });
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(
            $$"""{ "Inference": { "Profile": "Development", "ProbeInterval": "00:00:00.05", "Targets": { "gpu-pod": { "Engine": "Vllm", "Endpoint": "{{engine.BaseAddress}}v1", "Model": "Qwen/Qwen3.5-35B-A3B", "ContextLength": 65536 } } } }""",
            logs);

        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        await Eventually.HoldsAsync(() => engine.Requests.Count(r => r.PathAndQuery == "/v1/models"), n => n >= 3, "three reads of /v1/models");
        await host.StopAsync();

        Assert.Equal((32768, 65536), (router.Targets[0].ContextWindow, router.Targets[0].ConfiguredContextWindow));
        FakeLogRecord warning = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("tokens of context", StringComparison.Ordinal));
        Assert.Equal(
            "Target gpu-pod: Inference:Targets:gpu-pod:ContextLength is 65536, but its engine serves 32768 tokens of context (GET /v1/models max_model_len); " +
            "the router uses that number. Set Inference:Targets:gpu-pod:ContextLength to 32768, or start the engine with a larger context (vllm serve --max-model-len).",
            warning.Message);
    }

    [Fact]
    public async Task A_model_the_catalog_does_not_know_is_described_by_its_engine_and_an_unconfigured_window_is_the_engines()
    {
        await using LoopbackServer ollama = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Text("Ollama is running"));
            app.MapPost("/api/show", () => Fixtures.Answer("ollama/show-gemma4.json"));
            app.MapGet("/api/ps", () => Fixtures.Answer("ollama/ps.json"));
        });
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"laptop\": {{ \"Engine\": \"Ollama\", \"Endpoint\": \"{ollama.BaseAddress}\", \"Model\": \"gemma4\" }}"), logs);

        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        await Eventually.HoldsAsync(() => router.Targets[0].ContextWindow, w => w == 4096, "the loaded context of gemma4");
        await host.StopAsync();

        FakeLogRecord described = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("the model catalog does not know", StringComparison.Ordinal));
        Assert.Contains("architecture gemma4, 42 layers, 8 attention heads, 2 KV heads, head dim 512, trained context 131072, served context 4096", described.Message, StringComparison.Ordinal);
        Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("the model's context window is 8192 tokens and Inference:Targets:laptop:ContextLength is not set", StringComparison.Ordinal));
    }
}
