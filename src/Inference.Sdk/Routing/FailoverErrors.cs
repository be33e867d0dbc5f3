using System;
using System.ClientModel;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Polly.CircuitBreaker;

namespace Inference.Sdk.Routing;

/// <summary>Which errors move a request to the next target, and how untyped ones become typed.</summary>
internal static class FailoverErrors
{
    /// <summary>Whether an error before output was committed should move the request to the next target.</summary>
    public static bool IsFailover(Exception e) => e switch
    {
        RouteRefusedException => false,
        InferenceException ie => !ie.OutputCommitted,
        BrokenCircuitException or HttpRequestException or IOException or SocketException or TimeoutException => true,
        ClientResultException cre => cre.Status is 0 or 408 or 429 or >= 500,
        _ => false,
    };

    /// <summary>Whether an error counts against the target's health (a too-long prompt does not).</summary>
    public static bool CountsAgainstTarget(Exception e) => e is not ContextWindowExceededException and not BrokenCircuitException && IsFailover(e);

    /// <summary>
    /// Whether an error before output is worth retrying on the same target: it counts against the target, and it is neither a
    /// protocol error (the same server would answer the same way) nor a timeout (the attempt's time is spent).
    /// </summary>
    public static bool IsTransient(Exception e)
    {
        if (!CountsAgainstTarget(e) || e is InferenceProtocolException)
        {
            return false;
        }

        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Turns an untyped error from a target into the package's typed errors; typed errors are returned as they are.</summary>
    public static InferenceException ToTyped(Exception e, string target, bool outputCommitted) => e switch
    {
        InferenceException { OutputCommitted: false } ie when outputCommitted => new TargetUnavailableException($"Target '{target}' failed after output was committed ({ie.GetType().Name}).", ie)
        {
            TargetName = target, StatusCode = ie.StatusCode, OutputCommitted = true,
        },
        InferenceException ie => ie,
        ClientResultException { Status: 429 } cre => new TargetOverloadedException($"Target '{target}' is rate-limited (HTTP 429).", cre)
        {
            TargetName = target, StatusCode = 429, OutputCommitted = outputCommitted,
        },
        ClientResultException cre => new TargetUnavailableException($"Target '{target}' failed (HTTP {cre.Status}).", cre)
        {
            TargetName = target, StatusCode = cre.Status == 0 ? null : cre.Status, OutputCommitted = outputCommitted,
        },
        BrokenCircuitException => new TargetUnavailableException($"Target '{target}' is unavailable: its circuit is open.", e)
        {
            TargetName = target, OutputCommitted = outputCommitted,
        },
        _ => new TargetUnavailableException($"Target '{target}' failed ({e.GetType().Name}).", e)
        {
            TargetName = target, OutputCommitted = outputCommitted,
        },
    };
}
