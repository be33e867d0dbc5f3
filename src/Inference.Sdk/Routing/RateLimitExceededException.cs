using System;

namespace Inference.Sdk.Routing;

/// <summary>
/// The router refused a request before sending it because a rate limit would be exceeded: the tenant's
/// (<see cref="Tenant"/> set) or every eligible target's (<see cref="InferenceException.TargetName"/> names the one that frees
/// first). <see cref="Limit"/> says which limit and <see cref="RetryAfter"/> when to try again.
/// </summary>
/// <remarks>The message names the limit and the wait; it never contains prompt text.</remarks>
public sealed class RateLimitExceededException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class.</summary>
    public RateLimitExceededException()
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public RateLimitExceededException(string message)
        : base(message)
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Initializes a new instance of the <see cref="RateLimitExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public RateLimitExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Gets or initializes the limit that refused the request.</summary>
    public RateLimitKind Limit { get; init; }

    /// <summary>Gets or initializes the tenant whose limit refused the request; <see langword="null"/> when targets' limits did.</summary>
    public string? Tenant { get; init; }

    /// <summary>Gets or initializes how long to wait before the limit can admit the request; <see langword="null"/> when it never can (the request is larger than the limit).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets or initializes the decision that refused the request, when the policy ran.</summary>
    public RouteDecision? Decision { get; init; }
}
