using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>The health probe of a replica pool: every replica's health route, each verdict on the replica's own board.</summary>
public sealed class PoolHealthTests
{
    [Fact]
    public async Task A_pool_is_healthy_while_any_replica_is_and_each_replica_keeps_its_own_verdict()
    {
        // The live replica answers /health and /metrics (vLLM's own exposition, an upstream fixture): the load monitor reads every
        // replica at start too, and a replica whose metrics cannot be read is kept out of the pool, so a replica without /metrics
        // would race the health verdicts asserted here.
        await using LoopbackServer up = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapGet("/metrics", () => Results.Text(Fixtures.Text("vllm/metrics-v0.prom"), "text/plain; version=0.0.4"));
        });
        using IHost host = HostingFixture.BuildHost(
            HostingFixture.Json(
                $"\"pool\": {{ \"Engine\": \"Vllm\", \"Endpoints\": [\"{up.BaseAddress}\", \"http://127.0.0.1:9\"], \"Model\": \"{ModelIds.Llama31_8B}\" }}, " +
                $"\"dead-pool\": {{ \"Engine\": \"Vllm\", \"Endpoints\": [\"http://127.0.0.1:9\", \"http://127.0.0.1:7\"], \"Model\": \"{ModelIds.Llama31_8B}\" }}"),
            services: s => s.AddHealthChecks().AddInferenceHealthChecks());
        await host.StartAsync();

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HealthReport again = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        HybridRouterChatClient router = host.Services.GetRequiredService<HybridRouterChatClient>();
        var pool = (EndpointPoolChatClient)router.Board("pool").Target.Client.GetService(typeof(EndpointPoolChatClient))!;
        await host.StopAsync();

        HealthReportEntry entry = report.Entries["inference:pool"];
        Assert.True(entry.Status == HealthStatus.Healthy, entry.Description);
        Assert.StartsWith("1 of 2 endpoints healthy; 127.0.0.1:9: GET /health failed", entry.Description, System.StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Degraded, report.Entries["inference:dead-pool"].Status);
        Assert.StartsWith("0 of 2 endpoints healthy", report.Entries["inference:dead-pool"].Description, System.StringComparison.Ordinal);
        Assert.True(pool.Endpoints[0].Board.LastProbe!.Healthy);
        Assert.False(pool.Endpoints[1].Board.LastProbe!.Healthy);

        // Two failed probes in a row keep the dead replica out of the pool; the live one stays in.
        Assert.Equal(HealthStatus.Healthy, again.Entries["inference:pool"].Status);
        Assert.True(pool.Endpoints[0].Board.Healthy);
        Assert.False(pool.Endpoints[1].Board.Healthy);
        Assert.True(router.Board("pool").Healthy);
        Assert.False(router.Board("dead-pool").Healthy);
    }
}
