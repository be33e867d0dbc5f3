namespace Inference.Sdk.Routing;

/// <summary>How one request through the router ended.</summary>
public enum RouteOutcome
{
    /// <summary>A target answered (for a stream: every update reached the caller).</summary>
    Served,

    /// <summary>The request failed: every target failed over, or an error went to the caller.</summary>
    Failed,

    /// <summary>The policy refused the request; no target was called.</summary>
    Refused,

    /// <summary>The caller canceled, or stopped reading a stream before its end.</summary>
    Canceled,
}
