using System;

namespace Inference.Sdk;

/// <summary>The target is saturated or rate-limited (HTTP 429 or 503): try another target or later.</summary>
public sealed class TargetOverloadedException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="TargetOverloadedException"/> class.</summary>
    public TargetOverloadedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TargetOverloadedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public TargetOverloadedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TargetOverloadedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public TargetOverloadedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets or initializes how long the target asked callers to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
