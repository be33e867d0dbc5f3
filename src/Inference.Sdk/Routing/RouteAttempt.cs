using System;

namespace Inference.Sdk.Routing;

/// <summary>One attempt to serve a request on one target.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Outcome">How the attempt ended.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="TimeToFirstToken">When the first streamed update (or, without streaming, the response) arrived, if it did.</param>
/// <param name="Error">The type name of the error, when the attempt failed (never its message: it may carry provider text).</param>
/// <param name="OutputCommitted">Whether output had reached the caller when the attempt ended.</param>
public sealed record RouteAttempt(
    string Target,
    AttemptOutcome Outcome,
    TimeSpan Duration,
    TimeSpan? TimeToFirstToken,
    string? Error,
    bool OutputCommitted);
