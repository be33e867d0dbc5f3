using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk;

/// <summary>
/// The target refused the request because it lacks a capability the request needs: an image sent to a text-only model (or
/// an engine started without its image encoder), tools sent to an engine that does not parse tool calls. Another target
/// may have it: the router fails over, never retries this target, and keeps it out of requests that need the capability.
/// </summary>
public sealed class CapabilityNotSupportedException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="CapabilityNotSupportedException"/> class.</summary>
    public CapabilityNotSupportedException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CapabilityNotSupportedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public CapabilityNotSupportedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="CapabilityNotSupportedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public CapabilityNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets or initializes the capability the target said it lacks.</summary>
    public ModelCapabilities Capability { get; init; }
}
