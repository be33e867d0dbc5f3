namespace Inference.Sdk.Knowledge;

/// <summary>What the utilization rule recommends: rent, own, or weigh the other factors.</summary>
public enum OwnershipRecommendation
{
    /// <summary>Rent cloud GPUs (utilization under 70%): idle owned hardware is wasted money.</summary>
    Rent,

    /// <summary>A toss-up (70% to 80%): decided by time horizon, compliance and team expertise.</summary>
    Either,

    /// <summary>Own the hardware (80% or more, sustained): it pays for itself.</summary>
    Own,
}
