using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Inference.Sdk.Tests.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Pools;

public sealed class EndpointPoolChatClientTests
{
    [Fact]
    public async Task A_conversation_stays_on_its_replica_and_the_response_says_which_and_why()
    {
        FakeChatClient[] replicas = [new("a"), new("b"), new("c")];
        using EndpointPoolChatClient pool = Pool(replicas);
        var messages = new List<ChatMessage> { new(ChatRole.System, "Be brief."), new(ChatRole.User, "hi") };

        ChatResponse first = await pool.GetResponseAsync(messages);
        messages.AddRange(first.Messages);
        messages.Add(new ChatMessage(ChatRole.User, "and then?"));
        ChatResponse second = await pool.GetResponseAsync(messages);

        var decision = Assert.IsType<EndpointDecision>(second.AdditionalProperties![InferencePropertyNames.Endpoint]);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(EndpointPickBasis.Prefix, decision.Basis);
        Assert.Equal((2, 4), (decision.MatchedBlocks, decision.PromptBlocks)); // system and "hi" were sent there; the answer and the new turn were not
        Assert.Equal(1, decision.Attempt);
    }

    [Fact]
    public async Task New_conversations_behind_one_system_prompt_spread_over_the_pool_and_each_stays_on_its_replica()
    {
        FakeChatClient[] replicas = [new("a"), new("b"), new("c")];
        using EndpointPoolChatClient pool = Pool(replicas);
        var conversations = Enumerable.Range(0, 6).Select(c => new List<ChatMessage> { new(ChatRole.System, "Be brief."), new(ChatRole.User, $"question {c}") }).ToList();
        var homes = new List<string>();
        foreach (List<ChatMessage> conversation in conversations)
        {
            ChatResponse response = await pool.GetResponseAsync(conversation);
            homes.Add(response.Text);
            conversation.AddRange(response.Messages);
            conversation.Add(new ChatMessage(ChatRole.User, "and then?"));
        }

        var again = new List<string>();
        foreach (List<ChatMessage> conversation in conversations)
        {
            again.Add((await pool.GetResponseAsync(conversation)).Text);
        }

        Assert.All(replicas, r => Assert.Equal(4, r.Calls)); // two conversations each, two turns each
        Assert.Equal(homes, again);
    }

    [Fact]
    public async Task A_replica_that_refuses_connections_before_output_hands_the_request_to_another_and_opens_its_circuit()
    {
        var down = new FakeChatClient("down", (_, _) => throw new HttpRequestException("Connection refused", null, null));
        FakeChatClient up = new("up");
        using EndpointPoolChatClient pool = Pool([down, up]);

        for (int i = 0; i < 12; i++)
        {
            ChatResponse response = await pool.GetResponseAsync([new ChatMessage(ChatRole.User, $"question {i}")]);
            Assert.Equal("from up", response.Text);
        }

        Assert.True(pool.Endpoints[0].Board.CircuitOpen);
        Assert.InRange(down.Calls, 1, 11); // once the circuit opened, the dead replica was no longer tried
        Assert.Equal(12, up.Calls);
        Assert.All(pool.Endpoints, e => Assert.Equal(0, e.Board.Snapshot().InFlight));
    }

    [Fact]
    public async Task When_every_replica_is_out_the_pool_fails_like_one_target()
    {
        using EndpointPoolChatClient pool = Pool([new("a"), new("b")]);
        pool.ReportHealth(0, false);
        pool.ReportHealth(1, false);

        await Assert.ThrowsAsync<TargetUnavailableException>(() => pool.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));
    }

    [Fact]
    public async Task A_stream_fails_over_only_before_its_first_update()
    {
        var down = new FakeChatClient("down", (_, _) => throw new HttpRequestException("Connection refused", null, null));
        using EndpointPoolChatClient pool = Pool([down, new("up")]);

        var attempts = new List<int>();
        for (int i = 0; i < 2; i++)
        {
            // Ties rotate over the pool: one of two idle picks starts on the dead replica.
            List<ChatResponseUpdate> updates = await pool.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, $"hi {i}")]).ToListAsync();
            Assert.Equal("from up", string.Concat(updates.Select(u => u.Text)));
            attempts.Add(Assert.IsType<EndpointDecision>(updates[0].AdditionalProperties![InferencePropertyNames.Endpoint]).Attempt);
        }

        Assert.Equal([1, 2], attempts.Order());
        Assert.Equal(1, down.Calls);
    }

    [Fact]
    public async Task The_routers_decision_names_the_replica_that_served_buffered_and_streamed()
    {
        var down = new FakeChatClient("down", (_, _) => throw new HttpRequestException("Connection refused", null, null));
        using EndpointPoolChatClient pool = Pool([down, new("up")]);
        using HybridRouterChatClient router = RouterFixture.Router([RouterFixture.Edge("pool", client: pool)]);

        ChatResponse response = await router.GetResponseAsync(RouterFixture.Ask("hi"));
        List<ChatResponseUpdate> updates = await router.GetStreamingResponseAsync(RouterFixture.Ask("hello")).ToListAsync();

        var buffered = Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]);
        Assert.Equal(new Uri("http://127.0.0.1:8082/v1"), buffered.Endpoint!.Endpoint);
        Assert.Contains("pool at http://127.0.0.1:8082/v1 (", buffered.ToString(), StringComparison.Ordinal);
        var streamed = Assert.IsType<RouteDecision>(updates.First(u => u.AdditionalProperties?.ContainsKey(InferencePropertyNames.RouteDecision) == true).AdditionalProperties![InferencePropertyNames.RouteDecision]);
        Assert.Equal(new Uri("http://127.0.0.1:8082/v1"), streamed.Endpoint!.Endpoint);
    }

    [Fact]
    public async Task A_single_endpoint_target_leaves_the_decisions_endpoint_empty()
    {
        using HybridRouterChatClient router = RouterFixture.Router([RouterFixture.Edge()]);

        ChatResponse response = await router.GetResponseAsync(RouterFixture.Ask("hi"));

        Assert.Null(Assert.IsType<RouteDecision>(response.AdditionalProperties![InferencePropertyNames.RouteDecision]).Endpoint);
    }

    [Fact]
    public async Task A_replica_that_leaves_finishes_its_requests_in_flight_and_gets_no_new_one_and_one_that_comes_back_starts_afresh()
    {
        var gate = new TaskCompletionSource();
        var clients = new Dictionary<int, FakeChatClient>
        {
            [8081] = new("a", async (_, ct) => { await gate.Task.WaitAsync(ct); return new ChatResponse(new ChatMessage(ChatRole.Assistant, "from a")); }),
            [8082] = new("b"),
        };
        using EndpointPoolChatClient pool = EndpointPoolChatClient.CreateDiscovered(
            "pool", address => clients[address.Port], new HybridRouterOptions(), TimeProvider.System, prefixCapacity: 64);
        Uri a = new("http://127.0.0.1:8081/"), b = new("http://127.0.0.1:8082/");
        pool.SetEndpoints([a]);
        PoolEndpoint leaving = pool.Endpoints[0];

        Task<ChatResponse> inFlight = pool.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi")]);
        (IReadOnlyList<PoolEndpoint> joined, IReadOnlyList<PoolEndpoint> left) = pool.SetEndpoints([b]);
        Assert.Equal(b, Assert.Single(joined).Address);
        Assert.Same(leaving, Assert.Single(left));
        Assert.Equal(1, leaving.Board.Snapshot().InFlight);
        Assert.Equal("from b", (await pool.GetResponseAsync([new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "hi")])).Text);

        gate.SetResult();
        Assert.Equal("from a", (await inFlight).Text); // finished where it started
        Assert.Equal(0, leaving.Board.Snapshot().InFlight);

        pool.SetEndpoints([b, a]);
        Assert.NotSame(leaving, pool.Endpoints[1]);
        Assert.Equal(0, pool.Endpoints[1].Prefixes.Count);
        Assert.Equal(1, clients[8081].Calls);
    }

    private static EndpointPoolChatClient Pool(FakeChatClient[] replicas) => EndpointPoolChatClient.Create(
        "pool",
        replicas.Select((r, i) => (new Uri($"http://127.0.0.1:{8081 + i}/v1"), (IChatClient)r)).ToList(),
        new HybridRouterOptions { CircuitBreakerMinimumThroughput = 2 },
        TimeProvider.System,
        prefixCapacity: 64);
}
