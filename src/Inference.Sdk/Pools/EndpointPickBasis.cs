namespace Inference.Sdk.Pools;

/// <summary>Why the scorer picked the endpoint it picked.</summary>
public enum EndpointPickBasis
{
    /// <summary>No endpoint can be sent anything (all unhealthy, open circuits or backing off).</summary>
    None,

    /// <summary>The request's conversation was last sent there (conversation affinity).</summary>
    Conversation,

    /// <summary>It was last sent the longest prefix of the request (prefix-cache affinity).</summary>
    Prefix,

    /// <summary>No usable endpoint holds any of the prefix: the least loaded one.</summary>
    Load,

    /// <summary>Every available endpoint is saturated: the least loaded of them.</summary>
    Saturated,
}
