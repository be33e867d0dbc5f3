using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Routing;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Microsoft Agent Framework's <see cref="ChatClientAgent"/> over <c>AddInference</c>, on two real llama.cpp servers
/// (<c>--jinja</c>, the tool-traffic model): the turns of its tool loop stay on one target and are metered once each, and
/// when that target dies between the tool call and the next turn, the turn fails over with the tool messages intact and
/// nothing that already reached the agent is sent again.
/// </summary>
public sealed class AgentTrafficLlamaCppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_ChatClientAgent_tool_loop_stays_on_one_target_and_each_turn_is_metered_once()
    {
        await using var a = await LlamaServer.StartToolModelAsync();
        await using var b = await LlamaServer.StartToolModelAsync();
        using var host = await ToolTrafficLlamaCppTests.StartAsync(("a", a), ("b", b));
        var spy = new TurnSpy(host.Services.GetRequiredService<IChatClient>());
        var calls = new List<string>();
        var agent = new ChatClientAgent(spy, instructions: "You answer weather questions with the get_weather tool.", tools: [Weather(calls)]);

        var response = await agent.RunAsync("What is the weather in Boston?", options: Required()).WaitAsync(Timeout);

        Assert.Single(calls);
        Assert.Equal("Done", response.Messages[^1].Text); // the answer after the tool result (the first turn said "Done" before its call)
        Assert.Equal(["a", "a"], spy.Decisions.Select(d => d.ServedBy));
        Assert.Contains("conversation stays on 'a', which served its previous turn", spy.Decisions[1].Reasons);
        var ledger = host.Services.GetRequiredService<ICostLedger>();
        Assert.Equal(2, ledger.GetTotals(CostDimension.Target, "a", CostWindow.Day, DateTimeOffset.UtcNow).Requests);
        Assert.Equal(0, ledger.GetTotals(CostDimension.Target, "b", CostWindow.Day, DateTimeOffset.UtcNow).Requests);
    }

    [Fact]
    public async Task When_the_target_dies_mid_loop_the_next_turn_fails_over_with_the_tool_messages_and_nothing_is_billed_twice()
    {
        await using var a = await LlamaServer.StartToolModelAsync();
        await using var b = await LlamaServer.StartToolModelAsync();
        using var host = await ToolTrafficLlamaCppTests.StartAsync(("a", a), ("b", b));
        var spy = new TurnSpy(host.Services.GetRequiredService<IChatClient>());
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create(
            async ([Description("The city")] string city) =>
            {
                calls.Add(city);
                await a.StopAsync(); // the target that served the tool call dies before the loop's next turn
                return "18 °C, light rain";
            },
            "get_weather",
            "Gets the current weather in a city");
        var agent = new ChatClientAgent(spy, instructions: "You answer weather questions with the get_weather tool.", tools: [weather]);

        var response = await agent.RunAsync("What is the weather in Boston?", options: Required()).WaitAsync(Timeout);

        Assert.Single(calls); // the tool ran once: the first turn's answer reached the agent and was not asked for again
        Assert.Equal("Done", response.Messages[^1].Text); // the answer after the tool result (the first turn said "Done" before its call)
        Assert.Equal(2, spy.Decisions.Count);
        Assert.Equal("a", spy.Decisions[0].ServedBy);
        var moved = spy.Decisions[1];
        Assert.Equal(("b", RouteRule.Failover), (moved.ServedBy, moved.Rule));
        Assert.Equal([("a", AttemptOutcome.FailedOver), ("b", AttemptOutcome.Succeeded)], moved.Attempts.Select(x => (x.Target, x.Outcome)));
        var sent = spy.Sent[1].SelectMany(m => m.Contents).ToList();
        string callId = Assert.Single(sent.OfType<FunctionCallContent>()).CallId;
        Assert.Equal(callId, Assert.Single(sent.OfType<FunctionResultContent>()).CallId);
        var ledger = host.Services.GetRequiredService<ICostLedger>();
        Assert.Equal(1, ledger.GetTotals(CostDimension.Target, "a", CostWindow.Day, DateTimeOffset.UtcNow).Requests); // the failed attempt bills nothing
        Assert.Equal(1, ledger.GetTotals(CostDimension.Target, "b", CostWindow.Day, DateTimeOffset.UtcNow).Requests);
    }

    private static AIFunction Weather(List<string> calls) => AIFunctionFactory.Create(
        ([Description("The city")] string city) =>
        {
            calls.Add(city);
            return "18 °C, light rain";
        },
        "get_weather",
        "Gets the current weather in a city");

    // The random-weight model calls a tool only when the grammar requires one; the function-invoking layer drops the
    // requirement after the first call, so the second turn answers. One call per turn and greedy sampling: left to sample,
    // the model sometimes makes two parallel calls.
    private static ChatClientAgentRunOptions Required() =>
        new(new ChatOptions { ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false, Temperature = 0, Seed = 1 });

    /// <summary>Sits between the agent's function-invoking layer and the router: what each turn sent and how it was routed.</summary>
    internal sealed class TurnSpy(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<RouteDecision> Decisions { get; } = [];

        public List<List<ChatMessage>> Sent { get; } = [];

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            Sent.Add(list);
            var response = await base.GetResponseAsync(list, options, cancellationToken);
            Decisions.Add((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!);
            return response;
        }
    }
}
