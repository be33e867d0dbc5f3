namespace Inference.Sdk.Pools;

/// <summary>Why the endpoint that holds more of a request's prefix was passed over.</summary>
public enum EndpointEscape
{
    /// <summary>Nothing was passed over.</summary>
    None,

    /// <summary>It is unhealthy, its circuit is open or it is backing off.</summary>
    Unavailable,

    /// <summary>Its engine queue is longer than the pool's limit.</summary>
    Queue,

    /// <summary>Its KV cache is fuller than the pool's limit.</summary>
    KvCache,

    /// <summary>It has as many requests in flight as it may.</summary>
    Concurrency,

    /// <summary>It has more requests in flight than the least busy usable endpoint by more than the pool's slack.</summary>
    Imbalance,
}
