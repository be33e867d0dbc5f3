using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing.Limits;

/// <summary>One tenant as the router counts it: its priority and its limits (none when it has only a priority).</summary>
/// <param name="Name">The tenant, as counted (<c>(none)</c> for requests without one, <c>(other)</c> past the bound).</param>
/// <param name="Priority">The priority of its requests.</param>
/// <param name="Limits">Its rate limits, if any.</param>
internal sealed record TenantState(string Name, RequestPriority Priority, RateLimits? Limits);
