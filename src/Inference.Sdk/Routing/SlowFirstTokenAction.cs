namespace Inference.Sdk.Routing;

/// <summary>What the router does when a target's first output is later than its <see cref="RouteTarget.FirstTokenTimeout"/>.</summary>
public enum SlowFirstTokenAction
{
    /// <summary>Cancel the slow attempt and try the next target.</summary>
    FailOver,

    /// <summary>
    /// Keep the slow attempt and start the next target beside it; the first to produce output serves, the other is canceled
    /// (and billed only what it measured, usually nothing).
    /// </summary>
    Hedge,
}
