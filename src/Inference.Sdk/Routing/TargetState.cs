using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Requests;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Inference.Sdk.Routing;

/// <summary>What the router knows about one target at run time; every read is a plain memory read.</summary>
internal sealed class TargetState
{
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly double _smoothing;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultRetryAfter;
    private readonly TimeSpan _maxRetryAfter;
    private long _openUntil;
    private long _backOffUntil;
    private int _inFlight;
    private long _ttftTicks = -1;
    private EngineLoad? _load;
    private volatile bool _healthy = true;
    private volatile bool _coldStart;

    public TargetState(RouteTarget target, HybridRouterOptions options, TimeProvider timeProvider)
    {
        Target = target;
        Counter = TokenCounter.For(target.Tokenizer, target.ModelId);
        _smoothing = options.TtftSmoothing;
        _time = timeProvider;
        _defaultRetryAfter = options.DefaultRetryAfter;
        _maxRetryAfter = options.MaxRetryAfter;
        Pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                StateProvider = _circuit,
                OnOpened = args =>
                {
                    Volatile.Write(ref _openUntil, _time.GetTimestamp() + (long)(args.BreakDuration.TotalSeconds * _time.TimestampFrequency));
                    return default;
                },
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } e && Failures.Classify(e).CountsAgainstTarget),
            })
            .Build();
        if (target.MaxRetries > 0)
        {
            // Polly's retry around the same breaker: every try is counted by the circuit, and an opened circuit ends the retries.
            TimeSpan maxRetryAfter = options.MaxRetryAfter;
            RetryPipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = target.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(250),
                    ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } e && Failures.Classify(e).MayRetry),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(
                        args.Outcome.Exception is TargetOverloadedException { RetryAfter: { } wait }
                            ? (wait < TimeSpan.Zero ? TimeSpan.Zero : wait > maxRetryAfter ? maxRetryAfter : wait)
                            : null),
                })
                .AddPipeline(Pipeline)
                .Build();
        }
    }

    public RouteTarget Target { get; }

    public TokenCounter Counter { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Gets Polly's retry (<see cref="RouteTarget.MaxRetries"/>) around <see cref="Pipeline"/>; <see langword="null"/> when the target is not retried.</summary>
    public ResiliencePipeline? RetryPipeline { get; }

    /// <summary>
    /// Gets a value indicating whether the circuit is closed, so an attempt may run outside <see cref="Pipeline"/> and report its
    /// outcome afterwards (<see cref="ReportOutcome"/>). An open or half-open circuit runs the attempt through the pipeline, which
    /// lets exactly one half-open trial through.
    /// </summary>
    public bool CircuitClosed => _circuit.CircuitState == CircuitState.Closed;

    /// <summary>
    /// Feeds the outcome of an attempt that ran outside <see cref="Pipeline"/> to Polly's circuit breaker, as if it had run inside:
    /// a success counts toward the failure ratio's denominator, an error that counts against the target toward its numerator. An
    /// execution wrapped around a whole network call keeps Polly's frames on the stack for the call's duration; reporting once the
    /// outcome is known runs the same breaker synchronously.
    /// </summary>
    /// <param name="error">The attempt's error, or <see langword="null"/> when it produced output.</param>
    public void ReportOutcome(Exception? error)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            var outcome = Pipeline.ExecuteOutcomeAsync(
                static (_, e) => new ValueTask<Outcome<bool>>(e is null ? Outcome.FromResult(true) : Outcome.FromException<bool>(e)),
                context,
                error);

            // The callback completes synchronously and so does the breaker: its state-change callback (OnOpened above) does too.
            _ = outcome.IsCompleted ? outcome.Result : outcome.AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// Whether the circuit keeps requests away. Polly moves an open circuit to half-open only when a call goes through it, so
    /// once the break has elapsed the target is offered again and that call is the half-open trial.
    /// </summary>
    public bool CircuitOpen => _circuit.CircuitState switch
    {
        CircuitState.Isolated => true,
        CircuitState.Open => _time.GetTimestamp() < Volatile.Read(ref _openUntil),
        _ => false,
    };

    /// <summary>Gets how long the target still asked callers to wait (429/503 <c>Retry-After</c>, or the default back-off); <see langword="null"/> when it may be tried.</summary>
    public TimeSpan? BackOffLeft
    {
        get
        {
            long left = Interlocked.Read(ref _backOffUntil) - _time.GetTimestamp();
            return left > 0 ? TimeSpan.FromSeconds((double)left / _time.TimestampFrequency) : null;
        }
    }

    public TargetSnapshot Snapshot()
    {
        long ticks = Interlocked.Read(ref _ttftTicks);
        return new TargetSnapshot(Target, Volatile.Read(ref _inFlight), CircuitOpen, _healthy, Volatile.Read(ref _load), ticks < 0 ? null : TimeSpan.FromTicks(ticks))
        {
            BackOff = BackOffLeft,
            ColdStart = _coldStart,
        };
    }

    /// <summary>
    /// Keeps the target out of routing after it said it is overloaded (429/503) or loading: for its <c>Retry-After</c>, bounded by
    /// <see cref="HybridRouterOptions.MaxRetryAfter"/>, else for <see cref="HybridRouterOptions.DefaultRetryAfter"/>. A longer wait already set stays.
    /// </summary>
    public void BackOff(TimeSpan? retryAfter)
    {
        var wait = retryAfter is { } r ? (r < TimeSpan.Zero ? TimeSpan.Zero : r > _maxRetryAfter ? _maxRetryAfter : r) : _defaultRetryAfter;
        long until = _time.GetTimestamp() + (long)(wait.TotalSeconds * _time.TimestampFrequency);
        long current = Interlocked.Read(ref _backOffUntil);
        while (until > current)
        {
            long seen = Interlocked.CompareExchange(ref _backOffUntil, until, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Records whether the target's next request is expected to wait for a cold start (a serverless endpoint with no idle worker).</summary>
    public void ReportColdStart(bool expected) => _coldStart = expected;

    public void ReportLoad(EngineLoad load) => Volatile.Write(ref _load, load);

    public void ReportHealth(bool healthy) => _healthy = healthy;

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>Folds one measured time to first token into the moving average.</summary>
    public void RecordTtft(TimeSpan ttft)
    {
        long sample = ttft.Ticks;
        long current = Interlocked.Read(ref _ttftTicks);
        while (true)
        {
            long next = current < 0 ? sample : (long)((_smoothing * sample) + ((1 - _smoothing) * current));
            long seen = Interlocked.CompareExchange(ref _ttftTicks, next, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
