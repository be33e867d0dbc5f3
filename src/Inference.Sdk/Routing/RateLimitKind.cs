namespace Inference.Sdk.Routing;

/// <summary>Which rate limit refused a request.</summary>
public enum RateLimitKind
{
    /// <summary>Requests per minute.</summary>
    RequestsPerMinute,

    /// <summary>Tokens per minute: prompt plus expected output (corrected by the usage each response reports).</summary>
    TokensPerMinute,

    /// <summary>Batch requests waiting for capacity: the queue was full or the wait ran out.</summary>
    BatchQueue,
}
