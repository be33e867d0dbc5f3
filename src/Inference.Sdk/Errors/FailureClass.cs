namespace Inference.Sdk;

/// <summary>What follows from one failed attempt: whether the request moves on, whether the target's circuit breaker counts it, whether the target may be tried again.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="FailsOver">Whether the request moves to the next target in the decision's order.</param>
/// <param name="CountsAgainstTarget">Whether the target's circuit breaker counts the failure.</param>
/// <param name="MayRetry">Whether the same target may be tried again (only when no other target is left, up to its <c>MaxRetries</c>).</param>
internal readonly record struct FailureClass(FailureKind Kind, bool FailsOver, bool CountsAgainstTarget, bool MayRetry);
