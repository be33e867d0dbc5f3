using System.Collections.Generic;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>A RunPod pod as REST v2 <c>GET /v2/pods/{id}</c> reports it.</summary>
public sealed record RunPodPod
{
    /// <summary>Gets the pod id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the pod name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the lifecycle status.</summary>
    public required RunPodPodStatus Status { get; init; }

    /// <summary>Gets what the pod costs now in USD per hour, every GPU included (0 when exited or terminated).</summary>
    public decimal CostUsdPerHour { get; init; }

    /// <summary>Gets the GPU type id (e.g. <c>NVIDIA H100 80GB HBM3</c>), for GPU pods.</summary>
    public string? GpuTypeId { get; init; }

    /// <summary>Gets the number of GPUs.</summary>
    public int GpuCount { get; init; }

    /// <summary>Gets the data center the pod runs in.</summary>
    public string? DataCenterId { get; init; }

    /// <summary>Gets the exposed ports, e.g. <c>8000/http</c>.</summary>
    public IReadOnlyList<string> Ports { get; init; } = [];
}
