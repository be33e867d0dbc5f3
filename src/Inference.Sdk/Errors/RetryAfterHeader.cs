using System;
using System.Net.Http.Headers;

namespace Inference.Sdk;

/// <summary>The one reader of <c>Retry-After</c> (RFC 9110 §10.2.3: delta seconds or an HTTP date), on the BCL's header parser.</summary>
internal static class RetryAfterHeader
{
    /// <summary>Reads a header value as sent; <see langword="null"/> when it is absent or not valid.</summary>
    /// <param name="value">The raw header value.</param>
    /// <param name="now">The current time, for a date.</param>
    /// <returns>How long to wait; zero for a date already past.</returns>
    public static TimeSpan? Parse(string? value, DateTimeOffset now) =>
        !string.IsNullOrWhiteSpace(value) && RetryConditionHeaderValue.TryParse(value.Trim(), out var parsed) ? Read(parsed, now) : null;

    /// <summary>Reads a header <see cref="System.Net.Http"/> already parsed.</summary>
    /// <param name="value">The parsed header, if any.</param>
    /// <param name="now">The current time, for a date.</param>
    /// <returns>How long to wait; zero for a date already past.</returns>
    public static TimeSpan? Read(RetryConditionHeaderValue? value, DateTimeOffset now) => value switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
