using System;

namespace Inference.Sdk.Routing.Limits;

/// <summary>A rate limit that kept a request from a target or refused it outright: which, and when it may admit it.</summary>
/// <param name="Kind">The limit.</param>
/// <param name="Name">The limit as configuration names it (<c>Targets:cloud:TokensPerMinute</c>).</param>
/// <param name="Owner">The target's name, or the tenant's when <paramref name="IsTenant"/>.</param>
/// <param name="IsTenant">Whether the limit is the tenant's.</param>
/// <param name="RetryAfter">When it may admit the request; <see langword="null"/> for never.</param>
/// <param name="Reason">The limit, its count and the wait, in words.</param>
/// <param name="LeaseShort">Whether only this instance's fleet lease was short (the fleet may have room once it is renewed).</param>
internal sealed record LimitRefusal(RateLimitKind Kind, string Name, string Owner, bool IsTenant, TimeSpan? RetryAfter, string Reason, bool LeaseShort = false)
{
    /// <summary>The refusal that frees first: a wait before none, a shorter wait before a longer one.</summary>
    public static LimitRefusal Sooner(LimitRefusal? known, LimitRefusal next) =>
        known is null || (next.RetryAfter is { } n && (known.RetryAfter is not { } k || n < k)) ? next : known;
}
