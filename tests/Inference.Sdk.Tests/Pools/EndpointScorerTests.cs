using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Pools;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Pools;

public sealed class EndpointScorerTests
{
    private const string System = "You are a support agent for Contoso. Answer briefly.";

    [Fact]
    public void Prompts_share_exactly_the_hashes_of_the_blocks_they_share()
    {
        ulong[] first = PrefixChain.Compute(Turns(System, "hi", "hello", "how are you"), null);
        ulong[] second = PrefixChain.Compute(Turns(System, "hi", "hello", "what time is it"), null);
        ulong[] other = PrefixChain.Compute(Turns("Another system prompt.", "hi", "hello", "how are you"), null);

        Assert.Equal(4, first.Length); // system, then three turns
        Assert.Equal(first[..3], second[..3]);
        Assert.NotEqual(first[3], second[3]);
        Assert.Empty(first.Intersect(other)); // a different system prompt changes every hash after it
    }

    [Fact]
    public void Tools_belong_to_the_first_block()
    {
        var tools = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => city, "weather", "The weather in a city.")] };
        ulong[] with = PrefixChain.Compute(Turns(System, "hi"), tools);
        ulong[] without = PrefixChain.Compute(Turns(System, "hi"), null);

        Assert.Equal(2, with.Length);
        Assert.NotEqual(with[0], without[0]);
    }

    [Fact]
    public void The_same_prefix_goes_to_the_same_endpoint_while_it_is_healthy_and_not_saturated()
    {
        var pool = new Pool(3);
        var picks = new List<int>();
        for (int conversation = 0; conversation < 9; conversation++)
        {
            // Nine conversations open at once: each stays in flight, so the shared system prompt alone does not pull them all to one endpoint.
            int index = pool.Send(Turns(System, $"question {conversation}")).Index;
            pool.States[index] = pool.States[index] with { InFlight = pool.States[index].InFlight + 1 };
        }

        for (int i = 0; i < pool.States.Length; i++)
        {
            pool.States[i] = pool.States[i] with { InFlight = 0 };
        }

        for (int conversation = 0; conversation < 9; conversation++)
        {
            int home = pool.Send(Turns(System, $"question {conversation}")).Index;
            for (int turn = 1; turn < 5; turn++)
            {
                EndpointPick pick = pool.Send(Turns(System, Conversation(conversation, turn)));
                Assert.Equal(home, pick.Index);
                Assert.Equal(EndpointPickBasis.Prefix, pick.Basis);
                Assert.Equal(EndpointEscape.None, pick.Escape);
            }

            picks.Add(home);
        }

        Assert.Equal(3, picks.Distinct().Count()); // new conversations spread over the pool by load
    }

    [Fact]
    public void A_saturated_endpoint_is_escaped_and_the_pick_says_why()
    {
        var pool = new Pool(2);
        int home = pool.Send(Turns(System, "a")).Index;
        pool.States[home] = pool.States[home] with { Queued = 9 };

        EndpointPick pick = pool.Send(Turns(System, "a", "b", "c"));

        Assert.NotEqual(home, pick.Index);
        Assert.Equal(home, pick.EscapedFrom);
        Assert.Equal(EndpointEscape.Queue, pick.Escape);

        pool.States[home] = pool.States[home] with { Queued = 0, KvCacheUsage = 0.97 };
        Assert.Equal(EndpointEscape.KvCache, pool.Pick(Turns(System, "a", "b", "c", "d")).Escape);
    }

    [Fact]
    public void A_dead_endpoints_conversations_move_and_come_back()
    {
        var pool = new Pool(3);
        var homes = new Dictionary<int, int>();
        for (int conversation = 0; conversation < 9; conversation++)
        {
            homes[conversation] = pool.Send(Turns(System, Conversation(conversation, 1))).Index;
            pool.States[homes[conversation]] = pool.States[homes[conversation]] with { InFlight = pool.States[homes[conversation]].InFlight + 1 };
        }

        for (int i = 0; i < pool.States.Length; i++)
        {
            pool.States[i] = pool.States[i] with { InFlight = 0 };
        }

        Assert.Equal(3, homes.Values.Distinct().Count());

        int dead = homes[0];
        pool.States[dead] = pool.States[dead] with { Available = false };
        var during = new Dictionary<int, int>();
        foreach ((int conversation, int home) in homes)
        {
            EndpointPick first = pool.Send(Turns(System, Conversation(conversation, 2)));
            EndpointPick second = pool.Send(Turns(System, Conversation(conversation, 3)));
            Assert.NotEqual(dead, first.Index);
            Assert.Equal(first.Index, second.Index); // the stand-in keeps it while the home is out
            if (home == dead)
            {
                Assert.Equal(dead, first.EscapedFrom);
                Assert.Equal(EndpointEscape.Unavailable, first.Escape);
                during[conversation] = first.Index;
            }
            else
            {
                Assert.Equal(home, first.Index);
            }
        }

        Assert.NotEmpty(during);
        pool.States[dead] = pool.States[dead] with { Available = true };
        foreach ((int conversation, int home) in homes)
        {
            Assert.Equal(home, pool.Send(Turns(System, Conversation(conversation, 4))).Index);
        }
    }

    [Fact]
    public void A_busy_home_gives_way_beyond_the_slack()
    {
        var pool = new Pool(2);
        int home = pool.Send(Turns(System, "a")).Index;
        pool.States[home] = pool.States[home] with { InFlight = 2 };
        Assert.Equal(home, pool.Pick(Turns(System, "a", "b")).Index); // 2 ahead of an idle endpoint: within the slack

        pool.States[home] = pool.States[home] with { InFlight = 3 };
        EndpointPick pick = pool.Pick(Turns(System, "a", "b"));
        Assert.Equal(1 - home, pick.Index);
        Assert.Equal(EndpointEscape.Imbalance, pick.Escape);
    }

    [Fact]
    public void A_shared_system_prompt_alone_is_no_affinity_so_ties_rotate_and_an_earlier_turn_is()
    {
        EndpointState[] states =
        [
            new(true, false, false, 1, 1, 0, null, 0, null), // has seen the system prompt
            new(true, false, false, 0, 0, 0, null, 0, null),
            new(true, false, false, 0, 0, 0, null, 0, null),
        ];

        EndpointPick[] fresh = [.. Enumerable.Range(0, 3).Select(start => EndpointScorer.Pick(states, PoolScoring.Default, start, sharedBlocks: 1))];
        EndpointPick own = EndpointScorer.Pick(states, PoolScoring.Default, start: 2, sharedBlocks: 0);
        states[2] = states[2] with { OwnedBlocks = 2, AnyBlocks = 2 };
        EndpointPick later = EndpointScorer.Pick(states, PoolScoring.Default, start: 0, sharedBlocks: 1);

        Assert.Equal([0, 1, 2], fresh.Select(p => p.Index));
        Assert.All(fresh, p => Assert.Equal(EndpointPickBasis.Load, p.Basis));
        Assert.Equal((0, EndpointPickBasis.Prefix), (own.Index, own.Basis)); // without a shared head, block 0 is the conversation's own
        Assert.Equal((2, EndpointPickBasis.Prefix), (later.Index, later.Basis));
    }

    [Fact]
    public void Conversation_affinity_wins_over_a_longer_prefix_elsewhere()
    {
        EndpointState[] states =
        [
            new(true, false, false, 5, 5, 0, null, 0, null),
            new(true, true, false, 1, 1, 0, null, 0, null),
        ];

        EndpointPick pick = EndpointScorer.Pick(states, PoolScoring.Default);

        Assert.Equal(1, pick.Index);
        Assert.Equal(EndpointPickBasis.Conversation, pick.Basis);
    }

    [Fact]
    public void When_every_endpoint_is_saturated_the_least_loaded_serves_and_when_none_is_available_none_does()
    {
        EndpointState[] saturated =
        [
            new(true, false, false, 3, 3, 7, null, 0, null),
            new(true, false, false, 0, 0, 5, null, 0, null),
        ];
        Assert.Equal(new EndpointPick(1, EndpointPickBasis.Saturated, 0, -1, EndpointEscape.None), EndpointScorer.Pick(saturated, PoolScoring.Default));

        EndpointState[] down = [saturated[0] with { Available = false }, saturated[1] with { Available = false }];
        Assert.Equal(EndpointPick.Nothing, EndpointScorer.Pick(down, PoolScoring.Default));
    }

    [Fact]
    public void The_lru_stays_within_its_bound_under_100000_distinct_prefixes_and_forgets_the_oldest()
    {
        var lru = new PrefixLru(4_096);
        var random = new Random(20);
        ulong[] chain = new ulong[4];
        ulong[] last = [];
        for (int i = 0; i < 100_000; i++)
        {
            for (int b = 0; b < chain.Length; b++)
            {
                chain[b] = (ulong)random.NextInt64();
            }

            lru.Remember(chain, 0, borrowed: false);
            Assert.True(lru.Count <= lru.Capacity);
            last = (ulong[])chain.Clone();
        }

        Assert.Equal(4_096, lru.Count);
        lru.Match(last, out int owned, out int any);
        Assert.Equal((4, 4), (owned, any));

        ulong oldest = 12345;
        var small = new PrefixLru(3);
        small.Remember([oldest], 0, false);
        small.Remember([1, 2], 0, false);
        small.Remember([oldest], 0, false); // refreshed: 1 is now the least recent
        small.Remember([3], 0, false);
        Assert.True(small.Contains(oldest, out _));
        Assert.False(small.Contains(1, out _));
    }

    [Fact]
    public void An_owned_entry_stays_owned_and_a_borrowed_one_becomes_owned_when_chosen()
    {
        var lru = new PrefixLru(8);
        lru.Remember([1, 2], 0, borrowed: false);
        lru.Remember([1, 2, 3], 0, borrowed: true);
        lru.Match([1, 2, 3], out int owned, out int any);
        Assert.Equal((2, 3), (owned, any));

        lru.Remember([1, 2, 3], 0, borrowed: false);
        lru.Match([1, 2, 3], out owned, out any);
        Assert.Equal((3, 3), (owned, any));
    }

    private static IEnumerable<string> Conversation(int conversation, int turns)
    {
        yield return $"question {conversation}";
        for (int turn = 1; turn <= turns; turn++)
        {
            yield return $"answer {conversation}.{turn}";
            yield return $"follow-up {conversation}.{turn}";
        }
    }

    private static List<ChatMessage> Turns(string system, params string[] turns) => Turns(system, (IEnumerable<string>)turns);

    private static List<ChatMessage> Turns(string system, IEnumerable<string> turns)
    {
        var messages = new List<ChatMessage> { new(ChatRole.System, system) };
        int i = 0;
        foreach (string turn in turns)
        {
            messages.Add(new ChatMessage(i++ % 2 == 0 ? ChatRole.User : ChatRole.Assistant, turn));
        }

        return messages;
    }

    /// <summary>The pool's bookkeeping around the pure scorer, as the pool client does it: match, pick, remember (borrowed when escaping).</summary>
    private sealed class Pool
    {
        private readonly PrefixLru[] _memory;

        public Pool(int endpoints)
        {
            _memory = Enumerable.Range(0, endpoints).Select(_ => new PrefixLru(1024)).ToArray();
            States = Enumerable.Range(0, endpoints).Select(_ => new EndpointState(true, false, false, 0, 0, 0, null, 0, null)).ToArray();
        }

        public EndpointState[] States { get; }

        public EndpointPick Pick(List<ChatMessage> messages) => Pick(PrefixChain.Compute(messages, null));

        public EndpointPick Send(List<ChatMessage> messages)
        {
            ulong[] chain = PrefixChain.Compute(messages, null);
            EndpointPick pick = Pick(chain);
            _memory[pick.Index].Remember(chain, 0, borrowed: pick.StandIn);
            return pick;
        }

        private EndpointPick Pick(ulong[] chain)
        {
            for (int i = 0; i < States.Length; i++)
            {
                _memory[i].Match(chain, out int owned, out int any);
                States[i] = States[i] with { OwnedBlocks = owned, AnyBlocks = any };
            }

            return EndpointScorer.Pick(States, PoolScoring.Default);
        }
    }
}
