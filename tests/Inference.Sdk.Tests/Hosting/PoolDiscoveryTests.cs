using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>
/// Pools whose replicas service discovery resolves (Microsoft.Extensions.ServiceDiscovery's configuration provider, as Aspire
/// writes <c>Services:vllm:http:0</c>), the list changing while the host runs; and replicas whose engine exposes no metrics.
/// </summary>
public sealed class PoolDiscoveryTests
{
    [Fact]
    public async Task A_service_pool_follows_the_resolved_list_while_running_keeping_the_replicas_that_stay()
    {
        await using LoopbackServer a = await HostingFixture.StartEngineAsync();
        await using LoopbackServer b = await HostingFixture.StartEngineAsync();
        await using LoopbackServer c = await HostingFixture.StartEngineAsync();
        var services = new ReloadableSource(new Dictionary<string, string?>
        {
            ["Services:vllm:http:0"] = a.BaseAddress.AbsoluteUri,
            ["Services:vllm:http:1"] = b.BaseAddress.AbsoluteUri,
        });
        var logs = new FakeLogCollector();
        using IHost host = BuildHost(
            "\"pool\": { \"Engine\": \"LlamaCpp\", \"Service\": \"https+http://vllm\", \"Model\": \"m\" }",
            services,
            logs);
        await host.StartAsync();
        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        EndpointPoolChatClient pool = PoolOf(host, "pool");

        ChatResponse first = await client.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("hello from the engine", first.Text);
        Assert.Equal([Authority(a), Authority(b)], pool.Endpoints.Select(e => e.Address.Authority));
        PoolEndpoint kept = pool.Endpoints[1];

        // A leaves, C joins: the configuration provider's change token wakes the monitor, no probe interval (a minute here) passes.
        services.Replace(new Dictionary<string, string?>
        {
            ["Services:vllm:http:0"] = b.BaseAddress.AbsoluteUri,
            ["Services:vllm:http:1"] = c.BaseAddress.AbsoluteUri,
        });
        await WaitUntilAsync(() => pool.Endpoints.Select(e => e.Address.Authority).SequenceEqual([Authority(b), Authority(c)]));

        Assert.Same(kept, pool.Endpoints[0]); // B keeps its board and prefix memory
        Assert.Equal(0, pool.Endpoints[1].Prefixes.Count); // C joins with no prefix history
        for (int i = 0; i < 4; i++)
        {
            ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, $"question {i}")]);
            var endpoint = Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]).Endpoint!;
            Assert.NotEqual(Authority(a), endpoint.Endpoint.Authority);
        }

        // The load monitor reads the replicas as they are now: C's /metrics (404 here) was read after it joined.
        await WaitUntilAsync(() => logs.GetSnapshot().Any(r => r.Id.Id == 7024 && r.Message.Contains(Authority(c), StringComparison.Ordinal)));
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 7060 && r.Message.Contains(Authority(c), StringComparison.Ordinal));
        Assert.Contains(logs.GetSnapshot(), r => r.Id.Id == 7061 && r.Message.Contains(Authority(a), StringComparison.Ordinal));
        await host.StopAsync();
    }

    [Fact]
    public async Task A_service_that_resolves_nothing_fails_like_an_unavailable_target_and_says_why()
    {
        using IHost host = BuildHost(
            "\"pool\": { \"Engine\": \"Vllm\", \"Service\": \"_http.nowhere\", \"Model\": \"m\" }",
            new ReloadableSource(new Dictionary<string, string?> { ["Services:nowhere:https:0"] = "https://10.0.0.1:8000" }),
            new FakeLogCollector());
        await host.StartAsync();

        EndpointPoolChatClient pool = PoolOf(host, "pool");
        TargetUnavailableException e = await Assert.ThrowsAsync<TargetUnavailableException>(() => pool.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Empty(pool.Endpoints); // the service lists only an https endpoint; _http.nowhere asks for its http one
        Assert.Contains("its service resolved none", e.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_replica_without_metrics_stays_in_the_pool_with_a_hint_while_one_whose_metrics_fail_is_kept_out()
    {
        // llama-server without --metrics answers 404 at /metrics; a replica whose metrics answer 500 is failing.
        await using LoopbackServer plain = await HostingFixture.StartEngineAsync();
        await using LoopbackServer failing = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", () => Results.StatusCode(500));
        });
        var logs = new FakeLogCollector();
        using IHost host = BuildHost(
            $"\"pool\": {{ \"Engine\": \"LlamaCpp\", \"Endpoints\": [\"{plain.BaseAddress}\", \"{failing.BaseAddress}\", \"http://127.0.0.1:9\"], \"Model\": \"m\" }}",
            new ReloadableSource([]),
            logs);
        await host.StartAsync();
        EndpointPoolChatClient pool = PoolOf(host, "pool");

        await WaitUntilAsync(() => logs.GetSnapshot().Count(r => r.Id.Id == 7020) == 2 && logs.GetSnapshot().Any(r => r.Id.Id == 7024));
        await WaitUntilAsync(() => plain.Requests.Count(r => r.PathAndQuery == "/metrics") >= 3); // several passes: the hint is logged once

        Assert.True(pool.Endpoints[0].Board.Snapshot().Healthy);
        Assert.False(pool.Endpoints[1].Board.Snapshot().Healthy); // a 5xx counts against it
        Assert.False(pool.Endpoints[2].Board.Snapshot().Healthy); // so does a refused connection
        FakeLogRecord hint = Assert.Single(logs.GetSnapshot(), r => r.Id.Id == 7024);
        Assert.Contains("start llama-server with --metrics", hint.Message, StringComparison.Ordinal);
        Assert.Contains(Authority(plain), hint.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Id.Id == 7020 && r.Message.Contains(Authority(plain), StringComparison.Ordinal));
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal("hello from the engine", (await pool.GetResponseAsync([new ChatMessage(ChatRole.User, $"q{i}")])).Text);
        }

        await host.StopAsync();
    }

    [Fact]
    public async Task The_ledger_counts_each_replica_under_its_endpoint_and_the_plan_names_the_replica_it_would_pick()
    {
        await using LoopbackServer a = await HostingFixture.StartEngineAsync();
        await using LoopbackServer b = await HostingFixture.StartEngineAsync();
        using IHost host = BuildHost(
            $"\"pool\": {{ \"Engine\": \"Vllm\", \"Endpoints\": [\"{a.BaseAddress}\", \"{b.BaseAddress}\"], \"Model\": \"m\", \"UsdPerGpuHour\": 2 }}",
            new ReloadableSource([]),
            new FakeLogCollector());
        await host.StartAsync();
        HybridRouterChatClient router = host.Services.GetRequiredService<HybridRouterChatClient>();
        EndpointPoolChatClient pool = PoolOf(host, "pool");

        // Plan-only: the replica it would pick and why, with nothing sent, counted in flight or remembered.
        RouteDecision plan = router.Plan([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi")]);
        Assert.Equal("pool", plan.Target);
        Assert.Equal(EndpointPickBasis.Load, plan.Endpoint!.Basis);
        Assert.Equal(0, plan.Endpoint.Attempt);
        Assert.Contains(plan.Endpoint.Endpoint.Authority, new[] { Authority(a), Authority(b) });
        Assert.All(pool.Endpoints, e => Assert.Equal((0, 0), (e.Board.Snapshot().InFlight, e.Prefixes.Count)));
        Assert.Empty(a.Requests.Where(r => r.Method == "POST").Concat(b.Requests.Where(r => r.Method == "POST")));

        for (int i = 0; i < 4; i++)
        {
            _ = await router.GetResponseAsync([new ChatMessage(ChatRole.User, $"question {i}")]);
        }

        var ledger = host.Services.GetRequiredService<Inference.Sdk.Costs.ICostLedger>();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        IReadOnlyDictionary<string, Inference.Sdk.Costs.CostTotals> byEndpoint = ledger.GetBreakdown(Inference.Sdk.Costs.CostDimension.Endpoint, Inference.Sdk.Costs.CostWindow.Month, now);
        Inference.Sdk.Costs.CostTotals target = ledger.GetTotals(Inference.Sdk.Costs.CostDimension.Target, "pool", Inference.Sdk.Costs.CostWindow.Month, now);
        int served(LoopbackServer s) => s.Requests.Count(r => r.Method == "POST");

        Assert.Equal(new[] { "pool@" + Authority(a), "pool@" + Authority(b) }.Order(StringComparer.Ordinal), byEndpoint.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, target.Requests);
        Assert.Equal(served(a), byEndpoint["pool@" + Authority(a)].Requests);
        Assert.Equal(served(b), byEndpoint["pool@" + Authority(b)].Requests);
        Assert.Equal(target.Usd, byEndpoint.Values.Sum(t => t.Usd));
        Assert.Equal(target.InputTokens, byEndpoint.Values.Sum(t => t.InputTokens));
        await host.StopAsync();
    }

    private static string Authority(LoopbackServer server) => server.BaseAddress.Authority;

    private static EndpointPoolChatClient PoolOf(IHost host, string target) =>
        (EndpointPoolChatClient)host.Services.GetRequiredService<HybridRouterChatClient>().Board(target).Target.Client.GetService(typeof(EndpointPoolChatClient))!;

    private static IHost BuildHost(string targets, ReloadableSource services, FakeLogCollector logs)
    {
        string json = $$"""{ "Inference": { "Profile": "Development", "ProbeInterval": "00:01:00", "ProbeTimeout": "00:00:30", "Monitoring": { "LoadInterval": "00:00:00.100" }, "Targets": { {{targets}} } } }""";
        return HostingFixture.BuildHost(json, logs, configuration: services);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), "the condition did not hold within 10 s");
    }

    /// <summary>An in-memory configuration source whose whole content can be replaced, signalling a reload as a file provider does.</summary>
    private sealed class ReloadableSource(Dictionary<string, string?> initial) : ConfigurationProvider, IConfigurationSource
    {
        public override void Load() => Data = new Dictionary<string, string?>(initial, StringComparer.OrdinalIgnoreCase);

        public void Replace(Dictionary<string, string?> values)
        {
            initial = values;
            Load();
            OnReload();
        }

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
    }
}
