using System;

namespace Inference.Sdk.Pools;

/// <summary>
/// Picks the endpoint of a replica pool for one request. Pure: the same states give the same pick.
/// <list type="number">
/// <item>Usable endpoints are available and not saturated (engine queue, KV cache, in-flight limit) and not busier than the least
/// busy usable one by more than <see cref="PoolScoring.AffinityInFlightSlack"/> requests in flight.</item>
/// <item>Among usable endpoints, affinity decides: the conversation's own endpoint, then the one it merely stood in on, then the
/// longest prefix sent by choice, then the longest prefix sent at all. The shared first block alone (tools and system prompt,
/// <c>sharedBlocks</c>) is no affinity: a new conversation goes by load, so one system prompt does not pull every conversation
/// to the replica that first saw it (whose cache would then thrash while the others idle).</item>
/// <item>Equal affinity goes to the least loaded: engine queue, then KV occupancy (in tenths), then requests in flight, then the
/// order of the pool starting at <c>start</c> (the pool rotates it, so ties spread).</item>
/// <item>An endpoint that holds more of the prefix but is not usable is escaped, and the pick names it and why.</item>
/// <item>When every available endpoint is saturated, the least loaded of them; when none is available, none.</item>
/// </list>
/// </summary>
internal static class EndpointScorer
{
    /// <param name="endpoints">Each endpoint's state.</param>
    /// <param name="scoring">The thresholds.</param>
    /// <param name="start">Where ties start in the pool's order.</param>
    /// <param name="sharedBlocks">How many leading blocks are shared by design (1 when the prompt has tools or a system prompt): matching only those is no affinity.</param>
    public static EndpointPick Pick(ReadOnlySpan<EndpointState> endpoints, PoolScoring scoring, int start = 0, int sharedBlocks = 0)
    {
        int minInFlight = int.MaxValue;
        for (int i = 0; i < endpoints.Length; i++)
        {
            if (endpoints[i].Available && Saturation(endpoints[i], scoring) == EndpointEscape.None)
            {
                minInFlight = Math.Min(minInFlight, endpoints[i].InFlight);
            }
        }

        if (minInFlight == int.MaxValue)
        {
            int least = -1;
            for (int i = 0; i < endpoints.Length; i++)
            {
                if (endpoints[i].Available && (least < 0 || LessLoaded(endpoints[i], i, endpoints[least], least, start, endpoints.Length)))
                {
                    least = i;
                }
            }

            return least < 0 ? EndpointPick.Nothing : new EndpointPick(least, EndpointPickBasis.Saturated, endpoints[least].AnyBlocks, -1, EndpointEscape.None);
        }

        int picked = -1;
        int escaped = -1;
        EndpointEscape escape = EndpointEscape.None;
        for (int i = 0; i < endpoints.Length; i++)
        {
            EndpointEscape why = Unusable(endpoints[i], scoring, minInFlight);
            if (why != EndpointEscape.None)
            {
                if (Affinity(endpoints[i], sharedBlocks) > 0 && (escaped < 0 || Affinity(endpoints[i], sharedBlocks) > Affinity(endpoints[escaped], sharedBlocks)))
                {
                    escaped = i;
                    escape = why;
                }

                continue;
            }

            if (picked < 0)
            {
                picked = i;
                continue;
            }

            long a = Affinity(endpoints[i], sharedBlocks);
            long b = Affinity(endpoints[picked], sharedBlocks);
            if (a > b || (a == b && LessLoaded(endpoints[i], i, endpoints[picked], picked, start, endpoints.Length)))
            {
                picked = i;
            }
        }

        EndpointState chosen = endpoints[picked];
        EndpointPickBasis basis = chosen.ConversationOwned || chosen.ConversationBorrowed
            ? EndpointPickBasis.Conversation
            : Affinity(chosen, sharedBlocks) > 0 ? EndpointPickBasis.Prefix : EndpointPickBasis.Load;
        if (escaped >= 0 && Affinity(endpoints[escaped], sharedBlocks) <= Affinity(chosen, sharedBlocks))
        {
            escaped = -1;
            escape = EndpointEscape.None;
        }

        return new EndpointPick(picked, basis, chosen.AnyBlocks, escaped, escape)
        {
            StandIn = escaped >= 0 && (endpoints[escaped].ConversationOwned || endpoints[escaped].ConversationBorrowed || endpoints[escaped].AnyBlocks > 1),
        };
    }

    /// <summary>
    /// The affinity order as one number: conversation owned, conversation borrowed, owned blocks, any blocks (each below 2^20
    /// blocks, far beyond any prompt's message count); blocks up to <paramref name="sharedBlocks"/> count as none.
    /// </summary>
    private static long Affinity(in EndpointState e, int sharedBlocks) =>
        ((e.ConversationOwned ? 1L : 0L) << 62)
        | ((e.ConversationBorrowed ? 1L : 0L) << 61)
        | ((long)Blocks(e.OwnedBlocks, sharedBlocks) << 20)
        | (long)Blocks(e.AnyBlocks, sharedBlocks);

    private static int Blocks(int blocks, int sharedBlocks) => blocks <= sharedBlocks ? 0 : Math.Min(blocks, 0xFFFFF);

    private static EndpointEscape Unusable(in EndpointState e, PoolScoring scoring, int minInFlight)
    {
        if (!e.Available)
        {
            return EndpointEscape.Unavailable;
        }

        EndpointEscape saturated = Saturation(e, scoring);
        if (saturated != EndpointEscape.None)
        {
            return saturated;
        }

        return e.InFlight > minInFlight + scoring.AffinityInFlightSlack ? EndpointEscape.Imbalance : EndpointEscape.None;
    }

    private static EndpointEscape Saturation(in EndpointState e, PoolScoring scoring)
    {
        if (e.Queued > scoring.MaxQueuedRequests)
        {
            return EndpointEscape.Queue;
        }

        if (e.KvCacheUsage > scoring.MaxKvCacheUsage)
        {
            return EndpointEscape.KvCache;
        }

        return e.MaxConcurrency is int max && e.InFlight >= max ? EndpointEscape.Concurrency : EndpointEscape.None;
    }

    private static bool LessLoaded(in EndpointState a, int ai, in EndpointState b, int bi, int start, int count)
    {
        if (a.Queued != b.Queued)
        {
            return a.Queued < b.Queued;
        }

        int ak = Tenths(a.KvCacheUsage);
        int bk = Tenths(b.KvCacheUsage);
        if (ak != bk)
        {
            return ak < bk;
        }

        return a.InFlight != b.InFlight ? a.InFlight < b.InFlight : (ai - start + count) % count < (bi - start + count) % count;
    }

    private static int Tenths(double? usage) => usage is double u ? (int)Math.Floor(Math.Clamp(u, 0, 1) * 10) : 0;
}
