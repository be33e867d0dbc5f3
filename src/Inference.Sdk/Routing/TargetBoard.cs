using System;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Routing.Limits;
using Inference.Sdk.Tokens;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Inference.Sdk.Routing;

/// <summary>
/// Everything the router knows about one target at run time, in one place: health from both sources (the engine's health
/// probe and the provider's status, combined only here), the circuit breaker, load, requests in flight, measured time to
/// first token, <c>Retry-After</c> back-off, cold start and the live price. The monitors write it; every read the policy
/// makes (<see cref="Snapshot"/>) is a plain memory read.
/// </summary>
internal sealed class TargetBoard
{
    /// <summary>The failed probes in a row that take a target out: one slow probe on a busy machine does not.</summary>
    public const int UnhealthyAfterProbes = 2;

    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly double _smoothing;
    private readonly TimeProvider _time;
    private readonly TimeSpan _defaultRetryAfter;
    private readonly TimeSpan _maxRetryAfter;
    private long _openUntil;
    private volatile bool _leftClosed; // set when the circuit opens, cleared when it closes: while clear, it is closed
    private long _backOffUntil;
    private int _inFlight;
    private long _ttftTicks = -1;
    private EngineLoad? _load;
    private volatile bool _engineHealthy = true;
    private volatile bool _providerHealthy = true;
    private volatile bool _coldStart;
    private int _probeFailures;
    private TargetProbeResult? _lastProbe;
    private string? _engineMetrics;
    private ProviderPrice? _ownPrice;
    private ProviderPrice? _catalogPrice;
    private int _reported; // capabilities the engine reported on
    private int _supported; // of those, the ones it has
    private int _refused; // capabilities the target refused a request for

    public TargetBoard(RouteTarget target, HybridRouterOptions options, TimeProvider timeProvider, LimitSet? limits = null)
    {
        Target = target;
        Limits = limits is null ? null : RateLimits.Create(limits, "Targets:" + target.Name, target.RequestsPerMinute, target.TokensPerMinute);
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
                    _leftClosed = true;
                    return default;
                },
                OnClosed = _ =>
                {
                    _leftClosed = false;
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

    /// <summary>Gets the target's requests- and tokens-per-minute limits; <see langword="null"/> when it has none.</summary>
    public RateLimits? Limits { get; }

    public TokenCounter Counter { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <summary>Gets Polly's retry (<see cref="RouteTarget.MaxRetries"/>) around <see cref="Pipeline"/>; <see langword="null"/> when the target is not retried.</summary>
    public ResiliencePipeline? RetryPipeline { get; }

    /// <summary>
    /// Gets a value indicating whether the circuit is closed, so an attempt may run outside <see cref="Pipeline"/> and report its
    /// outcome afterwards (<see cref="ReportOutcome"/>). An open or half-open circuit runs the attempt through the pipeline, which
    /// lets exactly one half-open trial through.
    /// </summary>
    /// <remarks>
    /// Read on every decision for every target: while the circuit has not opened since it last closed, no lock is taken (Polly's
    /// state provider takes one). Polly runs the state callbacks right after each transition; a decision in between reads the state
    /// of just before, as one made a moment earlier would. Nothing here isolates a circuit by hand.
    /// </remarks>
    public bool CircuitClosed => !_leftClosed || _circuit.CircuitState == CircuitState.Closed;

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
    public bool CircuitOpen => _leftClosed && _circuit.CircuitState switch
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
            long until = Interlocked.Read(ref _backOffUntil);
            if (until == 0)
            {
                return null; // never asked to wait: no clock read on every decision
            }

            long left = until - _time.GetTimestamp();
            return left > 0 ? TimeSpan.FromSeconds((double)left / _time.TimestampFrequency) : null;
        }
    }

    /// <summary>Gets a value indicating whether both sources allow the target: its engine's health and its provider's status.</summary>
    public bool Healthy => _engineHealthy && _providerHealthy;

    /// <summary>Gets the target's last health probe, if one ran.</summary>
    public TargetProbeResult? LastProbe => Volatile.Read(ref _lastProbe);

    /// <summary>Gets the engine version range the target's metrics were last read as (<see cref="EngineMetricSet.Name"/>); <see langword="null"/> before the first read.</summary>
    public string? EngineMetrics => Volatile.Read(ref _engineMetrics);

    /// <summary>Gets the newest live price: the target's own bill (a pod's cost, an instance's price) before a catalog price for its GPU.</summary>
    public ProviderPrice? LivePrice => Volatile.Read(ref _ownPrice) ?? Volatile.Read(ref _catalogPrice);

    public TargetSnapshot Snapshot()
    {
        long ticks = Interlocked.Read(ref _ttftTicks);
        return new TargetSnapshot(Target, Volatile.Read(ref _inFlight), CircuitOpen, Healthy, Volatile.Read(ref _load), ticks < 0 ? null : TimeSpan.FromTicks(ticks))
        {
            BackOff = BackOffLeft,
            ColdStart = _coldStart,
            LivePrice = LivePrice,
            Limits = Limits,
            Now = Limits is null ? 0 : _time.GetTimestamp(),
            Capabilities = Capabilities,
            Refused = (ModelCapabilities)Volatile.Read(ref _refused),
            Reported = (ModelCapabilities)Volatile.Read(ref _reported),
        };
    }

    /// <summary>
    /// Gets what the target can do now: what its engine reported (on the capabilities it reported on), else its configured or
    /// catalog capabilities (all when unknown), less any it refused a request for.
    /// </summary>
    public ModelCapabilities Capabilities
    {
        get
        {
            int reported = Volatile.Read(ref _reported);
            int start = (int)(Target.Capabilities ?? ModelCapabilities.All);
            int now = (start & ~reported) | (Volatile.Read(ref _supported) & reported);
            return (ModelCapabilities)(now & ~Volatile.Read(ref _refused));
        }
    }

    /// <summary>
    /// Records what the target's engine says it can do (engine discovery): <paramref name="reported"/> are the capabilities it
    /// said anything about, <paramref name="supported"/> those it has. A report that newly says the target has a capability it
    /// refused clears the refusal, so an engine restarted with the missing flag comes back.
    /// </summary>
    /// <returns>Whether what the router uses changed.</returns>
    public bool ReportCapabilities(ModelCapabilities supported, ModelCapabilities reported)
    {
        var before = Capabilities;
        int had = Volatile.Read(ref _supported), hadReported = Volatile.Read(ref _reported);
        Volatile.Write(ref _supported, (int)(supported & reported));
        Volatile.Write(ref _reported, (int)reported);

        // Only a report that changed clears a refusal: the same report every probe would send the refused request again.
        int cleared = (int)(supported & reported) & ~(had & hadReported);
        int refused = Volatile.Read(ref _refused);
        while ((refused & cleared) != 0)
        {
            int seen = Interlocked.CompareExchange(ref _refused, refused & ~cleared, refused);
            if (seen == refused)
            {
                break;
            }

            refused = seen;
        }

        return before != Capabilities;
    }

    /// <summary>Records that the target refused a request for the lack of <paramref name="capability"/>: requests needing it go elsewhere.</summary>
    public void RefuseCapability(ModelCapabilities capability)
    {
        int bits = (int)capability;
        int current = Volatile.Read(ref _refused);
        while ((current & bits) != bits)
        {
            int seen = Interlocked.CompareExchange(ref _refused, current | bits, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
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

    /// <summary>Records the engine's health as its owner reports it (<see cref="HybridRouterChatClient.ReportHealth(string, bool)"/>).</summary>
    public void ReportEngineHealth(bool healthy) => _engineHealthy = healthy;

    /// <summary>
    /// Records one health probe: the target goes out after <see cref="UnhealthyAfterProbes"/> failed probes in a row and comes back
    /// after one good one.
    /// </summary>
    /// <returns>Whether the probe's verdict differs from the previous probe's (for logging a change once).</returns>
    public bool ReportProbe(TargetProbeResult result)
    {
        var previous = Interlocked.Exchange(ref _lastProbe, result);
        if (result.Healthy)
        {
            Volatile.Write(ref _probeFailures, 0);
            _engineHealthy = true;
        }
        else if (Interlocked.Increment(ref _probeFailures) >= UnhealthyAfterProbes)
        {
            _engineHealthy = false;
        }

        return previous is null || previous.Healthy != result.Healthy;
    }

    /// <summary>Records the provider's verdict: whether it says the target can serve (running, ready, with capacity) and whether its next request waits for a cold start.</summary>
    public void ReportProvider(bool healthy, bool coldStart)
    {
        _providerHealthy = healthy;
        _coldStart = coldStart;
    }

    /// <summary>Records the engine version range the target's metrics are read as.</summary>
    public void ReportEngineMetrics(string metricSet) => Volatile.Write(ref _engineMetrics, metricSet);

    public void ReportLoad(EngineLoad load) => Volatile.Write(ref _load, load);

    /// <summary>Records the price the provider reports for the target itself.</summary>
    /// <returns>Whether the price the router uses changed.</returns>
    public bool ReportOwnPrice(ProviderPrice price) => ReportPrice(ref _ownPrice, price);

    /// <summary>Records the catalog price of the target's GPU.</summary>
    /// <returns>Whether the price the router uses changed.</returns>
    public bool ReportCatalogPrice(ProviderPrice price) => ReportPrice(ref _catalogPrice, price);

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    private bool ReportPrice(ref ProviderPrice? slot, ProviderPrice price)
    {
        decimal? before = LivePrice?.UsdPerHour;
        Volatile.Write(ref slot, price);
        return before != LivePrice?.UsdPerHour;
    }

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
