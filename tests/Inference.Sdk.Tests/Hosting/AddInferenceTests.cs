using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>What AddInference registers, exercised against a real loopback engine.</summary>
public sealed class AddInferenceTests
{
    [Fact]
    public async Task Each_configured_target_is_a_keyed_chat_client_that_reaches_its_engine()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json(
            $"\"edge\": {{ \"Engine\": \"LlamaCpp\", \"Endpoint\": \"{engine.BaseAddress}\", \"Model\": \"{ModelIds.Llama31_8B}\", \"ApiKey\": \"sk-secret\" }}"));
        await host.StartAsync();

        IChatClient edge = host.Services.GetRequiredKeyedService<IChatClient>("edge");
        ChatResponse response = await edge.GetResponseAsync("hi");
        await host.StopAsync();

        Assert.Equal("hello from the engine", response.Text);
        EngineChatClient adapter = Assert.IsType<EngineChatClient>(edge.GetService(typeof(EngineChatClient)));
        Assert.Equal(EngineKind.LlamaCpp, adapter.Profile.Engine);
        Assert.Equal("edge", adapter.TargetName);
        RecordedRequest chat = Assert.Single(engine.Requests, r => r.Method == "POST");
        Assert.Equal("/v1/chat/completions", chat.PathAndQuery);
        Assert.Equal("Bearer sk-secret", chat.Headers["Authorization"]);
        Assert.Contains(ModelIds.Llama31_8B, chat.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fluent_registration_is_equivalent_and_user_middleware_runs_in_the_default_pipeline()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        int seen = 0;
        InferenceBuilder inference = builder.Services.AddInference(b => b
            .Configure(o => o.Profile = DeploymentProfile.Development)
            .AddTarget("edge", t =>
            {
                t.Engine = EngineKind.Vllm;
                t.Endpoint = engine.BaseAddress.ToString();
                t.Model = ModelIds.Qwen35_35B_A3B;
            }));
        inference.ChatClient.Use(async (messages, options, next, cancellationToken) =>
        {
            Interlocked.Increment(ref seen);
            await next(messages, options, cancellationToken);
        });
        using IHost host = builder.Build();
        await host.StartAsync();

        ChatResponse response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("hi");
        await host.StopAsync();

        Assert.Equal("hello from the engine", response.Text);
        Assert.Equal(1, seen);
        Assert.Equal(["edge"], inference.TargetNames);
        Assert.Same(inference.Target("edge"), inference.Target("EDGE"));
        Assert.Throws<KeyNotFoundException>(() => inference.Target("cloud"));
    }

    [Fact]
    public async Task The_default_client_is_the_router_and_each_target_pipeline_meters_cost_into_the_ledger()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json(
            $"\"cloud\": {{ \"Tier\": \"HostedApi\", \"Endpoint\": \"{engine.BaseAddress}v1\", \"Model\": \"gpt-4o-mini\", " +
            "\"InputUsdPerMillionTokens\": 1000, \"OutputUsdPerMillionTokens\": 2000 }"));
        await host.StartAsync();

        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        ChatResponse response = await client.GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "acme" } });
        ICostLedger ledger = host.Services.GetRequiredService<ICostLedger>();
        CostTotals tenant = ledger.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, DateTimeOffset.UtcNow);
        await host.StopAsync();

        Assert.NotNull(client.GetService(typeof(Inference.Sdk.Routing.HybridRouterChatClient)));
        Assert.Equal("hello from the engine", response.Text);
        // 5 prompt tokens at $1,000/M + 4 output tokens at $2,000/M, as the engine reported them
        Assert.Equal(0.013m, tenant.Usd);
        Assert.Equal(1, tenant.Requests);
    }

    [Fact]
    public async Task Route_observers_registered_in_the_service_collection_hear_every_request_end_with_its_cost()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        var seen = new List<RouteDecision>();
        using IHost host = HostingFixture.BuildHost(
            HostingFixture.Json(
                $"\"cloud\": {{ \"Tier\": \"HostedApi\", \"Endpoint\": \"{engine.BaseAddress}v1\", \"Model\": \"gpt-4o-mini\", " +
                "\"InputUsdPerMillionTokens\": 1000, \"OutputUsdPerMillionTokens\": 2000 }"),
            services: s => s.AddSingleton<IRouteObserver>(new Observer(seen)));
        await host.StartAsync();

        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        await client.GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "acme" } });
        await Assert.ThrowsAsync<RouteRefusedException>(() => client.GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.ForceTarget] = "nowhere" } }));
        await host.StopAsync();

        Assert.Equal([RouteOutcome.Served, RouteOutcome.Refused], seen.Select(d => d.Outcome));
        Assert.Equal(("cloud", "acme", 0.013m), (seen[0].ServedBy, seen[0].Tenant, seen[0].Cost!.Usd)); // the meter's price, as the ledger has it
        Assert.Equal("cloud", Assert.Single(seen[0].Attempts).Target);
        Assert.Null(seen[1].Cost);
    }

    [Fact]
    public async Task Health_checks_report_each_target_and_the_monitor_records_them()
    {
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        using IHost host = HostingFixture.BuildHost(
            HostingFixture.Json(
                $"\"edge\": {{ \"Engine\": \"Vllm\", \"Endpoint\": \"{engine.BaseAddress}\", \"Model\": \"{ModelIds.Llama31_8B}\" }}, " +
                $"\"down\": {{ \"Engine\": \"Vllm\", \"Endpoint\": \"http://127.0.0.1:9\", \"Model\": \"{ModelIds.Llama31_8B}\" }}"),
            services: s => s.AddHealthChecks().AddInferenceHealthChecks());
        await host.StartAsync();

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HybridRouterChatClient router = host.Services.GetRequiredService<HybridRouterChatClient>();
        await host.StopAsync();

        Assert.True(report.Entries["inference:edge"].Status == HealthStatus.Healthy, report.Entries["inference:edge"].Description);
        Assert.Equal(HealthStatus.Degraded, report.Entries["inference:down"].Status);
        Assert.Contains(engine.Requests, r => r.Method == "GET" && r.PathAndQuery == "/health");
        Assert.True(router.Board("edge").LastProbe!.Healthy);
        Assert.False(router.Board("down").LastProbe!.Healthy);
    }

    [Fact]
    public void Health_checks_need_AddInference_first()
    {
        var services = new ServiceCollection();

        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => services.AddHealthChecks().AddInferenceHealthChecks());

        Assert.Contains("AddInference", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_are_checked_at_the_public_boundary()
    {
        var services = new ServiceCollection();

        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddInference((Microsoft.Extensions.Configuration.IConfiguration)null!)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddInference((Action<InferenceBuilder>)null!)).ParamName);
        Assert.Equal("name", Assert.ThrowsAny<ArgumentException>(() => services.AddInference(b => b.AddTarget(" ", _ => { }))).ParamName);
    }

    private sealed class Observer(List<RouteDecision> seen) : IRouteObserver
    {
        public void OnCompleted(RouteDecision decision) => seen.Add(decision);
    }
}
