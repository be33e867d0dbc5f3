using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using static Inference.Sdk.Tests.Routing.RouterFixture;

namespace Inference.Sdk.Tests.Routing;

/// <summary>Conversation affinity: the key each turn carries, the bounded expiring table, and the policy keeping a conversation on one target.</summary>
public class ConversationAffinityTests
{
    private static readonly ChatMessage System = new(ChatRole.System, "You are a weather assistant.");

    [Fact]
    public void Every_turn_of_a_conversation_has_the_key_of_its_opening_and_another_opening_another()
    {
        ChatMessage user = new(ChatRole.User, "What is the weather in Paris?");
        ChatMessage call = new(ChatRole.Assistant, [new FunctionCallContent("c1", "weather", new Dictionary<string, object?> { ["city"] = "Paris" })]);
        ChatMessage result = new(ChatRole.Tool, [new FunctionResultContent("c1", "sunny, 21 C")]);

        var first = ConversationKey.Of([System, user], null);
        var second = ConversationKey.Of([System, user, call, result], null);
        var third = ConversationKey.Of([System, user, call, result, new(ChatRole.Assistant, "Sunny."), new(ChatRole.User, "And tomorrow?")], null);

        Assert.False(first.IsNone);
        Assert.False(first.FromConversationId);
        Assert.False(first.Continues); // a first turn is routed afresh
        Assert.True(second.Continues);
        Assert.Equal(first.Value, second.Value);
        Assert.Equal(first.Value, third.Value);
        Assert.NotEqual(first.Value, ConversationKey.Of([System, new(ChatRole.User, "What is the weather in Rome?")], null).Value);
        Assert.NotEqual(first.Value, ConversationKey.Of([user], null).Value); // the system prompt is part of the opening
        Assert.NotEqual(first.Value, ConversationKey.Of([System, user], new ChatOptions { Instructions = "Answer in French." }).Value);
        Assert.True(ConversationKey.Of([], null).IsNone);

        var labelled = ConversationKey.Of([System, user], new ChatOptions { ConversationId = "conv_1" });
        Assert.True(labelled.FromConversationId && labelled.Continues);
        Assert.Equal(labelled, ConversationKey.Of([System, new(ChatRole.User, "another opening")], new ChatOptions { ConversationId = "conv_1" }));
        Assert.NotEqual(labelled, ConversationKey.Of([System, user], new ChatOptions { ConversationId = "conv_2" }));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(3000)] // longer than the stack buffer: the pooled path
    public void The_key_is_XxHash3_of_the_opening_pieces_each_with_a_separator(int length)
    {
        // The definition the key is read by (in one buffer): instructions, then each message's role and texts up to the first
        // user message, each piece followed by two zero bytes, as appended one by one to a streaming XxHash3.
        string question = new('q', length);
        ChatMessage[] messages = [System, new(ChatRole.User, [new TextContent(question), new TextContent("second part")]), new(ChatRole.Assistant, "later")];
        var expected = new global::System.IO.Hashing.XxHash3();
        foreach (string piece in new[] { "Be brief.", "system", System.Text, "user", question, "second part" })
        {
            expected.Append(global::System.Runtime.InteropServices.MemoryMarshal.AsBytes(piece.AsSpan()));
            expected.Append([0, 0]);
        }

        var key = ConversationKey.Of(messages, new ChatOptions { Instructions = "Be brief." });

        Assert.Equal(expected.GetCurrentHashAsUInt64(), key.Value);
        Assert.True(key.Continues);
        Assert.False(ConversationKey.Of(messages[..2], new ChatOptions { Instructions = "Be brief." }).Continues);
        Assert.Equal(key.Value, ConversationKey.Of(messages[..2], new ChatOptions { Instructions = "Be brief." }).Value);
    }

    [Fact]
    public void The_table_expires_entries_and_stays_within_its_capacity()
    {
        var time = new FakeTimeProvider();
        var table = new ConversationAffinity(capacity: 10, TimeSpan.FromMinutes(10), time);
        var key = new ConversationKey(42, false);

        table.Remember(key, 1);
        Assert.Equal(1, table.Find(key));
        time.Advance(TimeSpan.FromMinutes(9));
        table.Remember(key, 1); // each turn renews the entry
        time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(1, table.Find(key));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(-1, table.Find(key));

        for (ulong k = 100; k < 150; k++)
        {
            table.Remember(new ConversationKey(k, false), 0);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.InRange(table.Count, 1, 10);
        Assert.Equal(0, table.Find(new ConversationKey(149, false))); // the newest stay
        Assert.Equal(-1, table.Find(new ConversationKey(100, false))); // the oldest went first

        table.Remember(new ConversationKey(149, false), 2); // another target serves the conversation: it replaces the entry
        Assert.Equal(2, table.Find(new ConversationKey(149, false)));

        var off = new ConversationAffinity(capacity: 0, TimeSpan.FromMinutes(10), time);
        off.Remember(key, 1);
        Assert.Equal(-1, off.Find(key));
    }

    [Fact]
    public async Task A_tool_loop_stays_on_the_target_that_served_its_first_turn_while_it_is_eligible()
    {
        var cloud = new FakeChatClient("cloud", (messages, _) => Task.FromResult(messages[^1].Role == ChatRole.Tool
            ? new ChatResponse(new ChatMessage(ChatRole.Assistant, "It is sunny in Paris."))
            : new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "weather", new Dictionary<string, object?> { ["city"] = "Paris" })]))));
        var edge = new FakeChatClient("edge");
        using var router = Router([Edge(client: edge), Cloud(client: cloud)]);
        router.ReportHealth("edge", false); // the first turn goes to the cloud
        var weather = AIFunctionFactory.Create(
            (string city) =>
            {
                router.ReportHealth("edge", true); // the edge is back before the second turn: only affinity keeps it on the cloud
                return $"sunny, 21 C in {city}";
            },
            "weather");
        var spy = new DecisionSpy(router);
        using var loop = new FunctionInvokingChatClient(spy);

        var response = await loop.GetResponseAsync([System, new(ChatRole.User, "What is the weather in Paris?")], new ChatOptions { Tools = [weather] });

        Assert.Equal("It is sunny in Paris.", response.Text);
        Assert.Equal(0, edge.Calls);
        Assert.Equal(2, cloud.Calls);
        Assert.Equal(["cloud", "cloud"], spy.Decisions.Select(d => d.ServedBy));
        Assert.Equal(RouteRule.Affinity, spy.Decisions[1].Rule);
        Assert.Contains("conversation stays on 'cloud', which served its previous turn", spy.Decisions[1].Reasons);
        Assert.Contains(cloud.Received[1], m => m.Contents.OfType<FunctionResultContent>().Any(r => r.CallId == "c1"));

        // Another conversation is routed afresh: to the edge.
        Assert.Equal("edge", router.Plan([System, new(ChatRole.User, "What is the weather in Rome?")]).Target);
    }

    [Fact]
    public async Task A_conversation_moves_when_its_target_is_no_longer_eligible_and_the_decision_says_why()
    {
        using var router = Router([Edge(), Cloud()]);
        List<ChatMessage> turn = [System, new(ChatRole.User, "What is the weather in Paris?")];
        Assert.Equal("edge", (await router.GetResponseAsync(turn)).AdditionalProperties![InferencePropertyNames.TargetName]);

        router.ReportHealth("edge", false);
        turn.Add(new(ChatRole.Assistant, "Sunny."));
        turn.Add(new(ChatRole.User, "And tomorrow?"));
        var moved = router.Plan(turn);

        Assert.Equal("cloud", moved.Target);
        Assert.Contains("conversation moved off 'edge', which served its previous turn: rejected by Degraded", moved.Reasons);
    }

    [Fact]
    public async Task A_conversation_that_moved_stays_where_it_moved()
    {
        using var router = Router([Edge(), Cloud()]);
        List<ChatMessage> turn = [System, new(ChatRole.User, "What is the weather in Paris?")];
        await router.GetResponseAsync(turn);
        Assert.Equal("edge", router.Plan(turn).Target); // the same one-shot prompt again is not pinned: routed afresh
        router.ReportHealth("edge", false);
        turn.Add(new(ChatRole.Assistant, "Sunny."));
        turn.Add(new(ChatRole.User, "And tomorrow?"));
        await router.GetResponseAsync(turn); // served by the cloud: the conversation now lives there
        router.ReportHealth("edge", true);
        turn.Add(new(ChatRole.Assistant, "Rain."));
        turn.Add(new(ChatRole.User, "And the day after?"));

        Assert.Equal("cloud", router.Plan(turn).Target);
        Assert.Equal(RouteRule.Affinity, router.Plan(turn).Rule);
    }

    [Fact]
    public async Task A_request_with_a_conversation_id_is_refused_before_any_call_unless_the_id_is_only_a_label()
    {
        var edge = new FakeChatClient("edge");
        using var router = Router([Edge(client: edge), Cloud()]);

        var e = await Assert.ThrowsAsync<RouteRefusedException>(() => router.GetResponseAsync(Ask("Hello"), new ChatOptions { ConversationId = "conv_1" }));

        Assert.Equal(0, edge.Calls);
        Assert.Empty(e.Decision!.Attempts);
        Assert.Equal([RouteRule.ConversationState, RouteRule.ConversationState], e.Decision.Rejected.Select(r => r.Rule));
        Assert.Contains("keeps no server-side conversation history", e.Message, StringComparison.Ordinal);
        Assert.Contains("Inference:Router:ConversationIdAsAffinityKey", e.Message, StringComparison.Ordinal);

        using var labelled = Router([Edge(), Cloud()], o => o.ConversationIdAsAffinityKey = true);
        labelled.ReportHealth("edge", false);
        await labelled.GetResponseAsync(Ask("Hello"), new ChatOptions { ConversationId = "conv_1" });
        labelled.ReportHealth("edge", true);
        var next = labelled.Plan(Ask("A different opening"), new ChatOptions { ConversationId = "conv_1" });
        Assert.Equal(("cloud", RouteRule.Affinity), (next.Target, next.Rule));
    }

    [Fact]
    public void Affinity_settings_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Router([Edge()], o => o.ConversationAffinityCapacity = -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Router([Edge()], o => o.ConversationAffinityDuration = TimeSpan.FromSeconds(-1)));
    }

    private sealed class DecisionSpy(IChatClient inner) : DelegatingChatClient(inner)
    {
        public List<RouteDecision> Decisions { get; } = [];

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            Decisions.Add((RouteDecision)response.AdditionalProperties![InferencePropertyNames.RouteDecision]!);
            return response;
        }
    }
}
