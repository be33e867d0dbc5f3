using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Providers.Spheron;

/// <summary>A GPU offer from Spheron's marketplace (<c>GET /api/gpu-offers</c>); field names are read leniently (see <c>docs/providers.md</c>).</summary>
public sealed record SpheronGpuOffer
{
    /// <summary>Gets the offer id (used to deploy).</summary>
    public string? Id { get; init; }

    /// <summary>Gets the upstream provider (e.g. <c>voltage-park</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>Gets the GPU type as Spheron names it.</summary>
    public required string GpuType { get; init; }

    /// <summary>Gets the number of GPUs in the offer.</summary>
    public int GpuCount { get; init; } = 1;

    /// <summary>Gets the price of the whole offer in USD per hour.</summary>
    public required decimal UsdPerHour { get; init; }

    /// <summary>Gets the price per GPU-hour.</summary>
    public decimal UsdPerGpuHour => GpuCount > 0 ? UsdPerHour / GpuCount : UsdPerHour;

    /// <summary>Gets whether the offer is spot (interruptible) or on demand (Spheron's <c>DEDICATED</c>).</summary>
    public CapacityType Capacity { get; init; } = CapacityType.OnDemand;

    /// <summary>Gets Spheron's own instance type value (<c>SPOT</c>, <c>DEDICATED</c>, …).</summary>
    public string? InstanceType { get; init; }

    /// <summary>Gets the region.</summary>
    public string? Region { get; init; }
}
