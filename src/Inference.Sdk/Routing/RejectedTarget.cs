namespace Inference.Sdk.Routing;

/// <summary>A target the router did not consider for a request, and why.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Rule">The rule that excluded it.</param>
/// <param name="Reason">Why, in words (never prompt text or secrets).</param>
public sealed record RejectedTarget(string Target, RouteRule Rule, string Reason);
