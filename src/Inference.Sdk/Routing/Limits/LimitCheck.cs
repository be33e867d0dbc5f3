using System;
using System.Diagnostics;
using System.Globalization;

namespace Inference.Sdk.Routing.Limits;

/// <summary>Whether a <see cref="LimitCounter"/> admits an amount, and if not why and when it may.</summary>
/// <param name="Admits">Whether the amount fits.</param>
/// <param name="Used">What the window already holds (in a fleet: the fleet's count as last known).</param>
/// <param name="Ceiling">What the window may hold for this request (the limit, its batch share, or this instance's share while Redis is away).</param>
/// <param name="RetryAfter">How long until it may fit; <see langword="null"/> when it never can (the amount is over the ceiling).</param>
/// <param name="LeaseShort">Whether only this instance's lease is short (the fleet may have room; a renewal is under way).</param>
internal readonly record struct LimitCheck(bool Admits, long Used, long Ceiling, TimeSpan? RetryAfter, bool LeaseShort)
{
    /// <summary>Describes the refusal for a decision's reasons and the exception's message (numbers only: no prompt text).</summary>
    public string Describe(LimitCounter counter, long amount)
    {
        Debug.Assert(!Admits, "Only a refusal is described.");
        string limit = counter.Name;
        string retry = RetryAfter is { } wait ? $"; retry after {Math.Ceiling(wait.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)} ms" : string.Empty;
        return RetryAfter is null
            ? string.Create(CultureInfo.InvariantCulture, $"{limit} {Ceiling} cannot admit a request of {amount}")
            : LeaseShort
                ? string.Create(CultureInfo.InvariantCulture, $"{limit}: this instance's share of the fleet's limit is spent, renewing{retry}")
                : string.Create(CultureInfo.InvariantCulture, $"{limit}: {Used} of {Ceiling} used in the window, needs {amount}{retry}");
    }
}
