using System;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Pools;

/// <summary>
/// One replica of a pool: its client, its board (health, load, circuit, back-off, requests in flight: the same state the router
/// keeps per target) and the prefixes it was last sent.
/// </summary>
internal sealed class PoolEndpoint
{
    public PoolEndpoint(Uri address, IChatClient client, TargetBoard board, int prefixCapacity)
    {
        Address = address;
        Client = client;
        Board = board;
        Prefixes = new PrefixLru(prefixCapacity);
    }

    /// <summary>Gets the replica's base address.</summary>
    public Uri Address { get; }

    public IChatClient Client { get; }

    public TargetBoard Board { get; }

    public PrefixLru Prefixes { get; }

    /// <summary>Copies what the scorer reads; <paramref name="chain"/> and <paramref name="conversation"/> are matched against the replica's prefixes.</summary>
    public EndpointState State(ReadOnlySpan<ulong> chain, ulong conversation)
    {
        TargetSnapshot snapshot = Board.Snapshot();
        Prefixes.Match(chain, out int owned, out int any);
        bool conversationKnown = false;
        bool conversationBorrowed = false;
        if (conversation != 0)
        {
            conversationKnown = Prefixes.Contains(conversation, out conversationBorrowed);
        }

        return new EndpointState(
            snapshot.Healthy && !snapshot.CircuitOpen && snapshot.BackOff is null,
            conversationKnown && !conversationBorrowed,
            conversationKnown && conversationBorrowed,
            owned,
            any,
            snapshot.Load?.Queued ?? 0,
            snapshot.Load?.KvCacheUsage,
            snapshot.InFlight,
            Board.Target.MaxConcurrency);
    }
}
