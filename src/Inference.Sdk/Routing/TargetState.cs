using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Polly;
using Polly.CircuitBreaker;

namespace Inference.Sdk.Routing;

/// <summary>What the router knows about one target at run time; every read is a plain memory read.</summary>
internal sealed class TargetState
{
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly double _smoothing;
    private readonly TimeProvider _time;
    private long _openUntil;
    private int _inFlight;
    private long _ttftTicks = -1;
    private EngineLoad? _load;
    private volatile bool _healthy = true;

    public TargetState(RouteTarget target, HybridRouterOptions options, TimeProvider timeProvider)
    {
        Target = target;
        Counter = TokenCounter.For(target);
        _smoothing = options.TtftSmoothing;
        _time = timeProvider;
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
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } e && FailoverErrors.CountsAgainstTarget(e)),
            })
            .Build();
    }

    public RouteTarget Target { get; }

    public TokenCounter Counter { get; }

    public ResiliencePipeline Pipeline { get; }

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

    public TargetSnapshot Snapshot()
    {
        long ticks = Interlocked.Read(ref _ttftTicks);
        return new TargetSnapshot(Target, Volatile.Read(ref _inFlight), CircuitOpen, _healthy, Volatile.Read(ref _load), ticks < 0 ? null : TimeSpan.FromTicks(ticks));
    }

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
