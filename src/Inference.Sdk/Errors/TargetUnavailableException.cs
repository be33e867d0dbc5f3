using System;

namespace Inference.Sdk;

/// <summary>The target could not be reached or stopped answering: connection refused, DNS or TLS failure, reset, timeout, eviction, 5xx.</summary>
public sealed class TargetUnavailableException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="TargetUnavailableException"/> class.</summary>
    public TargetUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TargetUnavailableException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public TargetUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TargetUnavailableException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public TargetUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
