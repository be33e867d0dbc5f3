using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// PII in every content kind of a tool loop is a routing input: kept local under <see cref="PiiPolicy.ForceLocal"/>, replaced by
/// numbered placeholders under <see cref="PiiPolicy.Redact"/>, and restored in what comes back.
/// </summary>
public class ToolTrafficPiiTests
{
    public static TheoryData<ToolTraffic.Case> Cases() => [.. ToolTraffic.Cases()];

    [Fact]
    public void Without_personal_data_the_tool_loop_goes_to_the_cloud()
    {
        using var router = Router([Edge(), Cloud()]);
        var clean = ToolTraffic.Clean();

        var d = router.Plan(clean.Messages, clean.Options);

        Assert.Equal(("cloud", RouteRule.TaskType), (d.Target, d.Rule));
        Assert.Empty(d.PiiKinds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Force_local_keeps_a_code_request_with_pii_in_any_content_kind_on_the_edge(ToolTraffic.Case c)
    {
        var edge = new FakeChatClient("edge");
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Edge(client: edge), Cloud(client: cloud)]);

        var response = await router.GetResponseAsync(c.Messages, c.Options);

        var d = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal(("edge", RouteRule.Pii), (d.ServedBy, d.Rule));
        Assert.NotEmpty(d.PiiKinds);
        Assert.Equal(0, cloud.Calls);
        Assert.Contains(c.Value, ToolTraffic.AllText(Assert.Single(edge.Received), c.Options), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Redact_sends_no_value_of_any_content_kind_to_the_cloud_and_keeps_ids_and_names(ToolTraffic.Case c)
    {
        ChatOptions? sentOptions = null;
        var cloud = new FakeChatClient("cloud");
        var capture = new CapturingClient(cloud, o => sentOptions = o);
        using var router = Router([Edge(), Cloud(client: capture)], o => o.PiiPolicy = PiiPolicy.Redact);

        var response = await router.GetResponseAsync(c.Messages, c.Options);

        var d = (RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!;
        Assert.Equal("cloud", d.ServedBy);
        Assert.True(d.Redacted);
        var sent = Assert.Single(cloud.Received);
        string text = ToolTraffic.AllText(sent, sentOptions);
        Assert.All(ToolTraffic.Values, v => Assert.DoesNotContain(v, text, StringComparison.Ordinal));
        Assert.Matches(@"\[(EMAIL|PHONE|IBAN|CARD)_1\]", text);

        var call = sent.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        var result = sent.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single();
        Assert.Equal(("call_1", "lookup_customer", "call_1"), (call.CallId, call.Name, result.CallId));
        Assert.All(sent, m => Assert.Null(m.RawRepresentation));

        // The caller's messages are untouched.
        Assert.Contains(c.Value, ToolTraffic.AllText(c.Messages, c.Options), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_value_gets_the_same_number_everywhere_in_a_request_and_other_values_the_next()
    {
        var cloud = new FakeChatClient("cloud");
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);
        List<ChatMessage> messages =
        [
            new(ChatRole.User, $"{ToolTraffic.Question} Mail {ToolTraffic.Email}, copy {ToolTraffic.OtherEmail}, call {ToolTraffic.Phone}."),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "send_mail", new Dictionary<string, object?> { ["to"] = ToolTraffic.Email })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", ToolTraffic.Json($$"""{"delivered":["{{ToolTraffic.Email}}","{{ToolTraffic.OtherEmail}}"]}"""))]),
        ];

        await router.GetResponseAsync(messages);

        var sent = Assert.Single(cloud.Received);
        Assert.Equal($"{ToolTraffic.Question} Mail [EMAIL_1], copy [EMAIL_2], call [PHONE_1].", sent[0].Text);
        var call = (FunctionCallContent)sent[1].Contents[0];
        Assert.Equal("[EMAIL_1]", call.Arguments!["to"]);
        var result = (JsonElement)((FunctionResultContent)sent[2].Contents[0]).Result!;
        Assert.Equal("""{"delivered":["[EMAIL_1]","[EMAIL_2]"]}""", result.GetRawText());
    }

    [Fact]
    public async Task Placeholders_in_the_answer_text_and_tool_call_arguments_are_restored_before_the_caller_sees_them()
    {
        var cloud = new FakeChatClient("cloud", (sent, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant,
        [
            new TextContent("I will write to [EMAIL_1] and keep [EMAIL_9] as it is.") { RawRepresentation = "raw chunk" },
            new FunctionCallContent("c2", "send_mail", new Dictionary<string, object?>
            {
                ["to"] = "[EMAIL_1]",
                ["details"] = ToolTraffic.Json("""{"phone":"[PHONE_1]","note":"call [PHONE_1] first"}"""),
            }),
        ]))));
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);

        var response = await router.GetResponseAsync(Ask($"{ToolTraffic.Question} Send it to {ToolTraffic.Email} and call {ToolTraffic.Phone}."));

        var text = response.Messages[0].Contents.OfType<TextContent>().Single();
        Assert.Equal($"I will write to {ToolTraffic.Email} and keep [EMAIL_9] as it is.", text.Text);
        Assert.Null(text.RawRepresentation); // M.E.AI's OpenAI client would send the raw chunk (with the placeholder) on the next turn
        var call = response.Messages[0].Contents.OfType<FunctionCallContent>().Single();
        Assert.Equal(("c2", "send_mail", ToolTraffic.Email), (call.CallId, call.Name, call.Arguments!["to"]));
        Assert.Equal($$"""{"phone":"{{ToolTraffic.Phone}}","note":"call {{ToolTraffic.Phone}} first"}""", ((JsonElement)call.Arguments["details"]!).GetRawText());
    }

    [Fact]
    public async Task Restore_can_be_turned_off()
    {
        var cloud = new FakeChatClient("cloud", (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Wrote to [EMAIL_1]."))));
        using var router = Router([Edge(), Cloud(client: cloud)], o => (o.PiiPolicy, o.RestoreRedactedValues) = (PiiPolicy.Redact, false));

        var response = await router.GetResponseAsync(Ask($"{ToolTraffic.Question} Send it to {ToolTraffic.Email}."));

        Assert.Equal("Wrote to [EMAIL_1].", response.Text);
    }

    [Fact]
    public async Task A_placeholder_split_across_streamed_updates_is_restored_and_nothing_else_is_held_back()
    {
        string[] chunks = ["Mail ", "[EM", "AIL_1", "] and [PH", "ONE_1]", " today [x", "] done ["];
        var cloud = new StreamingClient(chunks);
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);

        var updates = await router.GetStreamingResponseAsync(Ask($"{ToolTraffic.Question} Send it to {ToolTraffic.Email}, call {ToolTraffic.Phone}.")).ToListAsync();

        Assert.Equal([
            "Mail ",                                        // nothing that could start a placeholder: out at once
            string.Empty,                                   // "[EM" could become [EMAIL_1]: held
            string.Empty,                                   // "[EMAIL_1" still could
            $"{ToolTraffic.Email} and ",                    // complete: restored; "[PH" held
            ToolTraffic.Phone,
            " today [x",                                    // "[x" starts no placeholder of this request: out at once
            "] done ",                                      // a lone "[" at the end could start one: held
            "[",                                            // and flushed after the last update
        ], updates.Select(u => u.Text));
        Assert.Equal($"Mail {ToolTraffic.Email} and {ToolTraffic.Phone} today [x] done [", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.IsType<RouteDecision>(u.AdditionalProperties![InferencePropertyNames.RouteDecision]));
    }

    [Fact]
    public async Task A_streamed_tool_call_is_restored_before_function_invocation_sees_it()
    {
        var cloud = new StreamingClient(["Calling", " the tool."], new FunctionCallContent("c9", "send_mail", new Dictionary<string, object?> { ["to"] = "[EMAIL_1]" }));
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);

        var updates = await router.GetStreamingResponseAsync(Ask($"{ToolTraffic.Question} Send it to {ToolTraffic.Email}.")).ToListAsync();

        var call = updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal(ToolTraffic.Email, call.Arguments!["to"]);
    }

    [Fact]
    public async Task A_tool_loop_over_redacted_data_calls_its_tool_with_the_real_values_and_the_cloud_never_sees_them()
    {
        var toolSaw = new List<string>();
        var tool = AIFunctionFactory.Create((string to) =>
        {
            toolSaw.Add(to);
            return new Dictionary<string, object?> { ["delivered"] = to, ["callback"] = ToolTraffic.Phone };
        }, "send_mail");
        var cloud = new FakeChatClient("cloud", (sent, _) =>
        {
            // Turn 1 asks for the tool with the placeholder it was given; turn 2 answers from the tool's result.
            bool answered = sent.Any(m => m.Contents.OfType<FunctionResultContent>().Any());
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answered
                ? [new TextContent("Sent to [EMAIL_1]; they will call back on [PHONE_1].")]
                : [new FunctionCallContent("call_7", "send_mail", new Dictionary<string, object?> { ["to"] = "[EMAIL_1]" })])));
        });
        using var router = Router([Edge(), Cloud(client: cloud)], o => o.PiiPolicy = PiiPolicy.Redact);
        using var client = router.AsBuilder().UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(Ask($"{ToolTraffic.Question} Then mail the result to {ToolTraffic.Email}."), new ChatOptions { Tools = [tool] });

        Assert.Equal([ToolTraffic.Email], toolSaw);
        Assert.Equal($"Sent to {ToolTraffic.Email}; they will call back on {ToolTraffic.Phone}.", response.Text);
        Assert.Equal(2, cloud.Received.Count);
        foreach (var turn in cloud.Received)
        {
            string text = ToolTraffic.AllText(turn);
            Assert.DoesNotContain(ToolTraffic.Email, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ToolTraffic.Phone, text, StringComparison.Ordinal);
        }

        // The second turn carries the call and its result, numbered as in the first turn.
        var second = cloud.Received[1];
        Assert.Equal("[EMAIL_1]", second.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Arguments!["to"]?.ToString());
        Assert.Contains("[PHONE_1]", ToolTraffic.AllText(second), StringComparison.Ordinal);
    }

    [Fact]
    public void The_task_classifier_reads_the_users_question_not_the_tool_json()
    {
        var loop = ToolTraffic.Clean();
        List<ChatMessage> question = [new(ChatRole.User, ToolTraffic.Question)];
        List<ChatMessage> chatty =
        [
            new(ChatRole.User, "What is the capital of France?"),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "run_python", new Dictionary<string, object?> { ["code"] = "def f(x):\n    return x * 2\n" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "Traceback (most recent call last):\n  File \"main.py\", line 1, in <module>\nNameError: name 'x' is not defined")]),
        ];

        Assert.Equal(TaskText.LastUserText(question).ToString(), TaskText.LastUserText(loop.Messages).ToString());
        Assert.Equal("What is the capital of France?", TaskText.LastUserText(chatty).ToString());
        Assert.Equal(LinearTaskClassifier.Instance.Classify(question, null), LinearTaskClassifier.Instance.Classify(loop.Messages, null));
        Assert.NotEqual(TaskType.Code, LinearTaskClassifier.Instance.Classify(chatty, null));
    }

    [Fact]
    public void The_task_text_of_a_turn_with_several_parts_is_all_of_them_and_a_user_turn_of_tool_results_is_skipped()
    {
        List<ChatMessage> messages =
        [
            new(ChatRole.User, [new TextContent("Refactor this method"), new DataContent(new byte[] { 1, 2, 3 }, "image/png"), new TextContent("so it is testable.")]),
            new(ChatRole.User, [new FunctionResultContent("c1", "{\"ok\":true}")]),
        ];

        Assert.Equal("Refactor this method\nso it is testable.", TaskText.LastUserText(messages).ToString());
    }

    /// <summary>Records the options each call was given.</summary>
    private sealed class CapturingClient(IChatClient inner, Action<ChatOptions?> capture) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            capture(options);
            return base.GetResponseAsync(messages, options, cancellationToken);
        }
    }

    /// <summary>Streams the given text chunks (each its own update, as an engine's SSE deltas arrive), then an optional tool call.</summary>
    private sealed class StreamingClient(string[] chunks, FunctionCallContent? call = null) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (string chunk in chunks)
            {
                await Task.Yield();
                yield return new ChatResponseUpdate(ChatRole.Assistant, chunk) { MessageId = "m1", ResponseId = "r1" };
            }

            if (call is not null)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, [call]) { MessageId = "m1", ResponseId = "r1" };
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
