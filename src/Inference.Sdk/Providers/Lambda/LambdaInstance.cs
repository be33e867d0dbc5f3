namespace Inference.Sdk.Providers.Lambda;

/// <summary>A Lambda Cloud instance (<c>GET /instances</c>, <c>GET /instances/{id}</c>).</summary>
public sealed record LambdaInstance
{
    /// <summary>Gets the instance id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the user-given name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the status.</summary>
    public required LambdaInstanceStatus Status { get; init; }

    /// <summary>Gets the public IPv4 address; the engine on the instance listens there (open its port with a firewall ruleset).</summary>
    public string? Ip { get; init; }

    /// <summary>Gets the private IPv4 address.</summary>
    public string? PrivateIp { get; init; }

    /// <summary>Gets the region name.</summary>
    public string? Region { get; init; }

    /// <summary>Gets the instance type name (e.g. <c>gpu_8x_h100_sxm5</c>).</summary>
    public string? InstanceTypeName { get; init; }

    /// <summary>Gets the instance type's price in cents per hour, when reported.</summary>
    public int? PriceCentsPerHour { get; init; }
}
