using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>
/// Per-GPU-hour pricing of rented pods (on demand or spot) and owned hardware. A request is billed its share of the busy time:
/// <c>elapsed seconds × USD per hour ÷ 3600 ÷ requests in flight when it started</c>. Idle time is billed to no request; the
/// <see cref="GpuUtilizationTracker"/> reports it as the gap between what the hours cost and what requests were billed.
/// </summary>
public sealed class GpuHourPricing : PricingModel
{
    private const decimal SecondsPerHour = 3600m;

    /// <summary>Initializes a new instance of the <see cref="GpuHourPricing"/> class for rented GPUs.</summary>
    /// <param name="usdPerGpuHour">USD per GPU-hour.</param>
    /// <param name="gpuCount">GPUs one replica holds; the hourly price is multiplied by it.</param>
    /// <param name="capacity">How the capacity is bought.</param>
    /// <param name="source">Where the price came from.</param>
    /// <param name="asOf">When the price was read or published.</param>
    public GpuHourPricing(decimal usdPerGpuHour, int gpuCount, CapacityType capacity, string source, DateOnly asOf)
        : base(source, asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usdPerGpuHour);
        ArgumentOutOfRangeException.ThrowIfLessThan(gpuCount, 1);
        if (capacity == CapacityType.PerToken)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Per-token capacity is priced by PerTokenPricing.");
        }

        UsdPerGpuHour = usdPerGpuHour;
        GpuCount = gpuCount;
        Capacity = capacity;
    }

    /// <inheritdoc/>
    public override PricingKind Kind => PricingKind.GpuHour;

    /// <summary>Gets the USD per GPU-hour.</summary>
    public decimal UsdPerGpuHour { get; }

    /// <summary>Gets the number of GPUs of one replica.</summary>
    public int GpuCount { get; }

    /// <summary>Gets how the capacity is bought.</summary>
    public CapacityType Capacity { get; }

    /// <summary>Gets the USD per hour of the whole replica (<see cref="UsdPerGpuHour"/> × <see cref="GpuCount"/>).</summary>
    public decimal UsdPerHour => UsdPerGpuHour * GpuCount;

    /// <summary>Creates the pricing of owned hardware: purchase amortized over its life, plus power and operations per hour.</summary>
    /// <param name="hardwareUsdPerGpu">Purchase price of one GPU (with its share of the server).</param>
    /// <param name="gpuCount">GPUs of one replica.</param>
    /// <param name="amortizationYears">Years the purchase is spread over (365-day years, 8,760 hours).</param>
    /// <param name="powerAndCoolingUsdPerHour">Power and cooling of the whole replica, USD per hour.</param>
    /// <param name="operationsUsdPerHour">Operations (hosting, staff share) of the whole replica, USD per hour.</param>
    /// <param name="source">Where the figures came from.</param>
    /// <param name="asOf">When the figures were true.</param>
    /// <returns>A per-GPU-hour pricing with <see cref="CapacityType.Owned"/> capacity.</returns>
    public static GpuHourPricing Owned(
        decimal hardwareUsdPerGpu,
        int gpuCount,
        decimal amortizationYears,
        decimal powerAndCoolingUsdPerHour,
        decimal operationsUsdPerHour,
        string source,
        DateOnly asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hardwareUsdPerGpu);
        ArgumentOutOfRangeException.ThrowIfLessThan(gpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amortizationYears);
        ArgumentOutOfRangeException.ThrowIfNegative(powerAndCoolingUsdPerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(operationsUsdPerHour);
        // The seeds' amortization, per GPU: the power and operations of the whole box are shared by its GPUs.
        decimal perGpuHour = CostMath.AmortizedUsdPerHour(
            hardwareUsdPerGpu,
            (double)amortizationYears * CostMath.HoursPerYear,
            powerAndCoolingUsdPerHour / gpuCount,
            operationsUsdPerHour / gpuCount);
        return new GpuHourPricing(perGpuHour, gpuCount, CapacityType.Owned, source, asOf);
    }

    /// <inheritdoc/>
    private protected override decimal ComputeUnroundedUsd(in MeteredUsage usage)
        => Seconds(usage.Elapsed) * UsdPerHour / SecondsPerHour / Math.Max(usage.ConcurrentRequests, 1);
}
