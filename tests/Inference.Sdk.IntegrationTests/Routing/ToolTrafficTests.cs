using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.IntegrationTests.Reliability;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Inference.Sdk.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.IntegrationTests.Routing;

/// <summary>
/// Tool-loop traffic over the wire: an edge and a cloud OpenAI-protocol loopback server recording every body they receive, each
/// target an <see cref="EngineChatClient"/> as in production. PII in any content kind never reaches the cloud's body; the cloud's
/// placeholders come back restored, in a streamed tool call and in text split across updates (TGI's own stream frames); and a
/// request whose tools and results do not fit a small edge never reaches it.
/// </summary>
public class ToolTrafficTests
{
    public static TheoryData<ToolTraffic.Case> Cases() => [.. ToolTraffic.Cases()];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Force_local_sends_a_code_request_with_pii_in_any_content_kind_only_to_the_edge(ToolTraffic.Case c)
    {
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var router = Router(edge, cloud, PiiPolicy.ForceLocal);

        var response = await router.GetResponseAsync(c.Messages, c.Options);

        Assert.Equal("edge answer", response.Text);
        Assert.Single(edge.Requests);
        Assert.Empty(cloud.Requests);
    }

    [Fact]
    public async Task Without_pii_the_same_tool_loop_goes_to_the_cloud()
    {
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var router = Router(edge, cloud, PiiPolicy.ForceLocal);
        var clean = ToolTraffic.Clean();

        var response = await router.GetResponseAsync(clean.Messages, clean.Options);

        Assert.Equal("cloud answer", response.Text);
        Assert.Empty(edge.Requests);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Redact_leaves_no_value_of_any_content_kind_in_the_body_the_cloud_received(ToolTraffic.Case c)
    {
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var router = Router(edge, cloud, PiiPolicy.Redact);

        await router.GetResponseAsync(c.Messages, c.Options);
        await router.GetStreamingResponseAsync(c.Messages, c.Options).ToListAsync();

        Assert.Empty(edge.Requests);
        Assert.Equal(2, cloud.Requests.Count);
        foreach (var request in cloud.Requests)
        {
            string body = request.Body;
            string decoded = ToolTraffic.JsonStrings(body);
            Assert.All(ToolTraffic.Values, v =>
            {
                Assert.DoesNotContain(v, body, StringComparison.Ordinal);
                Assert.DoesNotContain(v, decoded, StringComparison.Ordinal);
            });
            Assert.Contains("\"call_1\"", body, StringComparison.Ordinal);
            Assert.Contains("lookup_customer", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_placeholder_in_a_streamed_tool_call_comes_back_as_the_real_value()
    {
        // TGI's recorded frames of a streamed tool call, the location's deltas ('Bro', 'oklyn', ',', ' NY') standing for a placeholder.
        // TGI 3.1.2 ended tool-call streams without a finish reason, which the engine adapter reads as a truncated stream: the cloud
        // here is the OpenAI SDK's client as a user would plug it in.
        string sse = Frames("tgi/chat-stream-tool-call.json", static (delta, i) =>
        {
            var function = delta["tool_calls"]![0]!["function"]!;
            string? replacement = i switch { 5 => "[EM", 6 => "AIL", 7 => "_", 8 => "1]", _ => null };
            if (replacement is not null)
            {
                function["arguments"] = replacement;
            }
        });
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, _) => Sse(ctx, sse));
        using var router = Router(edge, cloud, PiiPolicy.Redact, cloudClient: OpenAiLoopback.Client(cloud.BaseAddress));

        var updates = await router.GetStreamingResponseAsync(
            ToolTraffic.Cases().First(c => c.Name == "tool result (string)").Messages,
            new ChatOptions { Tools = [AIFunctionFactory.CreateDeclaration("get_current_weather", "Weather.", ToolTraffic.Json("""{"type":"object","properties":{"location":{"type":"string"},"format":{"type":"string"}}}"""))] })
            .ToListAsync();

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("get_current_weather", call.Name);
        Assert.Equal(ToolTraffic.Email, call.Arguments!["location"]?.ToString());
        Assert.Equal("fahrenheit", call.Arguments["format"]?.ToString());
        Assert.DoesNotContain(ToolTraffic.Email, cloud.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_placeholder_split_across_streamed_text_updates_comes_back_as_the_real_value()
    {
        // TGI's recorded frames of a text stream, the first five deltas spelling a sentence with a placeholder split in three.
        string[] pieces = ["Write", " to", " [EMA", "IL_1", "] now"];
        string sse = Frames("tgi/chat-stream-text.json", (delta, i) =>
        {
            if (i < pieces.Length)
            {
                delta["content"] = pieces[i];
            }
        });
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, _) => Sse(ctx, sse));
        using var router = Router(edge, cloud, PiiPolicy.Redact);

        var updates = await router.GetStreamingResponseAsync(ToolTraffic.Cases().First(c => c.Name == "tool result (string)").Messages).ToListAsync();

        string text = string.Concat(updates.Select(u => u.Text));
        Assert.StartsWith($"Write to {ToolTraffic.Email} now in a vibrant ocean", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[EMA", text, StringComparison.Ordinal);
        // Only what could still become the placeholder was held: " " went out before "[EMA", and the rest with "] now".
        Assert.Equal(["Write", " to", " ", $"{ToolTraffic.Email} now"], updates.Select(u => u.Text).Where(t => t.Length > 0).Take(4));
    }

    [Fact]
    public async Task The_issues_6600_token_tool_request_skips_a_4096_token_edge_before_any_call()
    {
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var router = Router(edge, cloud, PiiPolicy.ForceLocal, edgeWindow: 4096, edgeOnly: false);
        var (messages, options) = ToolTraffic.CrmRequest();

        var response = await router.GetResponseAsync(messages, options);

        var d = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal("cloud", d.ServedBy);
        Assert.Contains(d.Rejected, r => r is { Target: "edge", Rule: RouteRule.ContextWindow });
        Assert.Empty(edge.Requests);

        // What was counted is what the cloud received: the text a chat template renders from the body (message contents, the call's
        // name and arguments, the tools' JSON) in o200k tokens, within 15 %.
        long wire = TokenCounter.ForModel("gpt-4o").CountText(WireText(cloud.Requests.Single().Body));
        Assert.True(d.PromptTokens >= wire * 0.85 && d.PromptTokens <= wire * 1.15, $"counted {d.PromptTokens}, the wire's text is {wire} tokens");
    }

    [Fact]
    public async Task With_only_a_4096_token_edge_the_6600_token_request_is_refused_before_any_call()
    {
        await using var edge = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "edge answer"));
        await using var cloud = await OpenAiLoopback.StartAsync((ctx, body) => OpenAiLoopback.AnswerAsync(ctx, body, "cloud answer"));
        using var router = Router(edge, cloud, PiiPolicy.ForceLocal, edgeWindow: 4096, edgeOnly: true);
        var (messages, options) = ToolTraffic.CrmRequest();

        var ex = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(messages, options));

        Assert.Contains("ContextWindow", ex.Message, StringComparison.Ordinal);
        Assert.Empty(edge.Requests);
    }

    /// <summary>The text a chat template renders from a chat-completions body: each message's content, each tool call's name and arguments, each tool's definition.</summary>
    private static string WireText(string body)
    {
        var sb = new StringBuilder();
        using var document = JsonDocument.Parse(body);
        foreach (var message in document.RootElement.GetProperty("messages").EnumerateArray())
        {
            if (message.TryGetProperty("content", out var content))
            {
                if (content.ValueKind == JsonValueKind.String)
                {
                    sb.Append(content.GetString()).Append('\n');
                }
                else if (content.ValueKind == JsonValueKind.Array)
                {
                    foreach (var part in content.EnumerateArray())
                    {
                        sb.Append(part.TryGetProperty("text", out var t) ? t.GetString() : null).Append('\n');
                    }
                }
            }

            if (message.TryGetProperty("tool_calls", out var calls))
            {
                foreach (var call in calls.EnumerateArray())
                {
                    var function = call.GetProperty("function");
                    sb.Append(function.GetProperty("name").GetString()).Append('\n').Append(function.GetProperty("arguments").GetString()).Append('\n');
                }
            }
        }

        foreach (var tool in document.RootElement.GetProperty("tools").EnumerateArray())
        {
            sb.Append(tool.GetProperty("function").GetRawText()).Append('\n');
        }

        return sb.ToString();
    }

    private static HybridRouterChatClient Router(LoopbackServer edge, LoopbackServer cloud, PiiPolicy policy, int edgeWindow = 8192, bool edgeOnly = false, IChatClient? cloudClient = null)
    {
        var targets = new List<RouteTarget>
        {
            new("edge", Engine(EngineKind.Vllm, edge, "edge"), TargetTier.Edge, edgeWindow) { ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m },
        };
        if (!edgeOnly)
        {
            targets.Add(new("cloud", cloudClient ?? Engine(EngineKind.OpenAICompatible, cloud, "cloud"), TargetTier.HostedApi, 128000)
            {
                ModelId = "gpt-4o",
                ExpectedCostUsd = static (i, o) => ((i * 2.5m) + (o * 10m)) / 1_000_000m,
            });
        }

        return new HybridRouterChatClient(targets, new HybridRouterOptions { PiiPolicy = policy });
    }

    private static IChatClient Engine(EngineKind kind, LoopbackServer server, string name) =>
        EngineChatClient.Create(kind, new Uri(server.BaseAddress, "v1"), Faults.Model, new EngineClientOptions { ApiKey = "k", TargetName = name, RequestTimeout = TimeSpan.FromSeconds(20) });

    /// <summary>A fixture's chunks as SSE events, each chunk's delta passed through <paramref name="edit"/> with its index.</summary>
    private static string Frames(string fixture, Action<JsonNode, int> edit)
    {
        var sb = new StringBuilder();
        var chunks = JsonNode.Parse(Fixtures.Text(fixture))!.AsArray();
        for (int i = 0; i < chunks.Count; i++)
        {
            edit(chunks[i]!["choices"]![0]!["delta"]!, i);
            sb.Append("data: ").Append(chunks[i]!.ToJsonString()).Append("\n\n");
        }

        return sb.Append("data: [DONE]\n\n").ToString();
    }

    private static async Task Sse(HttpContext context, string sse)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync(sse, context.RequestAborted);
    }
}
