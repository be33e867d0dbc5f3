using System.Globalization;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>One way to serve a workload, priced: the planner's output row.</summary>
public sealed record Placement
{
    /// <summary>Gets who runs the hardware (<see langword="null"/> for a market-wide quote; <see cref="ProviderKind.Local"/> for owned hardware).</summary>
    public ProviderKind? Provider { get; init; }

    /// <summary>Gets the GPU.</summary>
    public GpuKind Gpu { get; init; }

    /// <summary>Gets the GPUs of one replica.</summary>
    public int GpuCount { get; init; }

    /// <summary>Gets the number of replicas (or rented units) needed for the peak.</summary>
    public int Replicas { get; init; }

    /// <summary>Gets the weight format.</summary>
    public Quantization Quantization { get; init; }

    /// <summary>Gets the engine.</summary>
    public EngineKind Engine { get; init; }

    /// <summary>Gets how the capacity is bought.</summary>
    public CapacityType Capacity { get; init; }

    /// <summary>Gets the USD per hour of all replicas.</summary>
    public decimal UsdPerHour { get; init; }

    /// <summary>Gets the aggregate tokens per second of all replicas at full load.</summary>
    public double TokensPerSecond { get; init; }

    /// <summary>Gets the expected utilization: average demand ÷ capacity.</summary>
    public double ExpectedUtilization { get; init; }

    /// <summary>Gets the USD per million tokens at full load.</summary>
    public decimal FullLoadUsdPerMillionTokens { get; init; }

    /// <summary>Gets the USD per million tokens at the expected utilization.</summary>
    public decimal UsdPerMillionTokens { get; init; }

    /// <summary>Gets the monthly cost (730 hours); for spot, with the low share of on-demand fallback.</summary>
    public decimal MonthlyUsd { get; init; }

    /// <summary>Gets the monthly cost with the high share of on-demand fallback (spot), otherwise <see cref="MonthlyUsd"/>.</summary>
    public decimal MonthlyUsdHigh { get; init; }

    /// <summary>Gets the memory estimate of one replica.</summary>
    public required MemoryEstimate Memory { get; init; }

    /// <summary>Gets a value indicating whether the model fits one replica's memory.</summary>
    public bool Fits => Memory.Fits;

    /// <summary>Gets what the placement saves a month against the current API bill (negative: it costs more), when the bill is known.</summary>
    public decimal? MonthlySavingsVsApi { get; init; }

    /// <summary>Gets the self-host verdict against the API bill (GPU spend + 0.5 SRE FTE), when the bill is known.</summary>
    public SelfHostComparison? SelfHostVerdict { get; init; }

    /// <summary>Gets the months of renting (around the clock) that would pay for buying the same GPUs, when a purchase price is known; <see langword="null"/> for owned hardware.</summary>
    public double? BuyBreakEvenMonths { get; init; }

    /// <summary>Gets the utilization rule's verdict at the expected utilization.</summary>
    public required UtilizationVerdict UtilizationVerdict { get; init; }

    /// <summary>Gets the serverless-or-pod verdict at the expected utilization.</summary>
    public required ServerlessOrPodVerdict ServerlessOrPodVerdict { get; init; }

    /// <summary>Gets where the price came from.</summary>
    public required string PriceSource { get; init; }

    /// <summary>Gets when the price was true (yyyy-MM), when known.</summary>
    public string? PriceAsOf { get; init; }

    /// <summary>Gets where the throughput figure came from.</summary>
    public required string ThroughputSource { get; init; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {1}×{2} {3} {4} {5}: ${6:0.000}/Mtok at {7:P0} (${8:0.000} full), ${9:N0}-{10:N0}/month{11}",
        Provider?.ToString() ?? "Market",
        Replicas * GpuCount,
        Gpus.Get(Gpu).DisplayName,
        Capacity,
        Quantization,
        Engine,
        UsdPerMillionTokens,
        ExpectedUtilization,
        FullLoadUsdPerMillionTokens,
        MonthlyUsd,
        MonthlyUsdHigh,
        Fits ? string.Empty : " (does not fit)");
}
