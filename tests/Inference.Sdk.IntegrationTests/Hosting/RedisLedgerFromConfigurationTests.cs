using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Costs;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Inference.Sdk.IntegrationTests.Hosting;

/// <summary>
/// <c>Inference:Ledger</c> with a real Redis, end to end: two hosts configured only from appsettings JSON and environment variables
/// (the connection string from the environment, as a secret should be), requests metered by one, totals in Redis, seen by the other.
/// </summary>
public sealed class RedisLedgerFromConfigurationTests
{
    private const string Completion =
        """{"id":"chatcmpl-1","object":"chat.completion","created":1750000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":4,"total_tokens":9}}""";

    [Fact]
    public async Task Requests_metered_by_one_host_are_totalled_in_Redis_and_seen_by_a_second_host()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using LoopbackServer engine = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/health", () => Results.Ok());
            app.MapPost("/v1/chat/completions", async (HttpContext context) =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Completion));
            });
        });

        // Environment variables with a prefix of this test's own, so that parallel tests do not see them.
        string environmentPrefix = $"LEDGER_TEST_{Guid.NewGuid():N}_";
        string keyPrefix = $"test:{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(environmentPrefix + "Inference__Ledger__RedisConnectionString", $"127.0.0.1:{redis.Port},abortConnect=false");
        Environment.SetEnvironmentVariable(environmentPrefix + "Inference__Ledger__KeyPrefix", keyPrefix);
        string json = $$"""
            {
              "Inference": {
                "Profile": "Development",
                "ProbeInterval": "00:01:00",
                "ProbeTimeout": "00:00:30",
                "Targets": {
                  "edge": { "Engine": "Vllm", "Endpoint": "{{engine.BaseAddress}}", "Model": "Qwen/Qwen3.5-35B-A3B", "InputUsdPerMillionTokens": 1000, "OutputUsdPerMillionTokens": 2000 }
                }
              }
            }
            """;
        try
        {
            using IHost first = BuildHost(json, environmentPrefix);
            using IHost second = BuildHost(json, environmentPrefix);
            await first.StartAsync();
            await second.StartAsync();

            IChatClient chat = first.Services.GetRequiredService<IChatClient>();
            var options = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "acme" } };
            _ = await chat.GetResponseAsync("hello", options);
            _ = await chat.GetResponseAsync("hello again", options);

            // 2 × (5 input tokens at $1,000/M + 4 output tokens at $2,000/M) = 2 × $0.013.
            var written = Assert.IsType<RedisCostLedger>(first.Services.GetRequiredService<ICostLedger>());
            Assert.True(await written.FlushAsync());
            await using ConnectionMultiplexer client = await ConnectionMultiplexer.ConnectAsync(redis.ClientOptions());
            Assert.NotEmpty(client.GetServer(client.GetEndPoints().Single()).Keys(pattern: "{" + keyPrefix + "}*"));

            var read = Assert.IsType<RedisCostLedger>(second.Services.GetRequiredService<ICostLedger>());
            DateTimeOffset now = DateTimeOffset.UtcNow;
            // A bucket the second host has not asked about is unknown until its next refresh.
            Assert.Equal(CostTotals.Zero, read.GetTotals(CostDimension.Tenant, "acme", CostWindow.Month, now));
            Assert.Equal(CostTotals.Zero, read.GetTotals(CostDimension.Target, "edge", CostWindow.Day, now));
            Assert.True(await read.RefreshAsync());
            Assert.Equal(new CostTotals(0.026m, 10, 8, 2, 0), read.GetTotals(CostDimension.Tenant, "acme", CostWindow.Month, now));
            Assert.Equal(0.026m, read.GetTotals(CostDimension.Target, "edge", CostWindow.Day, now).Usd);
            Assert.Equal(0.026m, read.GetTotals(CostDimension.Global, null, CostWindow.Month, now).Usd);

            await second.StopAsync();
            await first.StopAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable(environmentPrefix + "Inference__Ledger__RedisConnectionString", null);
            Environment.SetEnvironmentVariable(environmentPrefix + "Inference__Ledger__KeyPrefix", null);
        }
    }

    private static IHost BuildHost(string json, string environmentPrefix)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Configuration.AddEnvironmentVariables(environmentPrefix);
        builder.Services.AddInference(builder.Configuration.GetSection("Inference"));
        return builder.Build();
    }
}
