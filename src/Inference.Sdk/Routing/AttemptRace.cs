using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Routing.Limits;

namespace Inference.Sdk.Routing;

/// <summary>
/// Runs one request's attempts down the decision's order until one produces output. In fail-over mode one attempt runs at a
/// time and a missed first-token timeout cancels it. In hedge mode a missed timeout starts the next target beside the slow one;
/// the first to produce output wins and the others are canceled, awaited and recorded as <see cref="AttemptOutcome.Superseded"/>
/// (whatever they delivered is disposed: the cost meter bills only what they measured).
/// </summary>
/// <typeparam name="T">What an attempt produces: the response, or the stream with its first update.</typeparam>
internal sealed class AttemptRace<T>
{
    private readonly RequestRun _context;
    private readonly Func<RequestRun, TargetBoard, CancellationToken, Task<T>> _start;
    private readonly Func<T, ValueTask> _discard;
    private List<Attempt>? _running; // hedge mode only: fail-over mode never lists its one attempt
    private int _position;
    private bool _noneLeft;

    public AttemptRace(RequestRun context, Func<RequestRun, TargetBoard, CancellationToken, Task<T>> start, Func<T, ValueTask> discard)
    {
        _context = context;
        _start = start;
        _discard = discard;
    }

    /// <summary>Gets or sets a filter of targets not to start (escalation skips the edge).</summary>
    public Func<RouteTarget, bool>? Skip { get; set; }

    /// <summary>The next attempt that produced output, or <see langword="null"/> when every target has failed over.</summary>
    /// <remarks>Awaited once, right away: its state machine comes from a pool (nothing allocated per request for it).</remarks>
    public ValueTask<Attempt?> NextAsync() => _context.Hedge ? NextHedgedAsync() : NextInTurnAsync();

    /// <summary>Cancels and awaits every attempt still running (the request ended another way).</summary>
    public async Task CancelRunningAsync()
    {
        if (_running is null)
        {
            return;
        }

        foreach (var r in _running)
        {
            r.Timeout?.Cancel();
        }

        foreach (var r in _running)
        {
            try
            {
                await _discard(await r.Task.ConfigureAwait(false)).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A canceled loser ends with whatever its client throws on cancellation; it is recorded below, not raised.
            }

            _context.Superseded(r.Board, r.Started, r.Task.IsCompletedSuccessfully);
            r.Settle(r.Task.IsCompletedSuccessfully ? null : 0);
            r.Finish();
        }

        _running.Clear();
    }

    /// <summary>
    /// Fail-over mode (the common case): one attempt at a time, each awaited directly until it ends; a missed first-token
    /// timeout cancels it. Nothing runs beside it, so nothing is listed, gathered or raced, and an attempt through a closed
    /// circuit is the target's own task, awaited here, with its outcome told to the breaker here (<see cref="Reported"/>).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Attempt?> NextInTurnAsync()
    {
        while (StartNext() is { } attempt)
        {
            await ((Task)attempt.Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (attempt.Direct)
            {
                Reported(attempt);
            }

            if (attempt.Task.IsCompletedSuccessfully)
            {
                return attempt;
            }

            if (!MovesOn(attempt, out var error))
            {
                ExceptionDispatchInfo.Capture(error).Throw();
            }
        }

        return null;
    }

    /// <summary>Hedge mode: a missed first-token timeout starts the next target beside the slow one; the first with output wins.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Attempt?> NextHedgedAsync()
    {
        List<Task>? waits = null;
        while (true)
        {
            // Start attempts until one is within its first-token budget. The check is repeated after each start: a slow start
            // (a cold client) may already have outlived the budget it just set.
            _running ??= new List<Attempt>(2);
            while (!_noneLeft && (_running.Count == 0 || AllSlow()))
            {
                if (StartNext() is { } started)
                {
                    _running.Add(started);
                }
                else
                {
                    _noneLeft = true;
                }
            }

            if (_running.Count == 0)
            {
                return null;
            }

            if (_running.Count == 1 && _noneLeft)
            {
                // One attempt and nothing left to race it against (the last target): await it directly, without
                // Task.WhenAny's extra task, list and continuation hop. Its outcome is read below.
                await ((Task)_running[0].Task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            else
            {
                waits ??= new List<Task>(4);
                waits.Clear();
                foreach (var r in _running)
                {
                    waits.Add(r.Task);
                    if (!_noneLeft && r.Timeout?.Elapsed is { IsCompleted: false } elapsed)
                    {
                        waits.Add(elapsed);
                    }
                }

                if (!_noneLeft && AllSlow())
                {
                    continue; // the budget ran out while the waits were gathered
                }

                await Task.WhenAny(waits).ConfigureAwait(false);
            }

            for (int i = 0; i < _running.Count; i++)
            {
                var r = _running[i];
                if (!r.Task.IsCompleted)
                {
                    continue;
                }

                _running.RemoveAt(i--);
                if (r.Task.IsCompletedSuccessfully)
                {
                    if (_running.Count > 0)
                    {
                        await CancelRunningAsync().ConfigureAwait(false);
                    }

                    return r;
                }

                if (!MovesOn(r, out var error))
                {
                    await CancelRunningAsync().ConfigureAwait(false);
                    ExceptionDispatchInfo.Capture(error).Throw();
                }
            }
        }
    }

    /// <summary>
    /// Records an attempt that ended without output and releases it: <see langword="true"/> when the request fails over,
    /// <see langword="false"/> when <paramref name="error"/> goes to the caller (it does not fail over, or the caller canceled).
    /// </summary>
    private bool MovesOn(Attempt attempt, out Exception error)
    {
        error = attempt.Error ?? attempt.Task.Exception?.InnerException ?? new OperationCanceledException(_context.Caller);
        bool movesOn = !_context.Caller.IsCancellationRequested && Failures.Classify(error).FailsOver;
        if (movesOn)
        {
            _context.FailedOver(attempt.Board, attempt.Started, error);
        }
        else
        {
            _context.Failed(attempt.Board, attempt.Started, error);
        }

        attempt.Settle(0); // nothing came back: a provider bills and counts no tokens for it
        attempt.Finish();
        return movesOn;
    }

    private bool AllSlow()
    {
        foreach (var r in _running!)
        {
            if (r.Timeout?.Elapsed is not { IsCompleted: true })
            {
                return false;
            }
        }

        return true;
    }

    private Attempt? StartNext()
    {
        var order = _context.Decision.Order;
        while (_position < order.Length)
        {
            int index = order[_position++];
            var board = _context.Boards[index];
            if ((Skip is not null && Skip(board.Target)) || !_context.TryAdmit(board, index, out var tickets))
            {
                continue;
            }

            if (!_context.Failover.TryBegin(board.Target))
            {
                tickets.Settle(0, _context.Time.GetTimestamp()); // not sent after all
                continue;
            }

            var attempt = new Attempt(_context, board, _context.Time.GetTimestamp(), AttemptTimeout.For(board.Target, _context.Time, _context.Caller, _context.Hedge))
            {
                Tickets = tickets,
                Estimate = _context.Features.NeedOn(index),
            };
            board.Enter();
            bool last = !_context.Hedge && board.RetryPipeline is not null && !AnyLeft();
            if (!_context.Hedge && !last && board.CircuitClosed)
            {
                // Fail-over mode through a closed circuit (nearly always): the target's own task, without a wrapper; the loop
                // that awaits it tells the breaker how it went.
                attempt.Direct = true;
                attempt.Task = Begin(attempt);
            }
            else
            {
                attempt.Task = Run(attempt, last);
            }

            return attempt;
        }

        return null;
    }

    /// <summary>Whether a target after the current position could still take the request if this attempt fails.</summary>
    private bool AnyLeft()
    {
        var order = _context.Decision.Order;
        for (int p = _position; p < order.Length; p++)
        {
            var target = _context.Boards[order[p]].Target;
            if ((Skip is null || !Skip(target)) && _context.Failover.CouldBegin(target))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<T> Run(Attempt attempt, bool last)
    {
        var board = attempt.Board;

        // Nothing left to fail over to: Polly's retry of transient failures, through the target's breaker. An open or half-open
        // circuit: through the breaker, which lets one trial through and turns the others away.
        var pipeline = last && board.RetryPipeline is { } retry ? retry : board.CircuitClosed ? null : board.Pipeline;
        if (pipeline is not null)
        {
            return await pipeline.ExecuteAsync(
                static async (s, _) => await s.Race.StartAsync(s.Attempt).ConfigureAwait(false),
                (Race: this, Attempt: attempt),
                _context.Caller).ConfigureAwait(false);
        }

        // Closed (a hedged attempt): run the attempt directly and tell the breaker how it went.
        var timeout = attempt.Timeout;
        T result;
        try
        {
            result = await _start(_context, board, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout?.TimedOut == true)
        {
            var error = timeout.TimeoutError();
            board.ReportOutcome(error);
            throw error;
        }
        catch (Exception e)
        {
            board.ReportOutcome(e);
            throw;
        }

        board.ReportOutcome(null);
        return result;
    }

    private async Task<T> StartAsync(Attempt attempt)
    {
        var timeout = attempt.Timeout;
        try
        {
            return await _start(_context, attempt.Board, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout?.TimedOut == true)
        {
            throw timeout.TimeoutError();
        }
    }

    /// <summary>
    /// Starts a direct attempt: the target's task itself. A client that throws before it returns a task gives a task that
    /// ended the same way (as an <see langword="async"/> method's would).
    /// </summary>
    private Task<T> Begin(Attempt attempt)
    {
        try
        {
            return _start(_context, attempt.Board, attempt.Token);
        }
        catch (Exception e)
        {
            return HybridRouterChatClient.Faulted<T>(ExceptionDispatchInfo.Capture(e));
        }
    }

    /// <summary>
    /// A direct attempt ended: its outcome goes to the target's breaker as <see cref="Run"/> would report it (a missed first-token
    /// timeout as the timeout error, which is then the attempt's error).
    /// </summary>
    private static void Reported(Attempt attempt)
    {
        var task = attempt.Task;
        Exception? error = null;
        if (!task.IsCompletedSuccessfully)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (attempt.Timeout?.TimedOut == true)
            {
                error = attempt.Error = attempt.Timeout.TimeoutError();
            }
            catch (Exception e)
            {
                error = e;
            }
        }

        attempt.Board.ReportOutcome(error);
    }

    /// <summary>One attempt on one target.</summary>
    internal sealed class Attempt(RequestRun run, TargetBoard board, long started, AttemptTimeout? timeout)
    {
        private int _settled;

        public TargetBoard Board { get; } = board;

        public long Started { get; } = started;

        /// <summary>Gets the attempt's first-token timeout and own cancellation; <see langword="null"/> when only the caller can cancel it.</summary>
        public AttemptTimeout? Timeout { get; } = timeout;

        /// <summary>Gets the token the attempt runs under.</summary>
        public CancellationToken Token => Timeout?.Token ?? run.Caller;

        public Task<T> Task { get; set; } = null!;

        /// <summary>Gets or sets whether <see cref="Task"/> is the target's own task (fail-over mode, closed circuit): its awaiter reports it to the breaker.</summary>
        public bool Direct { get; set; }

        /// <summary>Gets or sets the attempt's error when it is not the task's own (a missed first-token timeout).</summary>
        public Exception? Error { get; set; }

        public T Result => Task.Result;

        /// <summary>Gets what the attempt took from its target's rate limits.</summary>
        public LimitTickets Tickets { get; init; }

        /// <summary>Gets the tokens the attempt was expected to use (prompt on its target plus expected output).</summary>
        public long Estimate { get; init; }

        /// <summary>Corrects the target's and the tenant's counts by what the attempt used, once: <see langword="null"/> keeps the estimate.</summary>
        public void Settle(long? actualTokens)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 0)
            {
                run.Settled(Tickets, Estimate, actualTokens);
            }
        }

        /// <summary>Releases the attempt's timer, token and in-flight slot (and settles it at its estimate if nothing else did).</summary>
        public void Finish()
        {
            Settle(null);
            Timeout?.Dispose();
            Board.Exit();
        }
    }
}
