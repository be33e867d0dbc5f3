using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>Hardware the team could buy (or owns): its purchase, life, power and operations, for the planner's buy option.</summary>
/// <param name="Gpu">The GPU.</param>
/// <param name="GpuCount">GPUs in the machine.</param>
/// <param name="PurchaseUsdPerGpu">Purchase price of one GPU with its share of the server.</param>
/// <param name="LifetimeYears">Years the purchase is amortized over.</param>
/// <param name="PowerUsdPerHour">Power and cooling of the machine, USD per hour.</param>
/// <param name="OperationsUsdPerHour">Operations of the machine, USD per hour.</param>
/// <param name="Source">Where the figures come from.</param>
public sealed record OwnedHardware(GpuKind Gpu, int GpuCount, decimal PurchaseUsdPerGpu, double LifetimeYears, decimal PowerUsdPerHour, decimal OperationsUsdPerHour, string Source)
{
    /// <summary>Gets the amortized cost of the machine per hour (<see cref="CostMath.AmortizedUsdPerHour"/>).</summary>
    public decimal UsdPerHour => CostMath.AmortizedUsdPerHour(PurchaseUsdPerGpu * GpuCount, LifetimeYears * CostMath.HoursPerYear, PowerUsdPerHour, OperationsUsdPerHour);

    /// <summary>Gets the seed's 4× H100 machine: $3,600 per GPU over 3 years plus $0.80/h electricity and cooling (≈ $1.35/h).</summary>
    public static OwnedHardware SeedFourH100 { get; } = new(GpuKind.H100Sxm5, 4, 3_600m, 3, 0.80m, 0m, "DeployBase.AI, LLM inference hardware guide (Mar 2026): self-hosted 4× H100");

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(GpuCount, 1, nameof(GpuCount));
        ArgumentOutOfRangeException.ThrowIfNegative(PurchaseUsdPerGpu, nameof(PurchaseUsdPerGpu));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LifetimeYears, nameof(LifetimeYears));
    }
}
