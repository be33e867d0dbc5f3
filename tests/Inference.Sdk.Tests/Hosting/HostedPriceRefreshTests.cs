using System;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Testing;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>
/// Hosted list prices refreshed at run time (<c>Inference:Monitoring:HostedPricesUrl</c>): a hosted target priced from the shipped
/// table (LiteLLM @273932c, 2026-03-06) is repriced from the copy the URL serves (LiteLLM @be9f2e0, 2025-11-21, whose
/// deepseek-chat prices differ), in the meter and the router alike; typed prices never move.
/// </summary>
public sealed class HostedPriceRefreshTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task A_refreshed_table_reprices_the_meter_and_the_router_and_leaves_typed_prices_alone()
    {
        bool served = false;
        await using LoopbackServer api = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/models", () => Results.Ok());
            app.MapPost("/v1/chat/completions", () => Results.Text(HostingFixture.Completion, "application/json"));
            app.MapGet("/prices.json", () => served ? Fixtures.Answer("litellm/prices-2025-11-21-deepseek.json") : Results.StatusCode(503));
        });
        var logs = new FakeLogCollector();
        string json = $$"""
            { "Inference": { "Profile": "Development", "ProbeInterval": "00:01:00",
              "Monitoring": { "PriceRefreshInterval": "00:00:00.1", "HostedPricesUrl": "{{api.BaseAddress}}prices.json" },
              "Targets": {
                "deepseek": { "Endpoint": "{{api.BaseAddress}}v1", "Model": "deepseek-chat", "Tier": "HostedApi" },
                "typed": { "Endpoint": "{{api.BaseAddress}}v1", "Model": "deepseek-chat", "Tier": "HostedApi", "InputUsdPerMillionTokens": 1, "OutputUsdPerMillionTokens": 2 } } } }
            """;
        using IHost host = HostingFixture.BuildHost(json, logs);
        await host.StartAsync();
        var router = host.Services.GetRequiredService<HybridRouterChatClient>();
        IChatClient deepseek = host.Services.GetRequiredKeyedService<IChatClient>("deepseek");
        var force = new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.ForceTarget] = "deepseek" } };

        // The URL fails first: the shipped prices stay, and the failure is said.
        await Eventually.HoldsAsync(() => logs.GetSnapshot(), l => l.Any(r => r.Message.Contains("could not be read", StringComparison.Ordinal)), "the failed read logged");
        RequestCost shipped = Cost(await deepseek.GetResponseAsync(Hi));
        decimal? expectedBefore = router.Plan(Hi, force).EstimatedCostUsd;
        served = true;
        await Eventually.HoldsAsync(() => logs.GetSnapshot(), l => l.Any(r => r.Message.StartsWith("List price of target deepseek is now", StringComparison.Ordinal)), "the reprice logged");
        RequestCost refreshed = Cost(await deepseek.GetResponseAsync(Hi));
        RouteDecision after = router.Plan(Hi, force);
        RequestCost typed = Cost(await host.Services.GetRequiredKeyedService<IChatClient>("typed").GetResponseAsync(Hi));
        await host.StopAsync();

        // 5 prompt and 4 output tokens (the loopback's usage): shipped $0.28 / $0.42, refreshed $0.60 / $1.70 per million.
        Assert.Equal((5 * 0.28m + 4 * 0.42m) / 1_000_000m, shipped.Usd);
        Assert.Equal((5 * 0.60m + 4 * 1.70m) / 1_000_000m, refreshed.Usd);
        Assert.NotEqual(expectedBefore, after.EstimatedCostUsd);
        Assert.Equal(after.PromptTokens * 0.60m / 1_000_000m + after.OutputTokens * 1.70m / 1_000_000m, after.EstimatedCostUsd);
        Assert.Equal((5 * 1m + 4 * 2m) / 1_000_000m, typed.Usd);
        Assert.Single(logs.GetSnapshot(), r => r.Message.StartsWith("List price of target", StringComparison.Ordinal)); // the typed target never moves; one change, logged once
        Assert.Equal(0.60m, host.Services.GetRequiredService<Inference.Sdk.Hosting.InferenceTargetPricing>().Get("deepseek") is PerTokenPricing p ? p.InputUsdPerMillionTokens : 0m);
    }

    private static RequestCost Cost(ChatResponse response) => Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
}
