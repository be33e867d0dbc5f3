namespace Inference.Sdk.Routing;

/// <summary>What the router does with a request in which the PII detector found personal data or secrets.</summary>
public enum PiiPolicy
{
    /// <summary>Serve the request on an edge target only (data never leaves the team's hardware); refuse when no edge target can hold it.</summary>
    ForceLocal,

    /// <summary>Replace every finding with a placeholder such as <c>[EMAIL]</c> before the request leaves for a non-edge target; nothing is restored in the answer.</summary>
    Redact,

    /// <summary>Refuse the request with a <see cref="RouteRefusedException"/>.</summary>
    Refuse,
}
