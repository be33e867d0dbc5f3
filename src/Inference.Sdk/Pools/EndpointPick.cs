namespace Inference.Sdk.Pools;

/// <summary>The scorer's answer: the endpoint, why, how much of the prefix it holds, and what affinity was escaped.</summary>
/// <param name="Index">The endpoint's index in the pool; -1 when none can be sent anything.</param>
/// <param name="Basis">Why it was picked.</param>
/// <param name="MatchedBlocks">How many leading blocks of the prompt the picked endpoint was last sent.</param>
/// <param name="EscapedFrom">The endpoint that held more of the prefix (or the conversation) but was passed over; -1 for none.</param>
/// <param name="Escape">Why <paramref name="EscapedFrom"/> was passed over.</param>
internal readonly record struct EndpointPick(int Index, EndpointPickBasis Basis, int MatchedBlocks, int EscapedFrom, EndpointEscape Escape)
{
    public static EndpointPick Nothing => new(-1, EndpointPickBasis.None, 0, -1, EndpointEscape.None);

    /// <summary>
    /// Gets a value indicating whether the picked endpoint only stands in for the one that holds the request's conversation (its
    /// conversation id, or more than the shared first block), so the prefix is remembered there as borrowed and the conversation
    /// goes back once its own endpoint is usable again. Escaping an endpoint that held only block 0 (tools and system prompt,
    /// shared by design) starts the conversation on the picked endpoint for good.
    /// </summary>
    public bool StandIn { get; init; }
}
