using System;
using System.Collections.Generic;
using System.Threading;

namespace Inference.Sdk.Costs;

/// <summary>
/// Remembers the most recent attempt ids (bounded, allocation-free once full) so an attempt is counted once.
/// </summary>
/// <remarks>
/// The ids this process made (<see cref="AttemptIds"/>: its prefix and a counter) are one bit each in a ring over the most recent
/// <c>capacity</c> counter values: a record touches the cache line of ids made at about the same time, not a random slot of a
/// large set. Any other id (another process's, or one the caller set) goes to a bounded set, striped by hash, created on first use.
/// An id older than what is remembered counts as new, either way.
/// </remarks>
internal sealed class AttemptDeduplicator
{
    private const int StripeCount = 16;
    private readonly int _capacity;
    private readonly ulong[] _window;
    private readonly long _span;
    private readonly Lock _windowGate = new();
    private long _newest;
    private Stripe[]? _stripes;

    internal AttemptDeduplicator(int capacity)
    {
        _capacity = capacity;
        _window = new ulong[(capacity + 63) / 64];
        _span = _window.Length * 64L;
    }

    /// <summary>Returns <see langword="true"/> the first time an id is seen (and remembers it).</summary>
    internal bool TryAdd(Guid attemptId) =>
        AttemptIds.TryGetCounter(attemptId, out long counter) ? TryAddOwn(counter) : TryAddOther(attemptId);

    private bool TryAddOwn(long counter)
    {
        lock (_windowGate)
        {
            if (counter > _newest)
            {
                // Slide the ring forward: the positions of the counters after the newest, up to this one, are cleared for them.
                if (counter - _newest >= _span)
                {
                    Array.Clear(_window);
                }
                else
                {
                    for (long c = _newest + 1; c <= counter; c++)
                    {
                        long at = c % _span;
                        _window[at >> 6] &= ~(1UL << (int)(at & 63));
                    }
                }

                _newest = counter;
            }
            else if (counter <= _newest - _capacity)
            {
                return true; // older than what is remembered
            }

            long position = counter % _span;
            ulong bit = 1UL << (int)(position & 63);
            ref ulong word = ref _window[position >> 6];
            if ((word & bit) != 0)
            {
                return false;
            }

            word |= bit;
            return true;
        }
    }

    private bool TryAddOther(Guid attemptId)
    {
        var stripes = Volatile.Read(ref _stripes) ?? CreateStripes();
        Stripe stripe = stripes[(attemptId.GetHashCode() & int.MaxValue) % StripeCount];
        lock (stripe)
        {
            if (!stripe.Seen.Add(attemptId))
            {
                return false;
            }

            if (stripe.Order.Count == stripe.Capacity)
            {
                stripe.Seen.Remove(stripe.Order.Dequeue());
            }

            stripe.Order.Enqueue(attemptId);
            return true;
        }
    }

    private Stripe[] CreateStripes()
    {
        int perStripe = Math.Max(_capacity / StripeCount, 1);
        var stripes = new Stripe[StripeCount];
        for (int i = 0; i < StripeCount; i++)
        {
            stripes[i] = new Stripe(perStripe);
        }

        return Interlocked.CompareExchange(ref _stripes, stripes, null) ?? stripes;
    }

    private sealed class Stripe(int capacity)
    {
        public readonly int Capacity = capacity;
        public readonly HashSet<Guid> Seen = [];
        public readonly Queue<Guid> Order = new();
    }
}
