namespace Inference.Sdk.Routing;

/// <summary>What the router does with a request in which the PII detector found personal data or secrets.</summary>
public enum PiiPolicy
{
    /// <summary>Serve the request on an edge target only (data never leaves the team's hardware); refuse when no edge target can hold it.</summary>
    ForceLocal,

    /// <summary>
    /// Replace every finding, in every content kind, with a numbered placeholder such as <c>[EMAIL_1]</c> (the same value the same
    /// placeholder) before the request leaves for a non-edge target; the placeholders in the answer are restored to the original values
    /// unless <see cref="HybridRouterOptions.RestoreRedactedValues"/> is off.
    /// </summary>
    Redact,

    /// <summary>Refuse the request with a <see cref="RouteRefusedException"/>.</summary>
    Refuse,
}
