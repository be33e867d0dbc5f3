namespace Inference.Sdk.Costs;

/// <summary>What a group of requests cost in one window.</summary>
/// <param name="Usd">Total cost in US dollars (exact: the sum of the requests' nano-dollar costs).</param>
/// <param name="InputTokens">Total input tokens.</param>
/// <param name="OutputTokens">Total output tokens.</param>
/// <param name="Requests">Number of attempts recorded.</param>
/// <param name="EstimatedRequests">Number of those attempts whose tokens were estimated.</param>
public readonly record struct CostTotals(decimal Usd, long InputTokens, long OutputTokens, long Requests, long EstimatedRequests)
{
    /// <summary>Gets the totals of an empty group.</summary>
    public static CostTotals Zero => default;
}
