using System;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Routing;

/// <summary>
/// The token of one attempt: the caller's token, cancelable on its own (a hedge that lost), plus the target's first-token
/// timeout until the first output arrives. On timeout it cancels the attempt (fail over) or only signals <see cref="Elapsed"/> (hedge).
/// </summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly RouteTarget _target;
    private readonly CancellationTokenSource _cts;
    private readonly ITimer? _timer;
    private readonly TaskCompletionSource? _elapsed;
    private volatile bool _timedOut;

    private AttemptTimeout(RouteTarget target, TimeProvider time, CancellationToken caller, bool hedge)
    {
        _target = target;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
        Token = _cts.Token;
        if (target.FirstTokenTimeout is { } timeout)
        {
            _elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _timer = time.CreateTimer(
                static s =>
                {
                    var (self, hedge) = ((AttemptTimeout, bool))s!;
                    if (!hedge)
                    {
                        self._timedOut = true;
                        self.Cancel();
                    }

                    self._elapsed!.TrySetResult();
                },
                (this, hedge),
                timeout,
                Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token { get; }

    /// <summary>
    /// The timeout of an attempt on <paramref name="target"/>; <see langword="null"/> when nothing can cancel it but the caller
    /// (fail-over mode, no first-token budget): the attempt then runs under the caller's token as it is, since a linked source
    /// per attempt costs a registration on every cancelable wait down the HTTP stack.
    /// </summary>
    public static AttemptTimeout? For(RouteTarget target, TimeProvider time, CancellationToken caller, bool hedge = false) =>
        !hedge && target.FirstTokenTimeout is null ? null : new AttemptTimeout(target, time, caller, hedge);

    /// <summary>Gets a value indicating whether the first-token timeout fired and canceled the attempt (fail-over mode).</summary>
    public bool TimedOut => _timedOut;

    /// <summary>Gets a task that completes when the first-token timeout has passed; <see langword="null"/> when the target has none.</summary>
    public Task? Elapsed => _elapsed?.Task;

    /// <summary>Stops the timer once the first output has arrived.</summary>
    public void Disarm() => _timer?.Dispose();

    /// <summary>Cancels the attempt (it lost a hedge, or its timeout fired).</summary>
    public void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public TargetUnavailableException TimeoutError() =>
        new($"Target '{_target.Name}' sent no first token within {_target.FirstTokenTimeout!.Value.TotalMilliseconds:0} ms.", new TimeoutException())
        {
            TargetName = _target.Name,
            DeclaredKind = FailureKind.TimedOut,
        };

    public void Dispose()
    {
        _timer?.Dispose();
        _cts.Dispose();
    }
}
