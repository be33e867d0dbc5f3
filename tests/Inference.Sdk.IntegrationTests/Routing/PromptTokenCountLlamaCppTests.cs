using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Inference.Sdk.IntegrationTests.Infrastructure;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// The router's prompt token count against llama-server's own, on real tool traffic (tool definitions, a tool call, its result)
/// sent through <c>AddInference</c>: the server on the tool-traffic model (Qwen2's vocabulary, Qwen2.5-Instruct's chat template,
/// <c>--jinja</c>) reports the prompt it evaluated (<c>usage.prompt_tokens</c>); its <c>/tokenize</c> counts the texts we count
/// without the template, so the gap splits into the tokenizer's part and the template's. Our count is the router's counter for a
/// Qwen target (<c>cl100k_base</c> as a proxy for Qwen2's BPE) over <see cref="PromptText"/>, the count routing and the cost
/// meter's estimate use.
/// </summary>
public sealed class PromptTokenCountLlamaCppTests(ITestOutputHelper output)
{
    /// <summary>The documented tolerance (docs/routing.md): our count is within this share of the engine's.</summary>
    private const double Tolerance = 0.15;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Conversations => ["plain", "tools", "tool loop"];

    [Theory]
    [MemberData(nameof(Conversations))]
    public async Task Our_count_is_within_the_documented_tolerance_of_the_servers(string conversation)
    {
        await using var server = await LlamaServer.StartToolModelAsync(contextPerSlot: 8192);
        using var host = await ToolTrafficLlamaCppTests.StartAsync(("edge", server));
        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        var (messages, options) = Conversation(conversation);

        var response = await client.GetResponseAsync(messages, options).WaitAsync(Timeout);
        long served = response.Usage!.InputTokenCount!.Value;
        var prompt = PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions);
        var counter = TokenCounter.ForModel("Qwen/Qwen2.5-7B-Instruct");
        long ours = counter.Count(prompt);
        long oursText = ours - prompt.Overhead;
        long serverText = 0;
        foreach (string text in prompt.Texts.Concat(prompt.Tools.Select(t => t.Text)))
        {
            serverText += await ServerTokensAsync(server, text);
        }

        output.WriteLine(
            $"{conversation}: server {served} = {serverText} text + {served - serverText} template; ours {ours} = {oursText} text (cl100k) + {prompt.Overhead} overhead; gap {served - ours} ({(double)(served - ours) / served:P1})");
        Assert.InRange(ours, served * (1 - Tolerance), served * (1 + Tolerance));
    }

    /// <summary>The server's own tokenizer's count of a text, without the template and special tokens.</summary>
    private static async Task<long> ServerTokensAsync(LlamaServer server, string text)
    {
        using var http = new HttpClient { BaseAddress = server.Endpoint, Timeout = Timeout };
        using var tokenized = await http.PostAsJsonAsync("tokenize", new { content = text, add_special = false });
        tokenized.EnsureSuccessStatusCode();
        return (await tokenized.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tokens").GetArrayLength();
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) Conversation(string name)
    {
        var weather = AIFunctionFactory.Create(
            ([Description("The city, e.g. Boston")] string city, [Description("celsius or fahrenheit")] string unit) => "18 °C",
            "get_weather", "Gets the current weather in a city");
        var search = AIFunctionFactory.Create(
            ([Description("What to look for")] string query, [Description("How many results, 1 to 20")] int limit, [Description("Only results after this date (ISO 8601)")] string? since) => "[]",
            "search_orders", "Searches the customer's orders by free text and returns their ids, dates and totals");
        List<ChatMessage> messages =
        [
            new(ChatRole.System, "You are a support assistant for an online shop. Answer briefly and use the tools when the question needs data."),
            new(ChatRole.User, "Where is my order of running shoes from last week, and will it rain in Boston when it arrives?"),
        ];
        var options = new ChatOptions { MaxOutputTokens = 4, Temperature = 0 };
        if (name != "plain")
        {
            options.Tools = [weather, search];
        }

        if (name == "tool loop")
        {
            messages.Add(new(ChatRole.Assistant, [new FunctionCallContent("call_1", "search_orders", new Dictionary<string, object?> { ["query"] = "running shoes", ["limit"] = 5, ["since"] = "2026-11-28" })]));
            messages.Add(new(ChatRole.Tool, [new FunctionResultContent("call_1", JsonSerializer.SerializeToElement(new[]
            {
                new { id = "ORD-88213", date = "2026-11-30", total = 129.90, status = "shipped", carrier = "UPS", eta = "2026-12-06", items = new[] { "Trail running shoes, size 10" } },
                new { id = "ORD-88102", date = "2026-11-29", total = 14.50, status = "delivered", carrier = "USPS", eta = "2026-12-02", items = new[] { "Running socks, 3 pairs" } },
            }))]));
            messages.Add(new(ChatRole.Assistant, [new FunctionCallContent("call_2", "get_weather", new Dictionary<string, object?> { ["city"] = "Boston", ["unit"] = "fahrenheit" })]));
            messages.Add(new(ChatRole.Tool, [new FunctionResultContent("call_2", "Light rain, 46 °F, wind 12 mph from the north-east")]));
        }

        return (messages, options);
    }
}
