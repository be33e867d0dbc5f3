namespace Inference.Sdk.Routing;

/// <summary>The rule that decided where a request went (the first in priority order that changed the outcome).</summary>
public enum RouteRule
{
    /// <summary>No rule fired: the first edge target (or the first target) in configuration order.</summary>
    Default,

    /// <summary>The caller named the target (<see cref="InferencePropertyNames.ForceTarget"/>).</summary>
    ForceTarget,

    /// <summary>Personal data or a secret was found, or the caller classified the data as local-only (seed priority 1).</summary>
    Pii,

    /// <summary>A tenant or global budget is spent or too low: downgraded to a cheaper target.</summary>
    Budget,

    /// <summary>The cloud tier was wanted but is unavailable (circuit open, unhealthy, or failed): degraded to the edge.</summary>
    Degraded,

    /// <summary>Prompt plus output exceed the edge token threshold (seed priority 2).</summary>
    TokenBudget,

    /// <summary>The task type needs a larger model (seed priority 3).</summary>
    TaskType,

    /// <summary>The edge answer's confidence was below the threshold: escalated (seed priority 4).</summary>
    ConfidenceEscalation,

    /// <summary>The preferred target is saturated (queue, KV-cache occupancy or concurrency limit): overflowed to the next tier.</summary>
    Saturation,

    /// <summary>Required compliance or region tags excluded the first choice.</summary>
    Residency,

    /// <summary>The first choice's context window cannot hold prompt plus output.</summary>
    ContextWindow,

    /// <summary>Among eligible targets, the cheapest expected cost that meets its latency goal.</summary>
    Cost,

    /// <summary>The chosen target failed before output was committed and another served the request.</summary>
    Failover,

    /// <summary>A rate limit (requests or tokens per minute, the target's or the tenant's) could not admit the request.</summary>
    RateLimit,

    /// <summary>The first choice lacks a capability the request needs (tools, structured output, vision, reasoning).</summary>
    Capability,

    /// <summary>Conversation affinity: the turn stays on the target that served the conversation's previous turn.</summary>
    Affinity,

    /// <summary>The request carries a <c>ChatOptions.ConversationId</c> (service-held history) that no target can hold.</summary>
    ConversationState,
}
