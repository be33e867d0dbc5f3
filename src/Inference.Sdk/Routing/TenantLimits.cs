using System;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Routing;

/// <summary>
/// The rate limits and priority of one tenant (<see cref="InferencePropertyNames.Tenant"/>), bound from <c>Inference:Tenants:{name}</c>;
/// the entry named <see cref="HybridRouterOptions.DefaultTenant"/> applies to every tenant not listed and to requests without one.
/// </summary>
public sealed class TenantLimits
{
    /// <summary>Gets or sets the most requests the tenant may send per minute; <see langword="null"/> for no limit.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Gets or sets the most tokens (prompt plus expected output, corrected by reported usage) the tenant may use per minute; <see langword="null"/> for no limit.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the priority of the tenant's requests (a request may override it with <see cref="InferencePropertyNames.Priority"/>).</summary>
    public RequestPriority Priority { get; set; } = RequestPriority.Interactive;

    internal void Validate(string name)
    {
        if (RequestsPerMinute is <= 0)
        {
            throw new ArgumentOutOfRangeException($"Tenants:{name}:{nameof(RequestsPerMinute)}", RequestsPerMinute, "RequestsPerMinute must be positive, e.g. 600.");
        }

        if (TokensPerMinute is <= 0)
        {
            throw new ArgumentOutOfRangeException($"Tenants:{name}:{nameof(TokensPerMinute)}", TokensPerMinute, "TokensPerMinute must be positive, e.g. 200000.");
        }

        if (!Enum.IsDefined(Priority))
        {
            throw new ArgumentOutOfRangeException($"Tenants:{name}:{nameof(Priority)}", Priority, "Unknown priority; use Interactive or Batch.");
        }
    }
}
