namespace Inference.Sdk.Providers.Spheron;

/// <summary>A Spheron deployment (a VM or bare-metal machine) as <c>GET /api/deployments/{id}</c> reports it.</summary>
public sealed record SpheronDeployment
{
    /// <summary>Gets the deployment id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the status as Spheron reports it (the enum is not published; compare case-insensitively).</summary>
    public string? Status { get; init; }

    /// <summary>Gets a value indicating whether the status says the machine is up (<c>running</c>, <c>active</c>, <c>deployed</c>, <c>ready</c>).</summary>
    public bool IsRunning => Status?.ToUpperInvariant() is "RUNNING" or "ACTIVE" or "DEPLOYED" or "READY";

    /// <summary>Gets the public IP address the engine on the machine is reached at.</summary>
    public string? Ip { get; init; }

    /// <summary>Gets the instance type (<c>SPOT</c>, <c>DEDICATED</c>, …).</summary>
    public string? InstanceType { get; init; }
}
