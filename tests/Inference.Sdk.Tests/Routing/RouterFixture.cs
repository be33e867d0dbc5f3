using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Routing;

/// <summary>Builds routers over fake targets: "edge" (Edge, 8K, free), "cloud" (CloudPod, 128K), "api" (HostedApi, 128K).</summary>
internal static class RouterFixture
{
    public static RouteTarget Edge(string name = "edge", int window = 8192, IChatClient? client = null) =>
        new(name, client ?? new FakeChatClient(name), TargetTier.Edge, window) { ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m };

    public static RouteTarget Cloud(string name = "cloud", int window = 131072, IChatClient? client = null, decimal perMillion = 0.2m) =>
        new(name, client ?? new FakeChatClient(name), TargetTier.CloudPod, window)
        {
            ModelId = "meta-llama/Llama-3.3-70B-Instruct",
            ExpectedCostUsd = (input, output) => (input + output) * perMillion / 1_000_000m,
        };

    public static HybridRouterChatClient Router(
        IEnumerable<RouteTarget> targets, Action<HybridRouterOptions>? configure = null, IBudgetTracker? budgets = null, IConfidenceJudge? judge = null)
    {
        var options = new HybridRouterOptions();
        configure?.Invoke(options);
        return new HybridRouterChatClient(targets, options, budgetTracker: budgets, confidenceJudge: judge);
    }

    public static List<ChatMessage> Ask(string text) => [new ChatMessage(ChatRole.User, text)];

    public static ChatOptions Hints(params (string Key, object Value)[] hints)
    {
        var options = new ChatOptions { AdditionalProperties = [] };
        foreach (var (key, value) in hints)
        {
            options.AdditionalProperties[key] = value;
        }

        return options;
    }

    /// <summary>A prompt of about <paramref name="tokens"/> tokens of plain prose (no PII, no task markers).</summary>
    public static string Prose(int tokens) => string.Concat(Enumerable.Repeat("the quiet river runs past the old mill ", (tokens / 8) + 1));

    public sealed class FixedBudget(BudgetStatus status) : IBudgetTracker
    {
        public string? LastTenant { get; private set; }

        public BudgetStatus GetStatus(string? tenant)
        {
            LastTenant = tenant;
            return status;
        }
    }
}
