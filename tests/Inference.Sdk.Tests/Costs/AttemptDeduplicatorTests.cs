using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using Inference.Sdk.Costs;

namespace Inference.Sdk.Tests.Costs;

/// <summary>An attempt is counted once: the ids of this process in a ring of bits, any other id in a bounded set.</summary>
public sealed class AttemptDeduplicatorTests
{
    [Fact]
    public void Own_ids_in_any_order_are_new_once_while_within_the_most_recent_capacity() =>
        Gen.Select(Gen.Int[16, 300], Gen.Int[0, 599].Array[1, 3000]).Sample((capacity, picks) =>
        {
            Guid[] ids = Enumerable.Range(0, 600).Select(_ => AttemptIds.Next()).ToArray();
            long Counter(Guid id) => AttemptIds.TryGetCounter(id, out long c) ? c : throw new InvalidOperationException("not an id of this process");
            var dedup = new AttemptDeduplicator(capacity);
            var added = new HashSet<long>();
            long newest = 0;
            foreach (int pick in picks)
            {
                long counter = Counter(ids[pick]);
                bool remembered = added.Contains(counter) && counter > newest - capacity;
                Assert.Equal(!remembered, dedup.TryAdd(ids[pick]));
                added.Add(counter);
                newest = Math.Max(newest, counter);
            }
        });

    [Fact]
    public void A_jump_past_the_whole_ring_forgets_everything_before_it()
    {
        var dedup = new AttemptDeduplicator(64);
        Guid first = AttemptIds.Next();
        Assert.True(dedup.TryAdd(first));
        Guid[] later = Enumerable.Range(0, 1000).Select(_ => AttemptIds.Next()).ToArray();
        Assert.True(dedup.TryAdd(later[^1]));
        Assert.False(dedup.TryAdd(later[^1]));
        Assert.True(dedup.TryAdd(later[^2])); // in the ring, not seen
        Assert.False(dedup.TryAdd(later[^2]));
        Assert.True(dedup.TryAdd(first)); // older than the ring: counts as new
    }

    [Fact]
    public void Other_ids_are_new_once_and_the_oldest_are_forgotten_first()
    {
        var dedup = new AttemptDeduplicator(16); // one id per stripe
        Guid id = Guid.NewGuid();
        Assert.False(AttemptIds.TryGetCounter(id, out _));
        Assert.True(dedup.TryAdd(id));
        Assert.False(dedup.TryAdd(id));

        var many = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToArray();
        Assert.All(many, g => Assert.True(dedup.TryAdd(g)));
        Assert.False(dedup.TryAdd(many[^1]));
        Assert.True(dedup.TryAdd(id)); // pushed out by the ids that followed on its stripe
    }
}
