using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.IntegrationTests.Reliability;

/// <summary>
/// The production shape under test: a router over an edge engine (vLLM protocol) and two hosted OpenAI-compatible targets,
/// each target an <see cref="EngineChatClient"/> with the cost meter and M.E.AI logging inside, one in-memory ledger.
/// </summary>
internal sealed class FaultRouter : IDisposable
{
    public const string Key = "sk-live-RELIABILITY-7f3a9c1e5b2d4f6a8c0e";

    public static readonly PerTokenPricing EdgePrice = new(0.1m, 0.2m, "test", new DateOnly(2026, 1, 1));
    public static readonly PerTokenPricing CloudAPrice = new(1m, 2m, "test", new DateOnly(2026, 1, 1));
    public static readonly PerTokenPricing CloudBPrice = new(3m, 6m, "test", new DateOnly(2026, 1, 1));

    public FaultRouter(Uri edge, Uri cloudA, Uri cloudB, Capture? capture = null, HybridRouterOptions? options = null, TimeSpan? requestTimeout = null, decimal edgeUsdPerMillion = 0m,
        TimeProvider? time = null, TimeSpan? edgeFirstTokenTimeout = null, string edgeModel = Faults.Model,
        EngineKind edgeEngine = EngineKind.Vllm, int? edgeMaxConcurrency = null, HttpClient? edgeHttp = null)
    {
        ILoggerFactory? logs = capture?.LoggerFactory;
        var targets = new List<RouteTarget>
        {
            new("edge", Target(edgeEngine, edge, "edge", EdgePrice, ProviderKind.Local, TargetTier.Edge, logs, requestTimeout, edgeModel, edgeHttp), TargetTier.Edge, 8192)
            { FirstTokenTimeout = edgeFirstTokenTimeout, MaxConcurrency = edgeMaxConcurrency, ExpectedCostUsd = (i, o) => (i + o) * edgeUsdPerMillion / 1_000_000m },
            new("cloud-a", Target(EngineKind.OpenAICompatible, new Uri(cloudA, "v1"), "cloud-a", CloudAPrice, ProviderKind.OpenAICompatible, TargetTier.HostedApi, logs, requestTimeout), TargetTier.HostedApi, 131072)
            { ExpectedCostUsd = (i, o) => (i * 1m + o * 2m) / 1_000_000m },
            new("cloud-b", Target(EngineKind.OpenAICompatible, new Uri(cloudB, "v1"), "cloud-b", CloudBPrice, ProviderKind.OpenAICompatible, TargetTier.HostedApi, logs, requestTimeout), TargetTier.HostedApi, 131072)
            { ExpectedCostUsd = (i, o) => (i * 3m + o * 6m) / 1_000_000m },
        };
        Router = new HybridRouterChatClient(targets, options, logger: logs?.CreateLogger<HybridRouterChatClient>(), timeProvider: time);
    }

    public InMemoryCostLedger Ledger { get; } = new();

    public HybridRouterChatClient Router { get; }

    public CostTotals Totals(string target) => Ledger.GetTotals(CostDimension.Target, target, CostWindow.Day, DateTimeOffset.UtcNow);

    public CostTotals Global => Ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow);

    public void Dispose() => Router.Dispose();

    /// <summary>Calls a router once, streaming or not, and returns the text and the route decision it attached.</summary>
    public static async Task<(string Text, RouteDecision Decision)> CallAsync(IChatClient router, IEnumerable<ChatMessage> messages, bool streaming, ChatOptions? options = null)
    {
        if (!streaming)
        {
            var response = await router.GetResponseAsync(messages, options);
            return (response.Text, (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!);
        }

        var updates = await router.GetStreamingResponseAsync(messages, options).ToListAsync();
        var decision = updates.Select(u => u.AdditionalProperties).First(p => p?.ContainsKey(InferencePropertyNames.RouteDecision) == true)![InferencePropertyNames.RouteDecision];
        return (string.Concat(updates.Select(u => u.Text)), (RouteDecision)decision!);
    }

    private IChatClient Target(EngineKind engine, Uri endpoint, string name, PricingModel price, ProviderKind provider, TargetTier tier, ILoggerFactory? logs, TimeSpan? timeout, string model = Faults.Model, HttpClient? http = null)
    {
        IChatClient engineClient = EngineChatClient.Create(engine, endpoint, model, new EngineClientOptions
        {
            ApiKey = Key,
            HttpClient = http,
            TargetName = name,
            RequestTimeout = timeout ?? TimeSpan.FromSeconds(20),
        });
        var builder = engineClient.AsBuilder();
        if (logs is not null)
        {
            builder.UseLogging(logs);
        }

        return builder.UseCostMeter(new MeteredTarget(name, price, provider, tier, model), Ledger).Build();
    }
}
