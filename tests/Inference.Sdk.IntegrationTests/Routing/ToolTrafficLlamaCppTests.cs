using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Agent traffic through the router against real llama.cpp servers (<c>--jinja</c>) on the tool-traffic model, whose real
/// vocabulary lets the server's grammars spell tool calls and <c>json_schema</c> answers: a tool loop through
/// Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/> and structured output.
/// </summary>
public sealed class ToolTrafficLlamaCppTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_tool_loop_through_FunctionInvokingChatClient_calls_the_tool_with_the_engines_arguments_and_is_metered_twice()
    {
        await using var edge = await LlamaServer.StartToolModelAsync();
        using var host = await StartAsync(("edge", edge));
        var calls = new List<string>();
        var weather = AIFunctionFactory.Create(([Description("The city")] string city) =>
        {
            calls.Add(city);
            return "18 °C, light rain";
        }, "get_weather", "Gets the current weather in a city");
        using IChatClient client = host.Services.GetRequiredService<IChatClient>().AsBuilder().UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(
            [new(ChatRole.User, "What is the weather in Boston?")],
            new ChatOptions { Tools = [weather], ToolMode = ChatToolMode.RequireAny }).WaitAsync(Timeout);

        Assert.Single(calls); // the engine's grammar-constrained call, deserialized and invoked
        Assert.Equal("Done", response.Messages[^1].Text); // the answer after the tool result (the first turn said "Done" before its call)
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.True(call.Arguments!.ContainsKey("city"));
        var result = response.Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal(call.CallId, result.CallId);
        var ledger = host.Services.GetRequiredService<ICostLedger>();
        Assert.Equal(2, ledger.GetTotals(CostDimension.Target, "edge", CostWindow.Day, DateTimeOffset.UtcNow).Requests);
    }

    [Fact]
    public async Task Structured_output_is_the_json_schema_answer_of_the_engine()
    {
        await using var edge = await LlamaServer.StartToolModelAsync();
        using var host = await StartAsync(("edge", edge));
        IChatClient client = host.Services.GetRequiredService<IChatClient>();

        var response = await client.GetResponseAsync<Forecast>([new(ChatRole.User, "Forecast for Boston as JSON.")]).WaitAsync(Timeout);

        Assert.True(response.TryGetResult(out Forecast? forecast), response.Text);
        Assert.NotNull(forecast!.City);
        Assert.NotNull(forecast.Conditions);
        Assert.Equal("edge", ((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!).ServedBy);
    }

    internal static Task<IHost> StartAsync(params (string Name, LlamaServer Server)[] targets) => StartAsync(static _ => { }, targets);

    /// <summary>Starts a host with the llama.cpp <paramref name="targets"/> as edge targets, then whatever <paramref name="configure"/> adds.</summary>
    internal static async Task<IHost> StartAsync(Action<InferenceBuilder> configure, params (string Name, LlamaServer Server)[] targets)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddInference(b =>
        {
            b.Configure(o => o.ProbeInterval = TimeSpan.FromMinutes(10));
            foreach ((string name, LlamaServer server) in targets)
            {
                b.AddTarget(name, t =>
                {
                    t.Engine = EngineKind.LlamaCpp;
                    t.Endpoint = new Uri(server.Endpoint, "v1").AbsoluteUri;
                    t.Model = LlamaServer.ModelName;
                    t.ContextLength = server.ContextPerSlot;
                    t.Tier = TargetTier.Edge;
                    t.UsdPerGpuHour = 1m;
                    t.TokensPerSecond = 1000;
                    t.MaxRetries = 0;
                });
            }

            configure(b);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>The structured answer the test asks for.</summary>
    /// <param name="City">The city.</param>
    /// <param name="Conditions">The conditions.</param>
    /// <param name="TemperatureCelsius">The temperature.</param>
    internal sealed record Forecast(string City, string Conditions, double TemperatureCelsius);
}
