namespace Inference.Sdk;

/// <summary>
/// Keys this package reads from <c>ChatOptions.AdditionalProperties</c> (caller hints) and writes to
/// <c>ChatResponse.AdditionalProperties</c> / <c>ChatResponseUpdate.AdditionalProperties</c> (what happened).
/// </summary>
public static class InferencePropertyNames
{
    /// <summary>Caller hint: the tenant the request is billed and budgeted to (a <see cref="string"/>).</summary>
    public const string Tenant = "inference.tenant";

    /// <summary>Caller hint: the data classification of the request, e.g. <c>"confidential"</c> forces local (a <see cref="string"/>).</summary>
    public const string DataClassification = "inference.data_classification";

    /// <summary>Caller hint: the name of the target that must serve the request (a <see cref="string"/>).</summary>
    public const string ForceTarget = "inference.force_target";

    /// <summary>Caller hint: compliance or region tags every eligible target must carry (an <see cref="System.Collections.Generic.IEnumerable{T}"/> of <see cref="string"/> or a comma-separated <see cref="string"/>).</summary>
    public const string RequiredTags = "inference.required_tags";

    /// <summary>Caller hint: the time to first token the request needs (a <see cref="System.TimeSpan"/>); a target expecting a cold start longer than that is skipped. Without it the request counts as batch work.</summary>
    public const string LatencyGoal = "inference.latency_goal";

    /// <summary>Caller hint: the request's priority under rate limits (a <c>Requests.RequestPriority</c>, or its name as a <see cref="string"/>); the tenant's priority when absent.</summary>
    public const string Priority = "inference.priority";

    /// <summary>Response property: the router's <c>RouteDecision</c> for the request.</summary>
    public const string RouteDecision = "inference.route_decision";

    /// <summary>Response property: the <c>RequestCost</c> the cost meter computed for the request.</summary>
    public const string Cost = "inference.cost";

    /// <summary>Response property: the name of the target that served the request (a <see cref="string"/>).</summary>
    public const string TargetName = "inference.target";

    /// <summary>Response property: which replica of a pool target served the request, and why (a <see cref="Pools.EndpointDecision"/>).</summary>
    public const string Endpoint = "inference.endpoint";
}
