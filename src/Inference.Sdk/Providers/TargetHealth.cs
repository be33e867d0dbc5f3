using System;

namespace Inference.Sdk.Providers;

/// <summary>
/// What a provider says about one target at one moment: the snapshot the router and the cost meter read without
/// waiting (state monitors refresh it in the background).
/// </summary>
public sealed record TargetHealth
{
    /// <summary>Gets the name of the target (as configured).</summary>
    public required string TargetName { get; init; }

    /// <summary>Gets a value indicating whether the target can serve a request now (running, ready, reachable).</summary>
    public required bool Healthy { get; init; }

    /// <summary>Gets whether the provider has capacity for the target (workers, GPUs in a region), or <see langword="null"/> when it does not say.</summary>
    public bool? CapacityAvailable { get; init; }

    /// <summary>Gets a value indicating whether the next request is expected to wait for a cold start (a serverless endpoint with no idle or ready worker).</summary>
    public bool ColdStartExpected { get; init; }

    /// <summary>Gets the price of the target's hardware, with its source and date, when known.</summary>
    public ProviderPrice? Price { get; init; }

    /// <summary>Gets when the provider was asked.</summary>
    public required DateTimeOffset ObservedAt { get; init; }

    /// <summary>Gets the provider's own words for the state (a status value such as <c>RUNNING</c>, <c>preempted</c>, <c>STATUS_READY</c>).</summary>
    public string? Status { get; init; }

    /// <summary>Gets a value indicating whether the provider answered a status this package does not know; the router then keeps its previous verdict.</summary>
    public bool StatusUnknown { get; init; }
}
