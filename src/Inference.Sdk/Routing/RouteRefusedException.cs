using System;

namespace Inference.Sdk.Routing;

/// <summary>The router refused a request: no configured target may serve it (PII policy, context windows, required tags, budget, availability).</summary>
/// <remarks>The message says which rules excluded which targets; it never contains prompt text.</remarks>
public sealed class RouteRefusedException : InferenceException
{
    /// <summary>Initializes a new instance of the <see cref="RouteRefusedException"/> class.</summary>
    public RouteRefusedException()
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Initializes a new instance of the <see cref="RouteRefusedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    public RouteRefusedException(string message)
        : base(message)
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Initializes a new instance of the <see cref="RouteRefusedException"/> class.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public RouteRefusedException(string message, Exception? innerException)
        : base(message, innerException)
    {
        DeclaredKind = FailureKind.Refused;
    }

    /// <summary>Gets or initializes the decision that refused the request, with its reasons and rejected targets.</summary>
    public RouteDecision? Decision { get; init; }
}
