namespace Inference.Sdk.Routing;

/// <summary>How one attempt on one target ended.</summary>
public enum AttemptOutcome
{
    /// <summary>The target answered.</summary>
    Succeeded,

    /// <summary>The target failed before output was committed; the router moved on to the next target.</summary>
    FailedOver,

    /// <summary>The target failed and the error went to the caller (output committed, no target left, or not a failover error).</summary>
    Failed,

    /// <summary>The caller canceled the request.</summary>
    Canceled,

    /// <summary>The target answered with a confidence below the threshold; the router escalated.</summary>
    LowConfidence,

    /// <summary>A hedged attempt on another target produced output first; this one was canceled.</summary>
    Superseded,
}
