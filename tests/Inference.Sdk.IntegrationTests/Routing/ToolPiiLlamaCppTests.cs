using System;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Personal data that enters a conversation through a tool: Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/>
/// over <c>AddInference</c>, a real llama.cpp server (<c>--jinja</c>, the tool-traffic model) as the edge making the tool call,
/// and a loopback OpenAI-protocol "cloud" recording every body it receives. The tool's result holds an e-mail address: under
/// <see cref="PiiPolicy.ForceLocal"/> the loop's next turn stays on the edge because of it; under <see cref="PiiPolicy.Redact"/>
/// the cloud that takes the next turn receives only the placeholder, and the caller gets the real value back.
/// </summary>
public sealed class ToolPiiLlamaCppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Under_ForceLocal_the_turn_after_a_tool_result_with_an_email_stays_on_the_real_edge()
    {
        await using var edge = await LlamaServer.StartToolModelAsync();
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var host = await StartAsync(edge, cloud, PiiPolicy.ForceLocal);
        var spy = new AgentTrafficLlamaCppTests.TurnSpy(host.Services.GetRequiredService<IChatClient>());
        using IChatClient client = spy.AsBuilder().UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync([new(ChatRole.User, "Who owns the Boston account?")], Options(Lookup(() => Task.CompletedTask))).WaitAsync(Timeout);

        Assert.Equal("Done", response.Messages[^1].Text); // the edge's answer after the tool result
        Assert.Equal(["edge", "edge"], spy.Decisions.Select(d => d.ServedBy));
        Assert.Empty(spy.Decisions[0].PiiKinds); // the first turn had nothing to keep local
        var second = spy.Decisions[1];
        Assert.Equal(RouteRule.Pii, second.Rule);
        Assert.Equal([PiiKind.Email], second.PiiKinds);
        Assert.Contains("PII found (Email): kept local", second.Reasons);
        Assert.Contains(second.Rejected, r => r is { Target: "cloud", Rule: RouteRule.Pii });
        Assert.Contains(ToolTraffic.Email, spy.Sent[1].SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single().Result?.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(cloud.Requests, r => r.Method == "POST"); // (the model discovery's GET /v1/models is all it saw)
    }

    [Fact]
    public async Task Under_Redact_the_cloud_taking_the_next_turn_sees_only_the_placeholder_and_the_caller_gets_the_value()
    {
        await using var edge = await LlamaServer.StartToolModelAsync();
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "I will write to [EMAIL_1] today."));
        using var host = await StartAsync(edge, cloud, PiiPolicy.Redact);
        var spy = new AgentTrafficLlamaCppTests.TurnSpy(host.Services.GetRequiredService<IChatClient>());
        using IChatClient client = spy.AsBuilder().UseFunctionInvocation().Build();

        // The edge that made the tool call dies before the loop's next turn, which fails over to the cloud.
        var response = await client.GetResponseAsync([new(ChatRole.User, "Who owns the Boston account?")], Options(Lookup(edge.StopAsync)))
            .WaitAsync(Timeout);

        Assert.Equal($"I will write to {ToolTraffic.Email} today.", response.Messages[^1].Text.TrimEnd());
        Assert.Equal(["edge", "cloud"], spy.Decisions.Select(d => d.ServedBy));
        Assert.True(spy.Decisions[1].Redacted);
        string body = Assert.Single(cloud.Requests, r => r.Method == "POST").Body;
        Assert.DoesNotContain(ToolTraffic.Email, body, StringComparison.Ordinal);
        Assert.DoesNotContain(ToolTraffic.Email, ToolTraffic.JsonStrings(body), StringComparison.Ordinal);
        Assert.Contains("[EMAIL_1]", body, StringComparison.Ordinal);
        string callId = spy.Sent[1].SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().CallId;
        Assert.Contains(callId, body, StringComparison.Ordinal); // call ids stay intact
        Assert.Contains("lookup_owner", body, StringComparison.Ordinal);
        var ledger = host.Services.GetRequiredService<ICostLedger>();
        Assert.Equal(1, ledger.GetTotals(CostDimension.Target, "cloud", CostWindow.Day, DateTimeOffset.UtcNow).Requests);
    }

    private static AIFunction Lookup(Func<Task> onCall) => AIFunctionFactory.Create(
        async ([Description("The account")] string account) =>
        {
            await onCall();
            return $"Owner: Jane Doe, {ToolTraffic.Email}";
        },
        "lookup_owner",
        "Looks up who owns an account");

    // One grammar-constrained call on the first turn (the function-invoking layer drops the requirement after it), greedy.
    private static ChatOptions Options(AIFunction tool) =>
        new() { Tools = [tool], ToolMode = ChatToolMode.RequireAny, AllowMultipleToolCalls = false, Temperature = 0, Seed = 1 };

    private static Task<IHost> StartAsync(LlamaServer edge, LoopbackServer cloud, PiiPolicy policy) =>
        ToolTrafficLlamaCppTests.StartAsync(
            b => b
                .Configure(o => o.Router.PiiPolicy = policy)
                .AddTarget("cloud", t =>
                {
                    t.Provider = ProviderKind.OpenAICompatible;
                    t.Engine = EngineKind.OpenAICompatible;
                    t.Tier = TargetTier.HostedApi;
                    t.Endpoint = new Uri(cloud.BaseAddress, "v1").AbsoluteUri;
                    t.Model = "gpt-4o-mini";
                    t.ApiKey = "test-key";
                    t.InputUsdPerMillionTokens = 0.15m;
                    t.OutputUsdPerMillionTokens = 0.6m;
                }),
            ("edge", edge));
}
