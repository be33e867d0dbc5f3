namespace Inference.Sdk.Costs;

/// <summary>How a workload's traffic arrives over a day.</summary>
public enum TrafficPattern
{
    /// <summary>Steady: the peak is close to the average (batch pipelines, predictable APIs).</summary>
    Steady,

    /// <summary>Bursty: the peak is several times the average (user-driven chat, agents).</summary>
    Bursty,
}
