using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>The engine load monitor: a vLLM-shaped loopback engine whose <c>/metrics</c> the test scripts.</summary>
public sealed class EngineLoadMonitorTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    private static string VllmMetrics(int waiting, double kvCache) => $$"""
        # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
        # TYPE vllm:num_requests_waiting gauge
        vllm:num_requests_waiting{model_name="m"} {{waiting}}
        # TYPE vllm:num_requests_running gauge
        vllm:num_requests_running{model_name="m"} 3
        # TYPE vllm:kv_cache_usage_perc gauge
        vllm:kv_cache_usage_perc{model_name="m"} {{kvCache.ToString(System.Globalization.CultureInfo.InvariantCulture)}}

        """;

    private static Task<LoopbackServer> StartVllmAsync(Func<string> metrics) => LoopbackServer.StartAsync(app =>
    {
        app.MapGet("/health", () => Results.Ok());
        app.MapGet("/metrics", () => Results.Text(metrics(), "text/plain; version=0.0.4"));
    });

    private static string Json(LoopbackServer busy, LoopbackServer spare, string monitoring = "\"LoadInterval\": \"00:00:00.05\"") =>
        $$"""
        { "Inference": { "Profile": "Development", "ProbeInterval": "00:01:00", "ProbeTimeout": "00:00:05",
          "Monitoring": { {{monitoring}} },
          "Targets": {
            "gpu-a": { "Engine": "Vllm", "Endpoint": "{{busy.BaseAddress}}", "Model": "{{ModelIds.Llama31_8B}}" },
            "gpu-b": { "Engine": "Vllm", "Endpoint": "{{spare.BaseAddress}}", "Model": "{{ModelIds.Llama31_8B}}" } } } }
        """;

    [Fact]
    public async Task A_deep_engine_queue_makes_the_router_skip_the_target_and_it_comes_back_when_the_queue_drains()
    {
        int waiting = 0;
        await using LoopbackServer busy = await StartVllmAsync(() => VllmMetrics(waiting, 0.2));
        await using LoopbackServer spare = await StartVllmAsync(() => VllmMetrics(0, 0.1));
        using IHost host = HostingFixture.BuildHost(Json(busy, spare));
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();

        RouteDecision idle = await Eventually.HoldsAsync(() => router.Plan(Hi), _ => busy.Requests.Any(r => r.PathAndQuery == "/metrics"), "a metrics read");
        waiting = 12;
        RouteDecision overloaded = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "gpu-b", "gpu-b chosen over the queued gpu-a");
        waiting = 0;
        RouteDecision drained = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "gpu-a", "gpu-a chosen again");
        await host.StopAsync();

        Assert.Equal("gpu-a", idle.Target);
        Assert.Equal(RouteRule.Saturation, overloaded.Rule);
        Assert.Contains(overloaded.Reasons, r => r.Contains("'gpu-a' saturated: engine queue 12 over 4", StringComparison.Ordinal));
        Assert.DoesNotContain(drained.Reasons, r => r.Contains("saturated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_full_kv_cache_is_saturation_too()
    {
        await using LoopbackServer busy = await StartVllmAsync(() => VllmMetrics(0, 0.97));
        await using LoopbackServer spare = await StartVllmAsync(() => VllmMetrics(0, 0.1));
        using IHost host = HostingFixture.BuildHost(Json(busy, spare));
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();

        RouteDecision decision = await Eventually.HoldsAsync(() => router.Plan(Hi), d => d.Target == "gpu-b", "gpu-b chosen over the full gpu-a");
        await host.StopAsync();

        Assert.Contains(decision.Reasons, r => r.Contains("'gpu-a' saturated: KV-cache occupancy 0.97 over 0.9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unreadable_metrics_are_logged_once_not_every_tick_and_recovery_is_logged()
    {
        bool broken = true;
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", () => broken ? Results.StatusCode(500) : Results.Text(VllmMetrics(0, 0.1), "text/plain"));
        });
        await using LoopbackServer spare = await StartVllmAsync(() => VllmMetrics(0, 0.1));
        var logs = new FakeLogCollector();
        using IHost host = HostingFixture.BuildHost(Json(engine, spare), logs);
        await host.StartAsync();

        await Eventually.HoldsAsync(() => engine.Requests.Count(r => r.PathAndQuery == "/metrics"), n => n >= 5, "five metrics reads");
        broken = false;
        await Eventually.HoldsAsync(() => logs.GetSnapshot().Count(l => l.Id.Id == 7021), n => n == 1, "the recovery logged");
        await host.StopAsync();

        var records = logs.GetSnapshot();
        Assert.Single(records, l => l.Id.Id == 7020 && l.Message.Contains("gpu-a", StringComparison.Ordinal));
        Assert.Single(records, l => l.Id.Id == 7021 && l.Message.Contains("gpu-a", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stopping_the_host_cancels_a_metrics_read_in_flight_and_no_read_follows()
    {
        int reads = 0;
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", async (HttpContext context) =>
            {
                if (Interlocked.Increment(ref reads) >= 3)
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted); // an engine that stops answering
                }

                return Results.Text(VllmMetrics(0, 0.1), "text/plain");
            });
        });
        using IHost host = HostingFixture.BuildHost(Json(engine, engine).Replace("\"ProbeTimeout\": \"00:00:05\"", "\"ProbeTimeout\": \"00:05:00\"", StringComparison.Ordinal));
        await host.StartAsync();
        await Eventually.HoldsAsync(() => Volatile.Read(ref reads), n => n >= 4, "reads hanging in flight");

        Task stop = host.StopAsync();
        Task finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(30)));
        int afterStop = engine.Requests.Count(r => r.PathAndQuery == "/metrics");
        await Task.Delay(TimeSpan.FromMilliseconds(500)); // ten load intervals

        Assert.Same(stop, finished);
        await stop;
        Assert.Equal(afterStop, engine.Requests.Count(r => r.PathAndQuery == "/metrics"));
    }

    [Fact]
    public async Task A_non_positive_load_interval_stops_the_host_naming_the_key()
    {
        await using LoopbackServer engine = await StartVllmAsync(() => VllmMetrics(0, 0.1));
        using IHost host = HostingFixture.BuildHost(Json(engine, engine, "\"LoadInterval\": \"00:00:00\""));

        var e = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Inference:Monitoring:LoadInterval", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_engines_with_metrics_that_we_address_directly_are_read()
    {
        Assert.True(EngineLoadMonitor.Applies(new InferenceTargetOptions { Engine = EngineKind.LlamaCpp, Endpoint = "http://127.0.0.1:8080" }));
        Assert.True(EngineLoadMonitor.Applies(new InferenceTargetOptions { Engine = EngineKind.TensorRtLlm, Endpoint = "http://127.0.0.1:8000", Tier = TargetTier.CloudPod }));
        Assert.False(EngineLoadMonitor.Applies(new InferenceTargetOptions { Engine = EngineKind.Ollama, Endpoint = "http://127.0.0.1:11434" }));
        Assert.False(EngineLoadMonitor.Applies(new InferenceTargetOptions { Endpoint = "https://api.example.com/v1", Tier = TargetTier.HostedApi }));
        Assert.False(EngineLoadMonitor.Applies(new InferenceTargetOptions { Engine = EngineKind.Vllm, Endpoint = "https://api.runpod.ai/v2/ep/openai/v1", Tier = TargetTier.Serverless }));
    }

    [Fact]
    public async Task The_engine_version_read_from_the_metrics_is_in_the_health_data()
    {
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", () => Fixtures.Answer("vllm/metrics-v0.prom", contentType: "text/plain; version=0.0.4"));
        });
        using IHost host = HostingFixture.BuildHost(
            $$"""
            { "Inference": { "Profile": "Development", "ProbeInterval": "00:01:00", "ProbeTimeout": "00:00:05", "Monitoring": { "LoadInterval": "00:00:00.05" },
              "Targets": { "old-vllm": { "Engine": "Vllm", "Endpoint": "{{engine.BaseAddress}}", "Model": "{{ModelIds.Llama31_8B}}" } } } }
            """,
            services: s => s.AddHealthChecks().AddInferenceHealthChecks());
        await host.StartAsync();
        HybridRouterChatClient router = host.Services.GetRequiredService<HybridRouterChatClient>();

        await Eventually.HoldsAsync(() => router.Board("old-vllm").EngineMetrics, set => set is not null, "a metrics read");
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        await host.StopAsync();

        Assert.Equal("vllm < 0.9 (V0 engine)", report.Entries["inference:old-vllm"].Data["engine_metrics"]);
    }
}
