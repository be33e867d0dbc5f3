using System;
using System.Threading;

namespace Inference.Sdk.Routing;

/// <summary>The token of one attempt: the caller's token, plus the target's first-token timeout until the first output arrives.</summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly RouteTarget _target;
    private readonly CancellationTokenSource? _cts;
    private readonly ITimer? _timer;
    private volatile bool _timedOut;

    public AttemptTimeout(RouteTarget target, TimeProvider time, CancellationToken caller)
    {
        _target = target;
        if (target.FirstTokenTimeout is { } timeout)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _timer = time.CreateTimer(
                static s =>
                {
                    var self = (AttemptTimeout)s!;
                    self._timedOut = true;
                    try
                    {
                        self._cts!.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                    }
                },
                this,
                timeout,
                Timeout.InfiniteTimeSpan);
            Token = _cts.Token;
        }
        else
        {
            Token = caller;
        }
    }

    public CancellationToken Token { get; }

    /// <summary>Gets a value indicating whether the first-token timeout fired.</summary>
    public bool TimedOut => _timedOut;

    /// <summary>Stops the timer once the first output has arrived.</summary>
    public void Disarm() => _timer?.Dispose();

    public TargetUnavailableException TimeoutError() =>
        new($"Target '{_target.Name}' sent no first token within {_target.FirstTokenTimeout!.Value.TotalMilliseconds:0} ms.", new TimeoutException())
        {
            TargetName = _target.Name,
        };

    public void Dispose()
    {
        _timer?.Dispose();
        _cts?.Dispose();
    }
}
