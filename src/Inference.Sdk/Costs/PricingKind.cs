namespace Inference.Sdk.Costs;

/// <summary>How a target charges for the work it does.</summary>
public enum PricingKind
{
    /// <summary>Per token: input, output, cached input and reasoning tokens at their own prices (hosted APIs).</summary>
    PerToken,

    /// <summary>Per GPU-hour: rented pods (on demand or spot) and owned hardware (amortization, power and operations).</summary>
    GpuHour,

    /// <summary>Per worker-second of a serverless endpoint (RunPod serverless).</summary>
    ServerlessSecond,
}
