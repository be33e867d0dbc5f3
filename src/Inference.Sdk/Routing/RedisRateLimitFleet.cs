using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Inference.Sdk.Routing;

/// <summary>
/// Makes a router's rate limits (its targets' and tenants' requests and tokens per minute) hold across a fleet of instances
/// sharing one Redis. Each limit is counted in Redis by a Lua script as a sliding window of 60 buckets (on Redis' clock); each
/// instance leases a share of it in the background and spends the lease in memory, so the request path never waits on Redis.
/// A lease that goes unused is given back to the bucket it was granted from; at each renewal the part of the lease still
/// wanted is carried into the new grant (moved between buckets in the same script), so no lease is ever counted twice. When
/// Redis is unreachable every limit falls back to this instance's share (the limit divided by the instances last seen), logged
/// once; what is admitted meanwhile is added to the fleet's count when Redis answers again, and leases resume.
/// </summary>
public sealed partial class RedisRateLimitFleet : IAsyncDisposable
{
    // KEYS[1]: the instances (a sorted set by last renewal); KEYS[2..]: one hash per limit, bucket -> amount.
    // ARGV: bucket ms, buckets a grant stays counted, instance id, instance ttl ms; then per limit: limit, want, added (what
    // was admitted while Redis was away, and the lease carried into this grant), takeback count, (grant bucket, amount) pairs
    // (unused amounts given back, and the carried lease taken off the grant it leaves; a bucket already at 0 is skipped, as
    // Redis refuses HINCRBY by "-0"). Returns the instance count, then per limit: granted, grant bucket, count after.
    private const string Script = """
        local t = redis.call('TIME')
        local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local bucketMs = tonumber(ARGV[1])
        local span = tonumber(ARGV[2])
        local ttl = tonumber(ARGV[4])
        local bucket = math.floor(ms / bucketMs)
        local field = string.format('%d', bucket)
        redis.call('ZADD', KEYS[1], ms, ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ms - ttl)
        redis.call('PEXPIRE', KEYS[1], ttl * 2)
        local result = { redis.call('ZCARD', KEYS[1]) }
        local a = 5
        for i = 2, #KEYS do
          local key = KEYS[i]
          local limit = tonumber(ARGV[a])
          local want = tonumber(ARGV[a + 1])
          local added = tonumber(ARGV[a + 2])
          local refunds = tonumber(ARGV[a + 3])
          a = a + 4
          local counts = {}
          local held = redis.call('HGETALL', key)
          for j = 1, #held, 2 do
            if tonumber(held[j]) <= bucket - span then
              redis.call('HDEL', key, held[j])
            else
              counts[held[j]] = tonumber(held[j + 1])
            end
          end
          for j = 1, refunds do
            local grant = ARGV[a]
            local amount = tonumber(ARGV[a + 1])
            a = a + 2
            local count = counts[grant]
            if count and count > 0 and amount > 0 then
              local back = math.min(count, amount)
              counts[grant] = count - back
              redis.call('HINCRBY', key, grant, -back)
            end
          end
          if added > 0 then
            counts[field] = (counts[field] or 0) + added
            redis.call('HINCRBY', key, field, added)
          end
          local sum = 0
          for _, count in pairs(counts) do sum = sum + count end
          local granted = math.max(0, math.min(want, limit - sum))
          if granted > 0 then redis.call('HINCRBY', key, field, granted) end
          redis.call('PEXPIRE', key, span * bucketMs * 2)
          result[#result + 1] = granted
          result[#result + 1] = bucket
          result[#result + 1] = sum + granted
        end
        return result
        """;

    private readonly IDatabase _database;
    private readonly LimitSet _limits;
    private readonly RedisRateLimitFleetOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly long _bucketMs;
    private readonly long _span;
    private readonly long _leaseTicks;
    private readonly long _renewTicks;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private bool _degraded;

    /// <summary>Initializes a new instance of the <see cref="RedisRateLimitFleet"/> class: the router's limits become the fleet's, and leases are renewed in the background.</summary>
    /// <param name="redis">The connection to Redis (create it with <c>abortConnect=false</c> so the app starts while Redis is down); the ledger's may be shared.</param>
    /// <param name="router">The router whose limits the fleet shares (every instance configures the same limits).</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where outages and recoveries are logged.</param>
    public RedisRateLimitFleet(IConnectionMultiplexer redis, HybridRouterChatClient router, RedisRateLimitFleetOptions? options = null, ILogger<RedisRateLimitFleet>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(router);
        _options = options ?? new RedisRateLimitFleetOptions();
        _limits = router.Limits;
        _options.Validate(_limits.Window);
        _database = redis.GetDatabase();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = _limits.Time;
        _prefix = "{" + _options.KeyPrefix + "}";
        _bucketMs = Math.Max(1, (long)(_limits.Window.TotalMilliseconds / LimitCounter.BucketsPerWindow));

        // A grant is spent for up to a lease after Redis counted it: it stays counted a window plus a lease, so no window of
        // spending ever holds more than the limit.
        _span = LimitCounter.BucketsPerWindow + (long)Math.Ceiling(_options.LeaseDuration.TotalMilliseconds / _bucketMs) + 1;
        _leaseTicks = (long)(_options.LeaseDuration.TotalSeconds * _time.TimestampFrequency);
        _renewTicks = (long)(_options.RenewInterval.TotalSeconds * _time.TimestampFrequency);
        foreach (LimitCounter counter in _limits.JoinFleet(_options.RenewInterval))
        {
            counter.Degrade(_limits.ShareOf(counter.Limit)); // until its first grant
        }

        _limits.OnRenewalWanted(Wake);
        _pump = Task.Run(() => PumpAsync(_stopping.Token));
    }

    /// <summary>Gets a value indicating whether the last attempt to reach Redis failed (each limit admits this instance's share).</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded);

    /// <summary>Gets how many instances shared the limits when Redis last answered.</summary>
    public int Instances => _limits.Instances;

    /// <summary>Renews every lease that is due now, in one round trip (the background does this every <see cref="RedisRateLimitFleetOptions.RenewInterval"/>).</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when Redis answered.</returns>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var renewals = new List<LimitRenewal>();
        try
        {
            long start = _time.GetTimestamp();
            int instances = _limits.Instances;
            foreach (LimitCounter counter in _limits.All)
            {
                if (counter.BeginRenewal(start, _leaseTicks, _renewTicks, instances) is { } renewal)
                {
                    renewals.Add(renewal);
                }
            }

            var keys = new RedisKey[1 + renewals.Count];
            var args = new List<RedisValue>(4 + (renewals.Count * 6))
            {
                _bucketMs,
                _span,
                _options.InstanceId,
                (long)(2 * _options.LeaseDuration.TotalMilliseconds),
            };
            keys[0] = _prefix + ":instances";
            for (int i = 0; i < renewals.Count; i++)
            {
                LimitRenewal renewal = renewals[i];
                keys[1 + i] = _prefix + ":" + renewal.Counter.Name;
                args.Add(renewal.Counter.Limit);
                args.Add(renewal.Want);
                args.Add(renewal.Added);
                int count = args.Count;
                args.Add(0);
                foreach ((long grant, long amount) in renewal.Takebacks())
                {
                    args.Add(grant);
                    args.Add(amount);
                }

                args[count] = (args.Count - count - 1) / 2;
            }

            RedisResult[] result;
            try
            {
                result = (RedisResult[])(await _database.ScriptEvaluateAsync(Script, keys, [.. args]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch (Exception ex) when (Failures.IsRedisOutage(ex, cancellationToken))
            {
                Degrade(renewals, ex);
                _limits.RoundDone(answered: false);
                return false;
            }

            _limits.Instances = (int)result[0];
            for (int i = 0; i < renewals.Count; i++)
            {
                renewals[i].Counter.CompleteRenewal(renewals[i], (long)result[1 + (3 * i)], (long)result[2 + (3 * i)], (long)result[3 + (3 * i)], start + _leaseTicks);
            }

            if (_degraded)
            {
                // Logged before the flag clears: whoever sees IsDegraded turn false also sees the recovery logged.
                LogRecovered(_logger, _limits.Instances);
                Volatile.Write(ref _degraded, false);
            }

            _limits.RoundDone(answered: true);
            return true;
        }
        catch (Exception)
        {
            // Cancelled, or failed unexpectedly: what the renewals gave back is kept for the next one.
            foreach (LimitRenewal renewal in renewals)
            {
                renewal.Counter.FailRenewal(renewal);
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops renewing; the limits fall back to this instance's share, as when Redis is away.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        foreach (LimitCounter counter in _limits.All)
        {
            counter.Degrade(_limits.ShareOf(counter.Limit));
        }

        _stopping.Dispose();
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _ = _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis unreachable for the fleet's rate limits ({ErrorType}); each limit admits this instance's share (1/{Instances}) until it is back.")]
    private static partial void LogOutage(ILogger logger, string errorType, int instances);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis reachable again for the fleet's rate limits; {Instances} instances share them.")]
    private static partial void LogRecovered(ILogger logger, int instances);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Renewing the fleet's rate-limit leases failed unexpectedly ({ExceptionType}); retrying.")]
    private static partial void LogRenewalFailed(ILogger logger, string exceptionType);

    private void Degrade(List<LimitRenewal> renewals, Exception ex)
    {
        foreach (LimitRenewal renewal in renewals)
        {
            renewal.Counter.FailRenewal(renewal);
        }

        foreach (LimitCounter counter in _limits.All)
        {
            counter.Degrade(_limits.ShareOf(counter.Limit));
        }

        if (!_degraded)
        {
            LogOutage(_logger, ex.GetType().Name, _limits.Instances); // before the flag, as the recovery
            Volatile.Write(ref _degraded, true);
        }
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        Type? failing = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                bool answered = await RenewAsync(cancellationToken).ConfigureAwait(false);
                failing = null;
                if (answered)
                {
                    // The interval, or sooner when a request found its lease short (LimitSet.NextRoundAsync).
                    _ = await _wake.WaitAsync(_options.RenewInterval, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Task.Delay(_options.RetryInterval, _time, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Never let the renewals stop: a fleet that no longer renews refuses every request once its leases end. Logged
                // once per kind of failure, by type only (a message may quote keys); tried again after RetryInterval.
                if (e.GetType() != failing)
                {
                    failing = e.GetType();
                    LogRenewalFailed(_logger, e.GetType().Name);
                }

                try
                {
                    await Task.Delay(_options.RetryInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
