namespace Inference.Sdk.Routing.Limits;

/// <summary>The requests-per-minute and tokens-per-minute limits of one target or tenant, taken and settled together.</summary>
internal sealed class RateLimits
{
    public RateLimits(LimitCounter? requests, LimitCounter? tokens)
    {
        Requests = requests;
        Tokens = tokens;
    }

    /// <summary>Gets the requests-per-minute limit, if any.</summary>
    public LimitCounter? Requests { get; }

    /// <summary>Gets the tokens-per-minute limit, if any.</summary>
    public LimitCounter? Tokens { get; }

    /// <summary>Creates the limits of one target or tenant; <see langword="null"/> when it has none.</summary>
    /// <param name="set">Where counters are created.</param>
    /// <param name="path">The configuration path of the owner (<c>Targets:cloud</c>, <c>Tenants:acme</c>).</param>
    /// <param name="requestsPerMinute">The requests per minute, if limited.</param>
    /// <param name="tokensPerMinute">The tokens per minute, if limited.</param>
    public static RateLimits? Create(LimitSet set, string path, int? requestsPerMinute, int? tokensPerMinute) =>
        requestsPerMinute is null && tokensPerMinute is null
            ? null
            : new RateLimits(
                requestsPerMinute is { } rpm ? set.Create(path + ":RequestsPerMinute", RateLimitKind.RequestsPerMinute, rpm) : null,
                tokensPerMinute is { } tpm ? set.Create(path + ":TokensPerMinute", RateLimitKind.TokensPerMinute, tpm) : null);

    /// <summary>Whether one request of <paramref name="tokens"/> would be admitted now; changes nothing.</summary>
    /// <returns>The refusing counter and its check, or <see langword="null"/> when both admit.</returns>
    public (LimitCounter Counter, LimitCheck Check, long Amount)? Check(long tokens, double share, long now)
    {
        if (Requests?.Check(1, share, now) is { Admits: false } r)
        {
            return (Requests, r, 1);
        }

        if (Tokens?.Check(tokens, share, now) is { Admits: false } t)
        {
            return (Tokens, t, tokens);
        }

        return null;
    }

    /// <summary>Takes one request of <paramref name="tokens"/> from both limits, or from neither.</summary>
    /// <returns>The refusing counter and its check, or <see langword="null"/> when taken.</returns>
    public (LimitCounter Counter, LimitCheck Check, long Amount)? TryTake(long tokens, double share, long now, out LimitTickets tickets)
    {
        tickets = default;
        LimitTicket requests = default;
        if (Requests is { } r && !r.TryTake(1, share, now, out requests, out LimitCheck refused))
        {
            return (r, refused, 1);
        }

        LimitTicket taken = default;
        if (Tokens is { } t && !t.TryTake(tokens, share, now, out taken, out refused))
        {
            requests.Settle(0, now); // not sent: the request is not counted either
            return (t, refused, tokens);
        }

        tickets = new LimitTickets(requests, taken);
        return null;
    }
}
