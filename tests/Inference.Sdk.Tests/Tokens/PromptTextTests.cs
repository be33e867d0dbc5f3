using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using Inference.Sdk.Testing;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Tokens;

/// <summary>What the counters read of a request: everything the engine will see.</summary>
public class PromptTextTests
{
    private static readonly TokenCounter O200k = TokenCounter.ForModel("gpt-4o");

    [Fact]
    public void Every_part_the_engine_reads_is_counted()
    {
        var (messages, options) = ToolTraffic.CrmRequest();
        var textOnly = new List<ChatMessage> { messages[0] };

        int text = O200k.Count(PromptText.Read(textOnly, null, AIJsonUtilities.DefaultOptions));
        var all = PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions);
        int total = O200k.Count(all);

        Assert.InRange(text, 20, 30); // the "23 tokens of text" (plus the message overhead)
        Assert.True(total is >= 6_000 and <= 7_500, $"{total} tokens"); // tool schema, arguments and result: about 6,600
        Assert.Single(all.Tools);
        Assert.Contains(all.Texts, t => t.Contains("\"first_name\": \"value 0", StringComparison.Ordinal)); // the arguments, as the wire writes them
        Assert.Contains(all.Texts, t => t.Contains("\"record\": 4711", StringComparison.Ordinal)); // the result, as the wire writes it
        Assert.Contains("update_customer_record", all.Texts); // the call's function name
    }

    [Fact]
    public void Instructions_results_of_every_shape_and_text_attachments_are_read_and_reasoning_is_not()
    {
        var json = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };
        List<ChatMessage> messages =
        [
            new(ChatRole.Assistant, [new TextReasoningContent("private chain of thought"), new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["id"] = 7 })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "plain"), new FunctionResultContent("c1", ToolTraffic.Json("""{"a":1}""")), new FunctionResultContent("c1", new ToolTraffic.CustomerRecord(7, "Jane", "j@x.io", "1"))]),
            new(ChatRole.User, [new DataContent(Encoding.UTF8.GetBytes("a,b\n1,2"), "text/csv"), new DataContent("data:application/json;base64," + Convert.ToBase64String("{\"k\":true}"u8.ToArray())), new DataContent(new byte[] { 0, 1, 2 }, "application/octet-stream")]),
        ];

        var prompt = PromptText.Read(messages, new ChatOptions { Instructions = "Be brief." }, json);

        Assert.Equal(["Be brief.", "lookup", "{\"id\":7}", "plain", "{\"a\":1}", "{\"id\":7,\"name\":\"Jane\",\"email\":\"j@x.io\",\"phone\":\"1\"}", "a,b\n1,2", "{\"k\":true}"], prompt.Texts);
        Assert.Equal((4 * PromptText.PerMessageOverhead) + PromptText.ReplyOverhead + PromptText.PerToolCallOverhead + (3 * PromptText.PerToolResultOverhead), prompt.Overhead);
    }

    [Fact]
    public void The_templates_framing_is_counted_as_the_engine_renders_it()
    {
        // Qwen2.5-Instruct's template as llama-server renders it: the tools' instructions once, each tool's JSON framing, each
        // message's and the answer's turn (measured against the server in PromptTokenCountLlamaCppTests).
        List<ChatMessage> messages = [new(ChatRole.System, "Be brief."), new(ChatRole.User, "Weather in Boston?")];

        var plain = PromptText.Read(messages, null, AIJsonUtilities.DefaultOptions);
        var tools = PromptText.Read(messages, new ChatOptions { Tools = [ToolTraffic.CrmTool, AIFunctionFactory.Create(() => "18 °C", "get_weather")] }, AIJsonUtilities.DefaultOptions);

        Assert.Equal(13, plain.Overhead);                // 2 x 5 + 3, as ChatML frames two messages and opens the answer
        Assert.Equal(13 + 79 + (2 * 25), tools.Overhead); // and the template's tool instructions once, 25 per definition
    }

    [Fact]
    public void A_prompt_given_back_and_taken_again_reads_only_the_new_request()
    {
        var tooled = new ChatOptions { Instructions = "Be brief.", Tools = [ToolTraffic.CrmTool] };
        List<ChatMessage> loop =
        [
            new(ChatRole.User, "Where does customer 42 live?"),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_customer", new Dictionary<string, object?> { ["id"] = 42 })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", new Dictionary<string, object?> { ["city"] = "Boston" })]),
        ];
        List<ChatMessage> plain = [new(ChatRole.User, "Weather in Boston?")];
        var fresh = PromptText.Read(plain, null, AIJsonUtilities.DefaultOptions);

        using (var first = PromptText.Rent(loop, tooled, AIJsonUtilities.DefaultOptions))
        {
            Assert.True(first.HasToolTraffic);
            Assert.NotEmpty(first.SerializedResults);
        }

        using var again = PromptText.Rent(plain, null, AIJsonUtilities.DefaultOptions);
        Assert.Equal(fresh.Texts, again.Texts);
        Assert.Equal(fresh.Overhead, again.Overhead);
        Assert.False(again.HasToolTraffic);
        Assert.Empty(again.Tools);
        Assert.Empty(again.SerializedResults);
    }

    [Fact]
    public void A_tool_is_read_once_per_instance()
    {
        var options = new ChatOptions { Tools = [ToolTraffic.CrmTool] };

        var first = PromptText.Read([new ChatMessage(ChatRole.User, "hi")], options, AIJsonUtilities.DefaultOptions).Tools.Single();
        var second = PromptText.Read([new ChatMessage(ChatRole.User, "hello")], options, AIJsonUtilities.DefaultOptions).Tools.Single();

        Assert.Same(first, second);
        Assert.Contains("\"postal_code\"", first.Text, StringComparison.Ordinal);
        Assert.Equal(O200k.CountText(first.Text), first.CountWith(O200k));
    }

    /// <summary>Property: the pre-tokenizer lower bound never exceeds the count of either byte-level tokenizer, on text built to break it.</summary>
    [Fact]
    public void The_lower_bound_is_never_above_the_exact_count()
    {
        string[] pieces =
        [
            "a", "A", "z", "Zz", "0", "12", "345", "6789", " ", "  ", "\t", "\n", "\r\n", "'", "'s", "'LL", "it's", "don't", "!", "?!", "...", "/", "//",
            "\n//", "!!\n//x", "(", "((a", "\"", "\":", "{\"", "\",\"", "é", "e\u0301", "ǅ", "ʰ", "中文", "\u0301", "ा", "⃝", "²", "Ⅳ", "٣", "\u0085", "\u00a0",
            "🙂", "𝒜", "<|endoftext|>", "<|", "camelCaseWord", "HTTPServer", "snake_case", "x-y", "1.5e-3", "-42", "#include", "=>", "\u2028",
        ];
        var cl100k = TokenCounter.ForModel("gpt-4");
        var random = new Random(15);
        for (int round = 0; round < 3000; round++)
        {
            var text = new StringBuilder();
            int count = random.Next(1, 40);
            for (int p = 0; p < count; p++)
            {
                text.Append(pieces[random.Next(pieces.Length)]);
            }

            string s = text.ToString();
            long lower = TokenCounter.ChunkLowerBound(s);
            Assert.True(lower <= cl100k.CountText(s), $"cl100k: {lower} > {cl100k.CountText(s)} for '{s}'");
            Assert.True(lower <= O200k.CountText(s), $"o200k: {lower} > {O200k.CountText(s)} for '{s}'");
        }
    }

    [Fact]
    public void The_lower_bound_is_close_for_json_and_prose()
    {
        var (messages, _) = ToolTraffic.CrmRequest();
        string json = ((JsonElement)((FunctionResultContent)messages[2].Contents[0]).Result!).GetRawText();
        string prose = Routing.RouterFixture.Prose(2000);

        Assert.InRange(TokenCounter.ChunkLowerBound(json), O200k.CountText(json) * 0.8, O200k.CountText(json));
        Assert.InRange(TokenCounter.ChunkLowerBound(prose), O200k.CountText(prose) * 0.75, O200k.CountText(prose));
    }
}
