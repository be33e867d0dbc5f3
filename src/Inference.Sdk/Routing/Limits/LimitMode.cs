namespace Inference.Sdk.Routing.Limits;

/// <summary>How a <see cref="LimitCounter"/> is shared.</summary>
internal enum LimitMode
{
    /// <summary>One instance: the whole limit is counted here.</summary>
    Local,

    /// <summary>A fleet through Redis: admitted while the lease Redis granted lasts.</summary>
    Fleet,

    /// <summary>A fleet whose Redis is away: admitted up to this instance's share, counted here until Redis is back.</summary>
    Degraded,
}
