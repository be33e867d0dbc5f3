namespace Inference.Sdk.Providers.RunPod;

/// <summary>A GPU type from RunPod's catalog (<c>GET /v2/catalog/gpus</c>) with its list prices in USD per hour for ONE GPU.</summary>
public sealed record RunPodGpuType
{
    /// <summary>Gets the GPU type id used to create pods (e.g. <c>NVIDIA H100 80GB HBM3</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the serverless pool id, when the GPU is in one.</summary>
    public string? Pool { get; init; }

    /// <summary>Gets the memory in GB.</summary>
    public int? MemoryGb { get; init; }

    /// <summary>Gets the secure-cloud pod price per GPU-hour.</summary>
    public decimal? SecureUsdPerGpuHour { get; init; }

    /// <summary>Gets the community-cloud pod price per GPU-hour.</summary>
    public decimal? CommunityUsdPerGpuHour { get; init; }

    /// <summary>Gets the serverless price per GPU-hour of the GPU's pool, when it is in one.</summary>
    public decimal? ServerlessUsdPerGpuHour { get; init; }

    /// <summary>Gets the availability (<c>NONE</c>, <c>LOW</c>, <c>MEDIUM</c>, <c>HIGH</c>) when it was asked for.</summary>
    public string? Availability { get; init; }
}
