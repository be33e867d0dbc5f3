namespace Inference.Sdk.Knowledge;

/// <summary>How GPU capacity is bought.</summary>
public enum CapacityType
{
    /// <summary>Rented on demand: not interrupted by the provider.</summary>
    OnDemand,

    /// <summary>Spot or interruptible capacity: cheaper, and can be evicted at any time.</summary>
    Spot,

    /// <summary>Hardware the team owns: amortized purchase plus power and operations.</summary>
    Owned,

    /// <summary>Billed per token by an API; no capacity is held.</summary>
    PerToken,
}
