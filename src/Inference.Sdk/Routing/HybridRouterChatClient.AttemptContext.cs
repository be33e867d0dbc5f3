using System;
using System.Threading;

namespace Inference.Sdk.Routing;

/// <summary>The router's side of one request's <see cref="AttemptRace{T}"/>: where attempts are recorded and what they share.</summary>
public sealed partial class HybridRouterChatClient
{
    internal sealed class AttemptContext(HybridRouterChatClient router, RouteDecision decision, FailoverProgress failover, CancellationToken caller)
    {
        public RouteDecision Decision => decision;

        public TargetState[] States => router._states;

        public FailoverProgress Failover => failover;

        public TimeProvider Time => router._time;

        public CancellationToken Caller => caller;

        public bool Hedge => router._options.SlowFirstToken == SlowFirstTokenAction.Hedge;

        /// <summary>An attempt failed before output and the request moves on; an overloaded target is kept out for its <c>Retry-After</c>.</summary>
        public void FailedOver(TargetState state, long started, Exception error)
        {
            router.Record(decision, state.Target, AttemptOutcome.FailedOver, router._time.GetElapsedTime(started), null, error, committed: false);
            BackOffIfOverloaded(state, error);
            failover.Failed(state.Target, error);
        }

        /// <summary>An attempt failed with an error that goes to the caller (or the caller canceled).</summary>
        public void Failed(TargetState state, long started, Exception error) =>
            router.Record(decision, state.Target, caller.IsCancellationRequested ? AttemptOutcome.Canceled : AttemptOutcome.Failed, router._time.GetElapsedTime(started), null, error, committed: false);

        /// <summary>Another attempt won the hedge; this one was canceled.</summary>
        public void Superseded(TargetState state, long started, bool producedOutput)
        {
            var elapsed = router._time.GetElapsedTime(started);
            router.Record(decision, state.Target, AttemptOutcome.Superseded, elapsed, producedOutput ? elapsed : null, null, committed: false);
        }
    }
}
