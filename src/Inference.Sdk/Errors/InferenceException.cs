using System;

namespace Inference.Sdk;

/// <summary>The base of every error this package raises about a target: it names the target and carries the cause.</summary>
/// <remarks>Messages never contain secrets (API keys, bearer tokens) or prompt text.</remarks>
public class InferenceException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="InferenceException"/> class.</summary>
    public InferenceException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferenceException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public InferenceException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="InferenceException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public InferenceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets or initializes the name of the target (as configured) the error is about, when there is one.</summary>
    public string? TargetName { get; init; }

    /// <summary>Gets or initializes the HTTP status code the target answered with, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Gets or initializes a value indicating whether any output had reached the caller before the error.</summary>
    /// <remarks>Once output is committed, a request is never retried or failed over.</remarks>
    public bool OutputCommitted { get; init; }

    /// <summary>Gets or initializes the kind of failure, when the code that raised the error knows it better than its type and status say (see <see cref="Failures"/>).</summary>
    internal FailureKind? DeclaredKind { get; init; }
}
