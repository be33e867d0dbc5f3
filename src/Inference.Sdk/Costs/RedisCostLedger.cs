using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Inference.Sdk.Costs;

/// <summary>
/// An <see cref="ICostLedger"/> shared by a fleet through Redis. Each cost is applied atomically by a Lua script that first claims
/// the attempt id (<c>SET NX</c>, so a replay is never counted twice) and then <c>HINCRBY</c>s integer nano-dollars and tokens into
/// one hash per group and window. Reads never wait on Redis: they answer from the fleet totals last read back plus this instance's
/// costs not yet confirmed. When Redis is unreachable the ledger keeps accounting locally, logs a warning, and replays the pending
/// costs when Redis is back, losing nothing.
/// </summary>
public sealed partial class RedisCostLedger : ICostLedger, IAsyncDisposable
{
    private const string Script = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
          local dayKeys = tonumber(ARGV[8])
          for i = 2, #KEYS do
            redis.call('HINCRBY', KEYS[i], 'usd_nanos', ARGV[2])
            redis.call('HINCRBY', KEYS[i], 'input', ARGV[3])
            redis.call('HINCRBY', KEYS[i], 'output', ARGV[4])
            redis.call('HINCRBY', KEYS[i], 'requests', 1)
            redis.call('HINCRBY', KEYS[i], 'estimated', ARGV[5])
            if i <= dayKeys + 1 then redis.call('EXPIRE', KEYS[i], ARGV[6]) else redis.call('EXPIRE', KEYS[i], ARGV[7]) end
          end
        end
        local totals = {}
        for i = 2, #KEYS do
          totals[#totals + 1] = redis.call('HMGET', KEYS[i], 'usd_nanos', 'input', 'output', 'requests', 'estimated')
        end
        return totals
        """;

    private static readonly RedisValue[] Fields = ["usd_nanos", "input", "output", "requests", "estimated"];

    private readonly IDatabase _database;
    private readonly RedisCostLedgerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _prefix;
    private readonly InMemoryCostLedger _pending;
    private readonly AttemptDeduplicator _attempts;
    private readonly ConcurrentQueue<RequestCost> _queue = new();
    private readonly List<RequestCost> _unsent = [];
    private readonly ConcurrentDictionary<Bucket, CostTotals> _fleet = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _pump;
    private int _pendingCount;
    private bool _degraded;

    /// <summary>Initializes a new instance of the <see cref="RedisCostLedger"/> class and starts pushing costs in the background.</summary>
    /// <param name="redis">The connection to Redis (create it with <c>abortConnect=false</c> so the app starts while Redis is down).</param>
    /// <param name="options">Settings; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where outages and reconciliations are logged.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public RedisCostLedger(IConnectionMultiplexer redis, RedisCostLedgerOptions? options = null, ILogger<RedisCostLedger>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        _options = options ?? new RedisCostLedgerOptions();
        _options.Validate();
        _database = redis.GetDatabase();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _prefix = "{" + _options.KeyPrefix + "}";
        _pending = new InMemoryCostLedger(_options.Ledger);
        _attempts = new AttemptDeduplicator(_options.Ledger.AttemptsRemembered);
        _pump = Task.Run(() => PumpAsync(_stopping.Token));
    }

    /// <inheritdoc/>
    public event EventHandler<RequestCost>? Recorded;

    /// <summary>Gets the number of costs recorded here that Redis has not confirmed yet.</summary>
    public int PendingCount => Volatile.Read(ref _pendingCount);

    /// <summary>Gets a value indicating whether the last attempt to reach Redis failed (the ledger is accounting locally).</summary>
    public bool IsDegraded => Volatile.Read(ref _degraded);

    /// <inheritdoc/>
    public bool Record(RequestCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!_attempts.TryAdd(cost.AttemptId))
        {
            return false;
        }

        _pending.Apply(cost, 1);
        Interlocked.Increment(ref _pendingCount);
        _queue.Enqueue(cost);
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _ = _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }

        Recorded?.Invoke(this, cost);
        return true;
    }

    /// <inheritdoc/>
    public CostTotals GetTotals(CostDimension dimension, string? key, CostWindow window, DateTimeOffset at)
    {
        var bucket = new Bucket(dimension, CostKeys.Normalize(dimension, key), window, CostKeys.WindowStart(window, at));
        CostTotals fleet = _fleet.TryGetValue(bucket, out CostTotals known) ? known : Watch(bucket);
        return Add(fleet, _pending.GetTotals(dimension, key, window, at));
    }

    /// <inheritdoc/>
    /// <remarks>Groups are those this instance has recorded or asked about; other instances' groups appear once known.</remarks>
    public IReadOnlyDictionary<string, CostTotals> GetBreakdown(CostDimension dimension, CostWindow window, DateTimeOffset at)
    {
        DateOnly start = CostKeys.WindowStart(window, at);
        var result = new Dictionary<string, CostTotals>(_pending.GetBreakdown(dimension, window, at), StringComparer.Ordinal);
        foreach (KeyValuePair<Bucket, CostTotals> pair in _fleet)
        {
            if (pair.Key.Dimension == dimension && pair.Key.Window == window && pair.Key.Start == start)
            {
                result[pair.Key.Key] = Add(pair.Value, result.GetValueOrDefault(pair.Key.Key));
            }
        }

        return result;
    }

    /// <summary>Pushes every pending cost to Redis now.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when Redis confirmed them all; <see langword="false"/> when it could not be reached (they stay pending).</returns>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_queue.TryDequeue(out RequestCost? cost))
            {
                _unsent.Add(cost);
            }

            if (_unsent.Count == 0)
            {
                return true;
            }

            var sends = new Task<RedisResult>[_unsent.Count];
            for (int i = 0; i < _unsent.Count; i++)
            {
                sends[i] = Send(_unsent[i]);
            }

            int confirmed = 0;
            Exception? failure = null;
            for (int i = 0; i < sends.Length; i++)
            {
                try
                {
                    RedisResult result = await sends[i].ConfigureAwait(false);
                    Confirm(_unsent[i], result);
                    _unsent[i] = null!;
                    confirmed++;
                }
                catch (Exception ex) when (Failures.IsRedisOutage(ex, cancellationToken))
                {
                    failure ??= ex;
                }
            }

            _unsent.RemoveAll(c => c is null);
            if (failure is not null)
            {
                if (!_degraded)
                {
                    LogOutage(_logger, _unsent.Count + _queue.Count, failure.GetType().Name);
                    Volatile.Write(ref _degraded, true);
                }

                return false;
            }

            if (_degraded)
            {
                // Logged before the flag clears: whoever sees IsDegraded turn false also sees the reconciliation logged.
                LogReconciled(_logger, confirmed);
                Volatile.Write(ref _degraded, false);
            }

            return true;
        }
        finally
        {
            _flushGate.Release();
        }
    }

    /// <summary>Reads the fleet's totals of every group this instance knows, in the current windows, back from Redis.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when Redis answered.</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        DateTimeOffset now = _time.GetUtcNow();
        DateOnly day = CostKeys.WindowStart(CostWindow.Day, now);
        DateOnly month = CostKeys.WindowStart(CostWindow.Month, now);
        _ = Watch(new Bucket(CostDimension.Global, ICostLedger.GlobalKey, CostWindow.Day, day)); // always read, from the first refresh on
        _ = Watch(new Bucket(CostDimension.Global, ICostLedger.GlobalKey, CostWindow.Month, month));
        var buckets = new List<Bucket>();
        foreach (Bucket bucket in _fleet.Keys)
        {
            if (bucket.Start == (bucket.Window == CostWindow.Day ? day : month))
            {
                buckets.Add(bucket);
            }
            else
            {
                _ = _fleet.TryRemove(bucket, out _); // a past window: bounded memory
            }
        }

        try
        {
            IBatch batch = _database.CreateBatch();
            var reads = new Task<RedisValue[]>[buckets.Count];
            for (int i = 0; i < buckets.Count; i++)
            {
                reads[i] = batch.HashGetAsync(RedisKeyOf(buckets[i]), Fields);
            }

            batch.Execute();
            for (int i = 0; i < reads.Length; i++)
            {
                _fleet[buckets[i]] = Parse(await reads[i].WaitAsync(cancellationToken).ConfigureAwait(false));
            }

            return true;
        }
        catch (Exception ex) when (Failures.IsRedisOutage(ex, cancellationToken))
        {
            return false;
        }
    }

    /// <summary>Stops the background pump after a last attempt to push pending costs.</summary>
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

        _ = await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static CostTotals Add(CostTotals a, CostTotals b)
        => new(a.Usd + b.Usd, a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.Requests + b.Requests, a.EstimatedRequests + b.EstimatedRequests);

    private static CostTotals Parse(RedisValue[] values)
    {
        static long At(RedisValue[] v, int i) => i < v.Length && v[i].TryParse(out long n) ? n : 0;
        return new CostTotals(CostKeys.ToUsd(At(values, 0)), At(values, 1), At(values, 2), At(values, 3), At(values, 4));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis cost ledger unreachable ({ErrorType}); accounting locally with {Pending} costs pending until it is back.")]
    private static partial void LogOutage(ILogger logger, int pending, string errorType);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis cost ledger reachable again; reconciled {Count} pending costs.")]
    private static partial void LogReconciled(ILogger logger, int count);

    private CostTotals Watch(Bucket bucket)
    {
        if (_fleet.Count < _options.Ledger.MaxTotals)
        {
            _ = _fleet.TryAdd(bucket, CostTotals.Zero);
        }

        return CostTotals.Zero;
    }

    private Task<RedisResult> Send(RequestCost cost)
    {
        DateOnly day = CostKeys.WindowStart(CostWindow.Day, cost.Timestamp);
        DateOnly month = new(day.Year, day.Month, 1);
        int dimensions = CostKeys.Dimensions.Length;
        var keys = new RedisKey[1 + (2 * dimensions)];
        keys[0] = _prefix + ":attempt:" + cost.AttemptId.ToString("N");
        for (int i = 0; i < dimensions; i++)
        {
            CostDimension dimension = CostKeys.Dimensions[i];
            string key = CostKeys.KeyOf(dimension, cost);
            keys[1 + i] = RedisKeyOf(new Bucket(dimension, key, CostWindow.Day, day));
            keys[1 + dimensions + i] = RedisKeyOf(new Bucket(dimension, key, CostWindow.Month, month));
        }

        RedisValue[] args =
        [
            (long)_options.AttemptRetention.TotalSeconds,
            CostKeys.ToNanos(cost.Usd),
            cost.InputTokens,
            cost.OutputTokens,
            cost.IsEstimated ? 1 : 0,
            (long)TimeSpan.FromDays(_options.Ledger.DaysRetained + 1).TotalSeconds,
            (long)TimeSpan.FromDays((_options.Ledger.MonthsRetained + 1) * 31).TotalSeconds,
            dimensions,
        ];
        return _database.ScriptEvaluateAsync(Script, keys, args);
    }

    private void Confirm(RequestCost cost, RedisResult result)
    {
        // Fleet totals first, then drop the local copy: a reader may briefly over-count, never under-count.
        DateOnly day = CostKeys.WindowStart(CostWindow.Day, cost.Timestamp);
        DateOnly month = new(day.Year, day.Month, 1);
        var totals = (RedisResult[])result!;
        int dimensions = CostKeys.Dimensions.Length;
        for (int i = 0; i < dimensions; i++)
        {
            CostDimension dimension = CostKeys.Dimensions[i];
            string key = CostKeys.KeyOf(dimension, cost);
            SetFleet(new Bucket(dimension, key, CostWindow.Day, day), (RedisValue[])totals[i]!);
            SetFleet(new Bucket(dimension, key, CostWindow.Month, month), (RedisValue[])totals[dimensions + i]!);
        }

        _pending.Apply(cost, -1);
        Interlocked.Decrement(ref _pendingCount);
    }

    private void SetFleet(Bucket bucket, RedisValue[] values)
    {
        if (_fleet.ContainsKey(bucket) || _fleet.Count < _options.Ledger.MaxTotals)
        {
            _fleet[bucket] = Parse(values);
        }
    }

    private string RedisKeyOf(Bucket bucket)
        => string.Create(CultureInfo.InvariantCulture, $"{_prefix}:{(bucket.Window == CostWindow.Day ? "d" : "m")}:{bucket.Start:yyyyMMdd}:{bucket.Dimension}:{bucket.Key}");

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        long lastRefresh = _time.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                _ = await _signal.WaitAsync(_options.FlushInterval, cancellationToken).ConfigureAwait(false);
                if (!await FlushAsync(cancellationToken).ConfigureAwait(false))
                {
                    await Task.Delay(_options.RetryInterval, _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (_time.GetElapsedTime(lastRefresh) >= _options.RefreshInterval)
                {
                    lastRefresh = _time.GetTimestamp();
                    _ = await RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private readonly record struct Bucket(CostDimension Dimension, string Key, CostWindow Window, DateOnly Start);
}
