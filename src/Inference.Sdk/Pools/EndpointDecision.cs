using System;

namespace Inference.Sdk.Pools;

/// <summary>
/// Which replica of a pool served a request and why; on the response's <see cref="Microsoft.Extensions.AI.ChatResponse.AdditionalProperties"/>
/// (and each streamed update's) under <see cref="InferencePropertyNames.Endpoint"/>.
/// </summary>
public sealed class EndpointDecision
{
    internal EndpointDecision(Uri endpoint, EndpointPickBasis basis, int matchedBlocks, int promptBlocks, Uri? escaped, EndpointEscape escape, int attempt)
    {
        Endpoint = endpoint;
        Basis = basis;
        MatchedBlocks = matchedBlocks;
        PromptBlocks = promptBlocks;
        Escaped = escaped;
        Escape = escape;
        Attempt = attempt;
    }

    /// <summary>Gets the replica's base address.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets why the replica was picked.</summary>
    public EndpointPickBasis Basis { get; }

    /// <summary>Gets how many leading blocks of the prompt the replica was last sent (its likely prefix-cache hit).</summary>
    public int MatchedBlocks { get; }

    /// <summary>Gets how many blocks the prompt has (tools and system prompt, then one per message).</summary>
    public int PromptBlocks { get; }

    /// <summary>Gets the replica that held more of the prompt but was passed over, if any.</summary>
    public Uri? Escaped { get; }

    /// <summary>Gets why <see cref="Escaped"/> was passed over.</summary>
    public EndpointEscape Escape { get; }

    /// <summary>Gets which try inside the pool served (1 unless a replica failed before any output and another took the request).</summary>
    public int Attempt { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Endpoint} ({Basis}, {MatchedBlocks}/{PromptBlocks} blocks held"
        + (Escaped is null ? string.Empty : $"; passed over {Escaped}: {Escape}")
        + (Attempt > 1 ? $"; try {Attempt}" : string.Empty) + ")";
}
