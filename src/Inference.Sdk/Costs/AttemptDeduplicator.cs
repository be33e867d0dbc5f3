using System;
using System.Collections.Generic;

namespace Inference.Sdk.Costs;

/// <summary>Remembers the most recent attempt ids (bounded, striped, allocation-free once full) so an attempt is counted once.</summary>
internal sealed class AttemptDeduplicator
{
    private const int StripeCount = 16;
    private readonly Stripe[] _stripes;

    internal AttemptDeduplicator(int capacity)
    {
        int perStripe = Math.Max(capacity / StripeCount, 1);
        _stripes = new Stripe[StripeCount];
        for (int i = 0; i < StripeCount; i++)
        {
            _stripes[i] = new Stripe(perStripe);
        }
    }

    /// <summary>Returns <see langword="true"/> the first time an id is seen (and remembers it).</summary>
    internal bool TryAdd(Guid attemptId)
    {
        Stripe stripe = _stripes[(attemptId.GetHashCode() & int.MaxValue) % StripeCount];
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

    private sealed class Stripe(int capacity)
    {
        public readonly int Capacity = capacity;
        public readonly HashSet<Guid> Seen = new(capacity + 1);
        public readonly Queue<Guid> Order = new(capacity);
    }
}
