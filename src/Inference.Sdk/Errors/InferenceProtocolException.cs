using System;

namespace Inference.Sdk;

/// <summary>The target answered something the protocol does not allow: malformed JSON, a truncated stream, an unknown status, a mid-stream error event.</summary>
public sealed class InferenceProtocolException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="InferenceProtocolException"/> class.</summary>
    public InferenceProtocolException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferenceProtocolException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public InferenceProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferenceProtocolException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InferenceProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
