using System;
using System.Collections.Generic;
using System.Threading;

namespace Inference.Sdk.Routing.Limits;

/// <summary>
/// One rate limit (an amount per window: requests or tokens per minute) of one target or tenant, counted in memory: the
/// window is cut into 60 buckets and an amount taken stays counted until a whole window has passed after its bucket ends,
/// so in any window the amounts taken never sum to more than the limit. Estimates are corrected afterwards
/// (<see cref="Settle"/>) by the usage a response reports.
/// </summary>
/// <remarks>
/// In a fleet (<see cref="LimitMode.Fleet"/>) the counter also holds a lease: a share of the fleet's limit granted by Redis
/// in the background (<see cref="BeginRenewal"/>, <see cref="CompleteRenewal"/>), spent here without a round trip. When Redis
/// is away (<see cref="LimitMode.Degraded"/>) it admits up to this instance's share of the limit and keeps what it admitted, to
/// be added to the fleet's count when Redis is back. Every member takes one short lock; no I/O, no allocation on the request path.
/// </remarks>
internal sealed class LimitCounter
{
    /// <summary>The buckets a window is cut into.</summary>
    public const int BucketsPerWindow = 60;

    private const int Slots = BucketsPerWindow + 1; // the buckets of one window, plus the one being filled
    private readonly long[] _slots = new long[Slots];
    private readonly long _bucketTicks;
    private long _retryHintTicks;
    private readonly object _gate = new();
    private readonly long _frequency;
    private long _bucket = long.MinValue;
    private long _used;
    private LimitMode _mode;
    private long _share;
    private long _lease;
    private long _leaseExpires;
    private long _leaseGrant = -1;
    private long _fleetRecorded;
    private long _replay;
    private long _demand;
    private long _largest;
    private long _lastRenewal;
    private Dictionary<long, long>? _refunds;

    /// <summary>Initializes a new instance of the <see cref="LimitCounter"/> class.</summary>
    /// <param name="name">The limit as configuration names it (<c>Targets:cloud:TokensPerMinute</c>): in reasons, messages and Redis keys.</param>
    /// <param name="kind">What is counted.</param>
    /// <param name="limit">The amount per window.</param>
    /// <param name="windowTicks">The window, in <see cref="TimeProvider"/> timestamp ticks.</param>
    /// <param name="retryHintTicks">How soon to retry when only the lease is short (the renewal interval).</param>
    /// <param name="mode">How the counter is shared.</param>
    /// <param name="frequency">The clock's timestamp frequency.</param>
    public LimitCounter(string name, RateLimitKind kind, long limit, long windowTicks, long retryHintTicks, LimitMode mode, long frequency)
    {
        _frequency = frequency;
        Name = name;
        Kind = kind;
        Limit = limit;
        _bucketTicks = Math.Max(1, windowTicks / BucketsPerWindow);
        _retryHintTicks = retryHintTicks;
        _mode = mode;
        _share = limit;
    }

    /// <summary>Gets the limit as configuration names it.</summary>
    public string Name { get; }

    /// <summary>Gets what is counted.</summary>
    public RateLimitKind Kind { get; }

    /// <summary>Gets the amount per window.</summary>
    public long Limit { get; }

    /// <summary>Gets how the counter is shared now.</summary>
    public LimitMode Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>Sets how soon to retry when only the lease is short, in timestamp ticks (the renewal interval).</summary>
    public long RetryHintTicks
    {
        set => Volatile.Write(ref _retryHintTicks, value);
    }

    /// <summary>Gets the width of one bucket, in timestamp ticks.</summary>
    public long BucketTicks => _bucketTicks;

    /// <summary>Whether <paramref name="amount"/> would be admitted now, and if not why and when; changes nothing.</summary>
    /// <param name="amount">The amount a request needs.</param>
    /// <param name="share">The share of the limit the request may use (batch work: less than 1).</param>
    /// <param name="now">The current timestamp.</param>
    public LimitCheck Check(long amount, double share, long now)
    {
        lock (_gate)
        {
            Advance(now);
            return Evaluate(amount, share, now);
        }
    }

    /// <summary>Takes <paramref name="amount"/> when it is admitted.</summary>
    /// <param name="amount">The amount a request needs.</param>
    /// <param name="share">The share of the limit the request may use.</param>
    /// <param name="now">The current timestamp.</param>
    /// <param name="ticket">What was taken, for <see cref="Settle"/>.</param>
    /// <param name="refusal">Why it was not admitted.</param>
    /// <returns>Whether it was taken.</returns>
    public bool TryTake(long amount, double share, long now, out LimitTicket ticket, out LimitCheck refusal)
    {
        lock (_gate)
        {
            Advance(now);
            refusal = Evaluate(amount, share, now);
            if (refusal.Admits || refusal.LeaseShort)
            {
                // Demand is what this instance would spend with a lease large enough: not what the limit itself refuses,
                // or a batch flood held at its share would keep asking for (and holding) the fleet's whole limit.
                _demand += amount;
                _largest = Math.Max(_largest, amount);
            }

            if (!refusal.Admits)
            {
                ticket = default;
                return false;
            }

            _slots[Slot(_bucket)] += amount;
            _used += amount;
            long grant = -1;
            switch (_mode)
            {
                case LimitMode.Fleet:
                    _lease -= amount;
                    grant = _leaseGrant;
                    break;
                case LimitMode.Degraded:
                    _replay += amount;
                    break;
            }

            ticket = new LimitTicket(this, _bucket, amount, grant);
            return true;
        }
    }

    /// <summary>Corrects a take by what the request really used (the response's usage; 0 when nothing was sent or billed).</summary>
    /// <param name="ticket">The take.</param>
    /// <param name="actual">What was really used.</param>
    /// <param name="now">The current timestamp.</param>
    public void Settle(in LimitTicket ticket, long actual, long now)
    {
        long delta = Math.Max(0, actual) - ticket.Amount;
        if (delta == 0)
        {
            return;
        }

        lock (_gate)
        {
            Advance(now);
            if (ticket.Bucket > _bucket - Slots)
            {
                int slot = Slot(ticket.Bucket);
                long corrected = Math.Max(0, _slots[slot] + delta);
                _used += corrected - _slots[slot];
                _slots[slot] = corrected;
            }

            if (ticket.Grant >= 0)
            {
                if (delta > 0)
                {
                    // Used more than granted: a debt the next grant pays (in Redis' count from then on).
                    _lease -= delta;
                    _replay += _mode == LimitMode.Fleet ? 0 : delta;
                }
                else
                {
                    // Granted but unused: given back to the grant it came from.
                    _refunds ??= [];
                    _refunds[ticket.Grant] = _refunds.GetValueOrDefault(ticket.Grant) - delta;
                }
            }
            else if (_mode != LimitMode.Local)
            {
                _replay = Math.Max(0, _replay + delta);
            }
        }
    }

    /// <summary>What the next renewal sends to Redis, or <see langword="null"/> when none is due.</summary>
    /// <param name="now">The current timestamp.</param>
    /// <param name="leaseTicks">How long a lease lives.</param>
    /// <param name="renewTicks">How often leases are renewed.</param>
    /// <param name="instances">The instances the fleet has (at least 1).</param>
    public LimitRenewal? BeginRenewal(long now, long leaseTicks, long renewTicks, int instances)
    {
        lock (_gate)
        {
            Advance(now);
            long elapsed = _lastRenewal == 0 ? renewTicks : Math.Max(1, now - _lastRenewal);

            // Enough for the demand seen, over the lease's life and the next renewal, and at least the largest request seen;
            // an idle instance keeps a small lease (an eighth of its share) so its next request needs no round trip.
            double rate = (double)_demand / elapsed;
            long want = (long)Math.Ceiling(rate * (leaseTicks + renewTicks) * 1.5);
            // An instance holds at most its share of the limit unspent (or its largest request), so a lease it cannot spend
            // soon never starves the others; a busy instance still reaches the whole limit over a window, grant after grant.
            long share = Math.Max(1, Limit / Math.Max(1, instances));
            want = Math.Min(Limit, Math.Max(Math.Max(want, _largest), Math.Max(1, Limit / (8L * Math.Max(1, instances)))));
            want = Math.Min(want, Math.Max(share, _largest));
            bool due = _mode != LimitMode.Fleet
                || _leaseGrant < 0
                || now + (2 * renewTicks) >= _leaseExpires
                || _lease * 2 < want
                || _refunds is { Count: > 0 }
                || _replay > 0;
            if (!due)
            {
                return null;
            }

            var refunds = _refunds;
            _refunds = null;
            _demand = 0;
            _largest = 0;
            _lastRenewal = now;

            // The current lease is not left counted twice in Redis (its grant and the new one): up to what is wanted is carried,
            // moved to the new grant in the same round trip, and the rest is given back. Only the carried part may be spent
            // meanwhile, so what Redis hands to others is never also spent here.
            long carried = 0, returned = 0, leaseGrant = -1;
            if (_mode == LimitMode.Fleet && _leaseGrant >= 0 && _lease > 0)
            {
                leaseGrant = _leaseGrant;
                carried = now < _leaseExpires ? Math.Min(_lease, want) : 0;
                returned = _lease - carried;
                _lease = carried;
                _fleetRecorded -= returned; // what Redis will count: the fleet's count as seen here does not grow by it
            }

            return new LimitRenewal(this, want - carried, _replay, refunds, leaseGrant, carried, returned);
        }
    }

    /// <summary>Takes the grant Redis answered: added to the carried lease, which now belongs to the new grant.</summary>
    /// <param name="renewal">The renewal that was sent.</param>
    /// <param name="granted">What Redis granted (up to what was asked).</param>
    /// <param name="grant">The grant's bucket in Redis, to give unused amounts back to.</param>
    /// <param name="recorded">The fleet's count in the window after the grant.</param>
    /// <param name="expires">When the lease ends: the time the request was sent plus the lease's life.</param>
    public void CompleteRenewal(LimitRenewal renewal, long granted, long grant, long recorded, long expires)
    {
        lock (_gate)
        {
            // The carried lease (less what was spent of it meanwhile, or a debt) now belongs to the new grant.
            _replay = Math.Max(0, _replay - renewal.Replay);
            _lease += granted;
            _leaseGrant = grant;
            _leaseExpires = expires;
            _fleetRecorded = recorded;
            _mode = LimitMode.Fleet;
        }
    }

    /// <summary>A renewal failed: what it gave back is kept for the next one (the carried lease stays with its grant).</summary>
    /// <param name="renewal">The renewal that was not confirmed.</param>
    public void FailRenewal(LimitRenewal renewal)
    {
        if (renewal.Refunds is null && renewal.Returned == 0)
        {
            return;
        }

        lock (_gate)
        {
            _refunds ??= [];
            foreach ((long grant, long amount) in renewal.Refunds ?? [])
            {
                _refunds[grant] = _refunds.GetValueOrDefault(grant) + amount;
            }

            if (renewal.Returned > 0)
            {
                _refunds[renewal.LeaseGrant] = _refunds.GetValueOrDefault(renewal.LeaseGrant) + renewal.Returned;
            }
        }
    }

    /// <summary>Redis is away: admit up to <paramref name="share"/> of the window here, and keep what is admitted for when it is back.</summary>
    /// <param name="share">This instance's share of the limit.</param>
    public void Degrade(long share)
    {
        lock (_gate)
        {
            _mode = LimitMode.Degraded;
            _share = Math.Max(1, share);
            _lease = 0;
            _leaseGrant = -1;
            _refunds = null; // what was granted stays counted in Redis: the safe side
        }
    }

    private LimitCheck Evaluate(long amount, double share, long now)
    {
        long limit = _mode == LimitMode.Degraded ? _share : Limit;
        long ceiling = share >= 1 ? limit : (long)(limit * share);
        long used = _used;
        if (_mode == LimitMode.Fleet)
        {
            used = Math.Max(used, _fleetRecorded - Math.Max(0, _lease)); // the fleet's count as of the last grant, plus what this instance spent since
        }

        if (amount > ceiling)
        {
            return new LimitCheck(false, used, ceiling, null, LeaseShort: false);
        }

        if (used + amount > ceiling)
        {
            long wait = _mode == LimitMode.Fleet && _used + amount <= ceiling ? _retryHintTicks : RetryTicks(amount, ceiling, now);
            return new LimitCheck(false, used, ceiling, Span(wait), LeaseShort: false);
        }

        if (_mode == LimitMode.Fleet && (_lease < amount || now >= _leaseExpires))
        {
            return new LimitCheck(false, used, ceiling, Span(_retryHintTicks), LeaseShort: true);
        }

        return new LimitCheck(true, used, ceiling, TimeSpan.Zero, LeaseShort: false);
    }

    private TimeSpan Span(long ticks) => TimeSpan.FromSeconds((double)ticks / _frequency);

    /// <summary>The ticks until enough of the window's oldest buckets end that <paramref name="amount"/> fits under <paramref name="ceiling"/>.</summary>
    private long RetryTicks(long amount, long ceiling, long now)
    {
        long excess = _used + amount - ceiling;
        long freed = 0;
        for (long k = _bucket - Slots + 1; k <= _bucket; k++)
        {
            freed += _slots[Slot(k)];
            if (freed >= excess)
            {
                return Math.Max(_bucketTicks / 4, ((k + Slots) * _bucketTicks) - now);
            }
        }

        return Slots * _bucketTicks; // only while a take is larger than the ceiling, which Evaluate refuses first
    }

    private void Advance(long now)
    {
        long bucket = now / _bucketTicks;
        if (bucket <= _bucket)
        {
            return;
        }

        if (_bucket == long.MinValue || bucket - _bucket >= Slots)
        {
            Array.Clear(_slots);
            _used = 0;
        }
        else
        {
            for (long k = _bucket + 1; k <= bucket; k++)
            {
                int slot = Slot(k);
                _used -= _slots[slot];
                _slots[slot] = 0;
            }
        }

        _bucket = bucket;
    }

    private static int Slot(long bucket) => (int)(((bucket % Slots) + Slots) % Slots);
}
