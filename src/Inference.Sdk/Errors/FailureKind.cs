namespace Inference.Sdk;

/// <summary>What went wrong with one attempt on one target; <see cref="Failures.Of(FailureKind)"/> says what follows from it.</summary>
internal enum FailureKind
{
    /// <summary>The target could not be reached or failed on its side: connection refused or reset, DNS, TLS, HTTP 408, 5xx other than 503.</summary>
    Unavailable,

    /// <summary>The target is saturated or rate-limited (HTTP 429, 503), maybe with a <c>Retry-After</c>.</summary>
    Overloaded,

    /// <summary>The engine is still loading its model.</summary>
    Loading,

    /// <summary>The target sent nothing within the time it was given.</summary>
    TimedOut,

    /// <summary>The target answered something the protocol does not allow (malformed JSON, an unknown finish reason, a mid-stream error event).</summary>
    Protocol,

    /// <summary>The prompt plus the requested output does not fit this target's context window: a larger window may take it.</summary>
    ContextOverflow,

    /// <summary>HTTP 401 or 403: this target refused its own credentials; another target has its own.</summary>
    Credentials,

    /// <summary>HTTP 404 or 413: this target does not serve the model or the route, or takes no body that large; another target may.</summary>
    NotServedHere,

    /// <summary>The target lacks a capability the request needs (not a multimodal model, tools not enabled): another target may have it.</summary>
    Unsupported,

    /// <summary>Any other 4xx: the request itself is wrong, and it would be wrong everywhere.</summary>
    RequestRejected,

    /// <summary>The target's circuit is open: it was not called.</summary>
    CircuitOpen,

    /// <summary>The router refused the request (no eligible target).</summary>
    Refused,

    /// <summary>The failure came after output had reached the caller.</summary>
    OutputCommitted,

    /// <summary>The caller canceled.</summary>
    Canceled,

    /// <summary>Not a failure of a target (an argument error, a bug in a client): it goes to the caller as it is.</summary>
    Unknown,
}
