using System;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Routing.Limits;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// The rate-limit check a request pays (issue 19: under 2 µs, and no Redis round trip in a fleet): one target's requests and
/// tokens per minute taken and settled by the usage, alone and in a fleet spending a Redis lease (no Redis here: the request
/// path has none to make), against a locked increment, the least any thread-safe count costs.
/// </summary>
[MemoryDiagnoser]
public class LimitBenchmarks
{
    private readonly object _gate = new();
    private long _count;
    private RateLimits _local = null!;
    private RateLimits _fleet = null!;
    private TimeProvider _time = null!;

    [GlobalSetup]
    public void Setup()
    {
        _time = TimeProvider.System;
        var local = new LimitSet(_time, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250));
        _local = RateLimits.Create(local, "Targets:api", int.MaxValue, int.MaxValue)!;

        var fleet = new LimitSet(_time, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(250));
        _fleet = RateLimits.Create(fleet, "Targets:api", int.MaxValue, int.MaxValue)!;
        _ = fleet.JoinFleet(TimeSpan.FromMilliseconds(250));
        long now = _time.GetTimestamp();
        long hour = _time.TimestampFrequency * 3600;
        foreach (LimitCounter counter in fleet.All)
        {
            // A lease as Redis would grant it, large enough never to run short during the run.
            LimitRenewal renewal = counter.BeginRenewal(now, hour, hour, 1)!;
            counter.CompleteRenewal(renewal, granted: long.MaxValue / 4, grant: 1, recorded: 0, expires: now + hour);
        }
    }

    /// <summary>The least a thread-safe count costs: a lock and an increment.</summary>
    [Benchmark(Baseline = true)]
    public long LockedIncrement()
    {
        lock (_gate)
        {
            return ++_count;
        }
    }

    /// <summary>One request's check in one instance: take one request and 110 tokens, then settle both (to 0, so the window never fills over the run).</summary>
    [Benchmark]
    public long TakeAndSettle_Local() => TakeAndSettle(_local);

    /// <summary>The same in a fleet: spent from the lease Redis granted, unused tokens kept for the next renewal to give back.</summary>
    [Benchmark]
    public long TakeAndSettle_Fleet() => TakeAndSettle(_fleet);

    private long TakeAndSettle(RateLimits limits)
    {
        long now = _time.GetTimestamp();
        if (limits.TryTake(110, 1, now, out LimitTickets tickets) is not null)
        {
            throw new InvalidOperationException("The benchmark's limit refused a request.");
        }

        tickets.Requests.Settle(0, now); // keep the window from filling over the run: the benchmark's only liberty
        tickets.Settle(0, now);
        return tickets.EstimatedTokens;
    }
}
