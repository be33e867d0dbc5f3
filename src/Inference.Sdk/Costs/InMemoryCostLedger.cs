using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace Inference.Sdk.Costs;

/// <summary>
/// The default <see cref="ICostLedger"/>: totals in memory, integer arithmetic (nano-dollars, tokens) under one short lock per
/// record, so concurrent records lose nothing, sums never drift and a read sees each record whole. Memory is bounded: old windows
/// are evicted and the number of totals is capped.
/// </summary>
public sealed class InMemoryCostLedger : ICostLedger
{
    private readonly ConcurrentDictionary<LedgerKey, Cell> _cells = new();
    private readonly ConcurrentDictionary<Route, RouteCells> _routes = new();
    private readonly AttemptDeduplicator _attempts;

    // One lock for every total: a record adds to its 14 totals in one short section (plain additions, one atomic pair), where
    // 14 × 4 interlocked additions cost several times more; the global totals are shared by every record anyway.
    private readonly Lock _gate = new();
    private readonly CostLedgerOptions _options;
    private int _cellCount;
    private int _routeCount;
    private int _newestDay;
    private RouteCells? _lastRoute; // consecutive records mostly share a route: compared field by field, no hashing

    /// <summary>Initializes a new instance of the <see cref="InMemoryCostLedger"/> class.</summary>
    /// <param name="options">Memory bounds; the defaults when <see langword="null"/>.</param>
    public InMemoryCostLedger(CostLedgerOptions? options = null)
    {
        _options = options ?? new CostLedgerOptions();
        _options.Validate();
        _attempts = new AttemptDeduplicator(_options.AttemptsRemembered);
    }

    /// <inheritdoc/>
    public event EventHandler<RequestCost>? Recorded;

    /// <summary>Gets the number of totals held (bounded by <see cref="CostLedgerOptions.MaxTotals"/>).</summary>
    public int TotalsHeld => Volatile.Read(ref _cellCount);

    /// <inheritdoc/>
    public bool Record(RequestCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!_attempts.TryAdd(cost.AttemptId))
        {
            return false;
        }

        Apply(cost, 1);
        Recorded?.Invoke(this, cost);
        return true;
    }

    /// <inheritdoc/>
    public CostTotals GetTotals(CostDimension dimension, string? key, CostWindow window, DateTimeOffset at)
        => _cells.TryGetValue(new LedgerKey(dimension, CostKeys.Normalize(dimension, key), window, CostKeys.WindowStart(window, at)), out Cell? cell)
            ? Snapshot(cell)
            : CostTotals.Zero;

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, CostTotals> GetBreakdown(CostDimension dimension, CostWindow window, DateTimeOffset at)
    {
        DateOnly start = CostKeys.WindowStart(window, at);
        var result = new Dictionary<string, CostTotals>(StringComparer.Ordinal);
        foreach (KeyValuePair<LedgerKey, Cell> pair in _cells)
        {
            if (pair.Key.Dimension == dimension && pair.Key.Window == window && pair.Key.Start == start)
            {
                result[pair.Key.Key] = Snapshot(pair.Value);
            }
        }

        return result;
    }

    /// <summary>Adds (<paramref name="sign"/> = 1) or removes (-1) a cost from every total it belongs to, without de-duplication or events.</summary>
    internal void Apply(RequestCost cost, int sign)
    {
        DateOnly day = CostKeys.WindowStart(CostWindow.Day, cost.Timestamp);
        DateOnly month = new(day.Year, day.Month, 1);
        EvictIfNewDay(day);

        long nanos = sign * CostKeys.ToNanos(cost.Usd);
        long input = sign * cost.InputTokens;
        long output = sign * cost.OutputTokens;
        long estimated = cost.IsEstimated ? sign : 0;
        Cell[] cells = CellsOf(cost, day, month);
        lock (_gate)
        {
            foreach (Cell cell in cells)
            {
                cell.Add(nanos, input, output, sign, estimated);
            }
        }
    }

    private CostTotals Snapshot(Cell cell)
    {
        lock (_gate)
        {
            return cell.Snapshot();
        }
    }

    /// <summary>Raises <see cref="Recorded"/> (used by ledgers that wrap this one).</summary>
    internal void OnRecorded(object sender, RequestCost cost) => Recorded?.Invoke(sender, cost);

    /// <summary>The 14 totals (7 dimensions × day and month) a cost belongs to, cached per route so a record costs one lookup.</summary>
    private Cell[] CellsOf(RequestCost cost, DateOnly day, DateOnly month)
    {
        var route = new Route(cost.Target, cost.Endpoint, cost.Provider, cost.Model, cost.Tier, cost.Tenant, day);
        if (Volatile.Read(ref _lastRoute) is { } last && last.Route == route)
        {
            return last.Cells;
        }

        if (!_routes.TryGetValue(route, out RouteCells? known))
        {
            var cells = new Cell[CostKeys.Dimensions.Length * 2];
            for (int i = 0; i < CostKeys.Dimensions.Length; i++)
            {
                CostDimension dimension = CostKeys.Dimensions[i];
                string key = CostKeys.KeyOf(dimension, cost);
                cells[2 * i] = GetCell(new LedgerKey(dimension, key, CostWindow.Day, day));
                cells[(2 * i) + 1] = GetCell(new LedgerKey(dimension, key, CostWindow.Month, month));
            }

            known = new RouteCells(route, cells);
            if (Volatile.Read(ref _routeCount) >= _options.MaxTotals || !_routes.TryAdd(route, known))
            {
                return cells;
            }

            Interlocked.Increment(ref _routeCount);
        }

        Volatile.Write(ref _lastRoute, known);
        return known.Cells;
    }

    private Cell GetCell(LedgerKey key)
    {
        if (_cells.TryGetValue(key, out Cell? cell))
        {
            return cell;
        }

        if (Volatile.Read(ref _cellCount) >= _options.MaxTotals && key.Dimension != CostDimension.Global)
        {
            key = key with { Key = ICostLedger.OtherKey };
            if (_cells.TryGetValue(key, out cell))
            {
                return cell;
            }
        }

        cell = new Cell();
        if (_cells.TryAdd(key, cell))
        {
            Interlocked.Increment(ref _cellCount);
            return cell;
        }

        return _cells[key];
    }

    private void EvictIfNewDay(DateOnly day)
    {
        int dayNumber = day.DayNumber;
        int newest = Volatile.Read(ref _newestDay);
        if (dayNumber <= newest || Interlocked.CompareExchange(ref _newestDay, dayNumber, newest) != newest)
        {
            return;
        }

        _routes.Clear(); // routes of past days; those of the current day point at cells that stay
        Volatile.Write(ref _lastRoute, null);
        Volatile.Write(ref _routeCount, 0);
        DateOnly dayCutoff = day.AddDays(-_options.DaysRetained);
        DateOnly monthCutoff = new DateOnly(day.Year, day.Month, 1).AddMonths(-_options.MonthsRetained);
        foreach (LedgerKey key in _cells.Keys)
        {
            bool old = key.Window == CostWindow.Day ? key.Start <= dayCutoff : key.Start <= monthCutoff;
            if (old && _cells.TryRemove(key, out _))
            {
                Interlocked.Decrement(ref _cellCount);
            }
        }
    }

    private readonly record struct Route(string Target, string? Endpoint, Knowledge.ProviderKind Provider, string? Model, Knowledge.TargetTier Tier, string? Tenant, DateOnly Day);

    private sealed record RouteCells(Route Route, Cell[] Cells);

    private readonly record struct LedgerKey(CostDimension Dimension, string Key, CostWindow Window, DateOnly Start);

    /// <summary>One total; read and written under the ledger's lock only.</summary>
    private sealed class Cell
    {
        private long _nanos;
        private long _input;
        private long _output;
        private long _requests;
        private long _estimated;

        public void Add(long nanos, long input, long output, long requests, long estimated)
        {
            _nanos += nanos;
            _input += input;
            _output += output;
            _requests += requests;
            _estimated += estimated;
        }

        public CostTotals Snapshot() => new(CostKeys.ToUsd(_nanos), _input, _output, _requests, _estimated);
    }
}
