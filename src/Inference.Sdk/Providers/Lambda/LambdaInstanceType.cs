using System.Collections.Generic;

namespace Inference.Sdk.Providers.Lambda;

/// <summary>A Lambda Cloud instance type with its price and the regions that have capacity now (<c>GET /instance-types</c>).</summary>
public sealed record LambdaInstanceType
{
    /// <summary>Gets the type name (e.g. <c>gpu_1x_h100_pcie</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the GPU description (e.g. <c>H100 (80 GB PCIe)</c>).</summary>
    public string? GpuDescription { get; init; }

    /// <summary>Gets the price of the whole instance in cents per hour.</summary>
    public required int PriceCentsPerHour { get; init; }

    /// <summary>Gets the price of the whole instance in USD per hour.</summary>
    public decimal UsdPerHour => PriceCentsPerHour / 100m;

    /// <summary>Gets the number of GPUs.</summary>
    public int? Gpus { get; init; }

    /// <summary>Gets the names of the regions with capacity available now; empty when none has.</summary>
    public IReadOnlyList<string> RegionsWithCapacity { get; init; } = [];
}
