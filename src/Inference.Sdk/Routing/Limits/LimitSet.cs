using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Routing.Limits;

/// <summary>
/// Every rate limit one router counts (its targets' and its tenants'), and how they are shared: by this instance alone, or by a
/// fleet through Redis once <see cref="JoinFleet"/> is called (the background renewal then reads <see cref="All"/>).
/// </summary>
internal sealed class LimitSet
{
    private readonly object _gate = new();
    private LimitCounter[] _all = [];
    private LimitMode _mode = LimitMode.Local;
    private int _instances = 1;
    private TaskCompletionSource _round = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action? _renewalWanted;

    /// <summary>Initializes a new instance of the <see cref="LimitSet"/> class.</summary>
    /// <param name="time">The clock.</param>
    /// <param name="window">The window limits count over (a minute; tests shorten it).</param>
    /// <param name="retryHint">How soon to retry when only a fleet lease is short.</param>
    public LimitSet(TimeProvider time, TimeSpan window, TimeSpan retryHint)
    {
        Time = time;
        Window = window;
        WindowTicks = (long)(window.TotalSeconds * time.TimestampFrequency);
        RetryHintTicks = (long)(retryHint.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the window limits count over.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets the window in timestamp ticks.</summary>
    public long WindowTicks { get; }

    /// <summary>Gets how soon to retry when only a fleet lease is short, in timestamp ticks.</summary>
    public long RetryHintTicks { get; private set; }

    /// <summary>Gets or sets how many instances the fleet had when Redis last answered (1 until then).</summary>
    public int Instances
    {
        get => Volatile.Read(ref _instances);
        set => Volatile.Write(ref _instances, Math.Max(1, value));
    }

    /// <summary>Gets a value indicating whether the limits are a fleet's.</summary>
    public bool InFleet
    {
        get
        {
            lock (_gate)
            {
                return _mode != LimitMode.Local;
            }
        }
    }

    /// <summary>This instance's share of <paramref name="limit"/>: an equal part for each instance the fleet has.</summary>
    public long ShareOf(long limit) => Math.Max(1, limit / Instances);

    /// <summary>Gets every counter created so far.</summary>
    public IReadOnlyList<LimitCounter> All => Volatile.Read(ref _all);

    /// <summary>Creates a counter, shared the way the set is.</summary>
    public LimitCounter Create(string name, RateLimitKind kind, long limit)
    {
        lock (_gate)
        {
            // With Redis answering, a new counter waits for its first grant (the first request asks for it, NextRoundAsync);
            // with Redis away (or not heard from yet) it admits this instance's share.
            var counter = new LimitCounter(name, kind, limit, WindowTicks, RetryHintTicks, _mode, Time.TimestampFrequency);
            if (_mode == LimitMode.Degraded)
            {
                counter.Degrade(ShareOf(limit));
            }

            Volatile.Write(ref _all, [.. _all, counter]);
            return counter;
        }
    }

    /// <summary>From now on limits are the fleet's: every counter, existing and new, admits only while its lease lasts.</summary>
    /// <returns>The counters that were counting alone until now.</returns>
    /// <param name="retryHint">How soon to retry when only a lease is short: the renewal interval.</param>
    public IReadOnlyList<LimitCounter> JoinFleet(TimeSpan retryHint)
    {
        lock (_gate)
        {
            RetryHintTicks = (long)(retryHint.TotalSeconds * Time.TimestampFrequency);
            foreach (var counter in _all)
            {
                counter.RetryHintTicks = RetryHintTicks;
            }

            _mode = LimitMode.Degraded; // new counters: this instance's share until Redis answers
            return _all;
        }
    }

    /// <summary>Gets how soon to retry when only a fleet lease is short.</summary>
    public TimeSpan RetryHint => TimeSpan.FromSeconds((double)RetryHintTicks / Time.TimestampFrequency);

    /// <summary>Sets what wakes the background renewal at once (the fleet's pump).</summary>
    /// <param name="wake">The callback.</param>
    public void OnRenewalWanted(Action wake) => Volatile.Write(ref _renewalWanted, wake);

    /// <summary>A request found a lease short: asks for a renewal now and completes when the next round of renewals is done.</summary>
    /// <returns>A task that completes after the next round (answered or not).</returns>
    public Task NextRoundAsync()
    {
        Task next = Volatile.Read(ref _round).Task;
        Volatile.Read(ref _renewalWanted)?.Invoke();
        return next;
    }

    /// <summary>A round of renewals ended: new counters start the way Redis answered, and requests waiting for it go on.</summary>
    /// <param name="answered">Whether Redis answered.</param>
    public void RoundDone(bool answered)
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _mode = answered ? LimitMode.Fleet : LimitMode.Degraded;
            done = _round;
            _round = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }
}
