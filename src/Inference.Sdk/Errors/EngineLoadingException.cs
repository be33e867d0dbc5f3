using System;

namespace Inference.Sdk;

/// <summary>The engine is up but still loading its model (llama.cpp 503 "Loading model", a cold serverless worker).</summary>
public sealed class EngineLoadingException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="EngineLoadingException"/> class.</summary>
    public EngineLoadingException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EngineLoadingException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public EngineLoadingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="EngineLoadingException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public EngineLoadingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
