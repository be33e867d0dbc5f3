using System;

namespace Inference.Sdk.Providers;

/// <summary>
/// A provider's API refused a request with an error it described: a 4xx with a problem-details, Lambda or RunPod error
/// body, a RunPod job that <c>FAILED</c> or was <c>CANCELLED</c>, a worker error. Branch on <see cref="ErrorCode"/>.
/// </summary>
public sealed class ProviderApiException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="ProviderApiException"/> class.</summary>
    public ProviderApiException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProviderApiException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public ProviderApiException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ProviderApiException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public ProviderApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Gets or initializes the provider's machine-readable error code, when it sent one: a Lambda <c>error.code</c>
    /// (for example <c>instance-operations/launch/insufficient-capacity</c>), an RFC 9457 <c>type</c> or <c>title</c>,
    /// an OpenAI-style <c>error.type</c>, or a RunPod job status (<c>FAILED</c>, <c>CANCELLED</c>).
    /// </summary>
    public string? ErrorCode { get; init; }
}
