using System;

namespace Inference.Sdk;

/// <summary>The prompt plus the requested output does not fit the target's context window.</summary>
public sealed class ContextWindowExceededException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="ContextWindowExceededException"/> class.</summary>
    public ContextWindowExceededException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContextWindowExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ContextWindowExceededException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ContextWindowExceededException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ContextWindowExceededException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets or initializes the number of prompt tokens the engine counted, when it said.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets or initializes the number of output tokens requested, when known.</summary>
    public int? RequestedOutputTokens { get; init; }

    /// <summary>Gets or initializes the context window (per slot, for llama.cpp) the engine enforces, when it said.</summary>
    public int? ContextWindow { get; init; }

    /// <summary>Gets or initializes a value indicating whether the engine silently truncated the prompt instead of failing (Ollama).</summary>
    public bool Truncated { get; init; }
}
