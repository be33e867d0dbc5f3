using System;

namespace Inference.Sdk.Hosting;

/// <summary>Where request costs are totalled, and through which Redis a fleet shares them and its rate limits. Bound from <c>Inference:Ledger</c>.</summary>
public sealed class InferenceLedgerOptions
{
    /// <summary>
    /// Gets or sets the StackExchange.Redis connection string of a ledger shared by a fleet; when unset, costs are totalled
    /// in memory per process. It may hold a password: set it from user secrets or the environment
    /// (<c>Inference__Ledger__RedisConnectionString</c>), never in code.
    /// </summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Gets or sets the prefix of the ledger's Redis keys; <c>inference:cost</c> by default.</summary>
    public string KeyPrefix { get; set; } = "inference:cost";

    /// <summary>
    /// Gets or sets a value indicating whether, with <see cref="RedisConnectionString"/> set, the targets' and tenants' rate limits
    /// are the fleet's (shared through the same Redis, <see cref="Routing.RedisRateLimitFleet"/>); <see langword="true"/> by default.
    /// </summary>
    public bool ShareRateLimits { get; set; } = true;

    /// <summary>Gets or sets the prefix of the fleet's rate-limit keys in Redis; <c>inference:limits</c> by default.</summary>
    public string RateLimitKeyPrefix { get; set; } = "inference:limits";

    /// <summary>Gets or sets how long a lease of a limit's share may be spent before it is renewed; 2 s by default.</summary>
    public TimeSpan RateLimitLeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often leases are renewed in the background; 250 ms by default.</summary>
    public TimeSpan RateLimitRenewInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
