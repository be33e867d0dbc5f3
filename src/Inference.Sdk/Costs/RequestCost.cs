using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>
/// What one request attempt cost, as the cost meter attached it to <c>ChatResponse.AdditionalProperties[InferencePropertyNames.Cost]</c>
/// and recorded it in the <see cref="ICostLedger"/>.
/// </summary>
public sealed record RequestCost
{
    /// <summary>Gets the cost in US dollars, rounded to nano-dollars.</summary>
    public required decimal Usd { get; init; }

    /// <summary>Gets how the cost was computed.</summary>
    public required PricingKind Pricing { get; init; }

    /// <summary>Gets a value indicating whether the token counts were estimated (no usage data came back) rather than reported.</summary>
    public bool IsEstimated { get; init; }

    /// <summary>Gets the name of the target that served the attempt.</summary>
    public required string Target { get; init; }

    /// <summary>
    /// Gets the replica of a pool target that served the attempt, as <c>{target}@{host:port}</c> (from the response's
    /// <see cref="Pools.EndpointDecision"/>); <see langword="null"/> for a target with one endpoint.
    /// </summary>
    public string? Endpoint { get; init; }

    /// <summary>Gets who runs the target.</summary>
    public ProviderKind Provider { get; init; }

    /// <summary>Gets the model that served the attempt, when known.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the routing tier of the target.</summary>
    public TargetTier Tier { get; init; }

    /// <summary>Gets the tenant the attempt is billed to, or <see langword="null"/>.</summary>
    public string? Tenant { get; init; }

    /// <summary>Gets the input tokens billed.</summary>
    public long InputTokens { get; init; }

    /// <summary>Gets the output tokens billed.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Gets the cached input tokens among <see cref="InputTokens"/>.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Gets the reasoning tokens among <see cref="OutputTokens"/>.</summary>
    public long ReasoningTokens { get; init; }

    /// <summary>Gets a value indicating whether the attempt failed after delivering output (billed for what it delivered).</summary>
    public bool IsPartial { get; init; }

    /// <summary>
    /// Gets the identity of the attempt; a ledger counts an attempt once however often it is recorded. Unique across processes by
    /// default (a random per-process prefix and a counter); set it to make a retried record idempotent.
    /// </summary>
    public Guid AttemptId { get; init; } = AttemptIds.Next();

    /// <summary>Gets when the attempt finished.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets where the price came from.</summary>
    public string? PriceSource { get; init; }

    /// <summary>Gets when the price was true.</summary>
    public DateOnly? PriceAsOf { get; init; }
}
