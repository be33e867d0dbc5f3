namespace Inference.Sdk.Routing.Limits;

/// <summary>What one request took from a <see cref="RateLimits"/>: one request and its estimated tokens.</summary>
/// <param name="Requests">The request counted.</param>
/// <param name="Tokens">The tokens counted.</param>
internal readonly record struct LimitTickets(LimitTicket Requests, LimitTicket Tokens)
{
    /// <summary>Gets the tokens taken (the estimate).</summary>
    public long EstimatedTokens => Tokens.Amount;

    /// <summary>Corrects the tokens by what was used: the response's usage, 0 when nothing was sent, <see langword="null"/> to keep the estimate.</summary>
    public void Settle(long? actualTokens, long now)
    {
        if (actualTokens is { } actual)
        {
            Tokens.Settle(actual, now);
        }
    }
}
