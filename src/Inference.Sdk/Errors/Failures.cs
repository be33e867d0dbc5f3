using System;
using System.ClientModel;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Polly.CircuitBreaker;
using StackExchange.Redis;

namespace Inference.Sdk;

/// <summary>
/// The one place that classifies failures: what a status code means (<see cref="OfStatus"/>), what kind of failure an
/// exception is (<see cref="Classify"/>), what follows from each kind (<see cref="Of(FailureKind)"/>: fail over, count
/// against the circuit breaker, retry), and the typed error the caller gets (<see cref="ToTyped"/>). Pure.
/// </summary>
/// <remarks>
/// Client errors (4xx other than 408 and 429) are sent once: never retried, never counted against the breaker, and failed
/// over only when another target can succeed where this one could not: a context overflow (a larger window), refused
/// credentials (each target has its own), a model or route this target does not serve, a capability it lacks (an engine
/// says so in a 400 or, llama.cpp, a 500: classified by its message). Any other 4xx would be wrong
/// everywhere and goes to the caller. <c>docs/reliability.md</c> shows the table; a test checks it row by row.
/// </remarks>
internal static class Failures
{
    /// <summary>
    /// Whether an exception from a Redis call means Redis could not be reached, so the caller works locally until it is back
    /// (the cost ledger keeps the cost pending, the fleet's rate limits run on this instance's share). Besides StackExchange.Redis's
    /// own errors and timeouts, a connection torn down while a command was being written surfaces as the pipe's
    /// <see cref="InvalidOperationException"/> ("Writing is not allowed after writer was completed"), and a command the
    /// connection dropped while it waited as a <see cref="TaskCanceledException"/> nobody asked for.
    /// </summary>
    /// <param name="exception">The exception.</param>
    /// <param name="caller">The caller's token: a cancellation it asked for is not an outage.</param>
    /// <returns><see langword="true"/> for an outage; <see langword="false"/> for anything else (a bug, a script error, the caller's cancellation).</returns>
    public static bool IsRedisOutage(Exception exception, CancellationToken caller) =>
        exception is RedisException or TimeoutException or ObjectDisposedException
        || exception is InvalidOperationException { Source: "System.IO.Pipelines" }
        || (exception is OperationCanceledException && !caller.IsCancellationRequested);

    /// <summary>What follows from a kind of failure.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the request fails over, whether the breaker counts it, whether the target may be retried.</returns>
    public static FailureClass Of(FailureKind kind) => kind switch
    {
        FailureKind.Unavailable or FailureKind.Overloaded or FailureKind.Loading => new(kind, FailsOver: true, CountsAgainstTarget: true, MayRetry: true),

        // The same server would answer the same way (protocol), or the attempt's time is spent (timeout).
        FailureKind.TimedOut or FailureKind.Protocol => new(kind, FailsOver: true, CountsAgainstTarget: true, MayRetry: false),

        // Client errors another target can serve: this target is not at fault in general, only for this request.
        FailureKind.ContextOverflow or FailureKind.Credentials or FailureKind.NotServedHere or FailureKind.Unsupported
            => new(kind, FailsOver: true, CountsAgainstTarget: false, MayRetry: false),

        // Not called at all: the breaker already knows.
        FailureKind.CircuitOpen => new(kind, FailsOver: true, CountsAgainstTarget: false, MayRetry: false),

        // RequestRejected, Refused, OutputCommitted, Canceled, Unknown: the caller gets the error as it is.
        _ => new(kind, FailsOver: false, CountsAgainstTarget: false, MayRetry: false),
    };

    /// <summary>Classifies an exception from an attempt.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>Its kind and what follows from it.</returns>
    public static FailureClass Classify(Exception e) => Of(KindOf(e));

    /// <summary>What an HTTP error status says on its own (the body may say more: a context overflow, a model still loading).</summary>
    /// <param name="status">The status code.</param>
    /// <returns>The kind.</returns>
    public static FailureKind OfStatus(int status) => status switch
    {
        401 or 403 => FailureKind.Credentials,
        404 or 413 => FailureKind.NotServedHere,
        429 or 503 => FailureKind.Overloaded,
        408 or >= 500 => FailureKind.Unavailable,
        >= 400 => FailureKind.RequestRejected,
        _ => FailureKind.Protocol,
    };

    /// <summary>The kind of an exception from an attempt.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>The kind.</returns>
    public static FailureKind KindOf(Exception e) => e switch
    {
        InferenceException { OutputCommitted: true } => FailureKind.OutputCommitted,
        InferenceException { DeclaredKind: { } declared } => declared,
        ContextWindowExceededException => FailureKind.ContextOverflow,
        CapabilityNotSupportedException => FailureKind.Unsupported,
        EngineLoadingException => FailureKind.Loading,
        TargetOverloadedException => FailureKind.Overloaded,
        InferenceProtocolException => FailureKind.Protocol,
        TargetUnavailableException => HasTimeout(e) ? FailureKind.TimedOut : FailureKind.Unavailable,
        InferenceException { StatusCode: { } status } => OfStatus(status),
        InferenceException => FailureKind.Unavailable, // a target's failure without a status (a serverless job that failed)
        BrokenCircuitException => FailureKind.CircuitOpen,
        ClientResultException { Status: 0 } => FailureKind.Unavailable,
        ClientResultException cre => OfStatus(cre.Status),
        TimeoutException => FailureKind.TimedOut,
        OperationCanceledException => HasTimeout(e) ? FailureKind.TimedOut : FailureKind.Canceled,
        HttpRequestException or IOException or SocketException => HasTimeout(e) ? FailureKind.TimedOut : FailureKind.Unavailable,
        _ => FailureKind.Unknown,
    };

    /// <summary>Turns an untyped error from a target into the package's typed errors; typed errors are returned as they are.</summary>
    /// <param name="e">The error.</param>
    /// <param name="target">The target's name.</param>
    /// <param name="outputCommitted">Whether output had reached the caller.</param>
    /// <param name="now">The current time, for a <c>Retry-After</c> date.</param>
    /// <returns>The typed error.</returns>
    public static InferenceException ToTyped(Exception e, string target, bool outputCommitted, DateTimeOffset now) => e switch
    {
        InferenceException { OutputCommitted: false } ie when outputCommitted => new TargetUnavailableException($"Target '{target}' failed after output was committed ({ie.GetType().Name}).", ie)
        {
            TargetName = target, StatusCode = ie.StatusCode, OutputCommitted = true,
        },
        InferenceException ie => ie,
        ClientResultException { Status: > 0 } cre => FromStatus(cre, target, outputCommitted, now),
        BrokenCircuitException => new TargetUnavailableException($"Target '{target}' is unavailable: its circuit is open.", e)
        {
            TargetName = target, OutputCommitted = outputCommitted, DeclaredKind = FailureKind.CircuitOpen,
        },
        _ => new TargetUnavailableException($"Target '{target}' failed ({e.GetType().Name}).", e)
        {
            TargetName = target, OutputCommitted = outputCommitted,
        },
    };

    private static InferenceException FromStatus(ClientResultException cre, string target, bool outputCommitted, DateTimeOffset now)
    {
        int status = cre.Status;
        switch (OfStatus(status))
        {
            case FailureKind.Overloaded:
                string? header = cre.GetRawResponse() is { } raw && raw.Headers.TryGetValue("Retry-After", out string? value) ? value : null;
                return new TargetOverloadedException($"Target '{target}' is {(status == 429 ? "rate-limited" : "overloaded")} (HTTP {status}).", cre)
                {
                    TargetName = target, StatusCode = status, OutputCommitted = outputCommitted, RetryAfter = RetryAfterHeader.Parse(header, now),
                };
            case FailureKind.Credentials or FailureKind.NotServedHere or FailureKind.RequestRejected:
                return new InferenceException($"Target '{target}' rejected the request (HTTP {status}).", cre)
                {
                    TargetName = target, StatusCode = status, OutputCommitted = outputCommitted,
                };
            default:
                return new TargetUnavailableException($"Target '{target}' failed (HTTP {status}).", cre)
                {
                    TargetName = target, StatusCode = status, OutputCommitted = outputCommitted,
                };
        }
    }

    private static bool HasTimeout(Exception e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
