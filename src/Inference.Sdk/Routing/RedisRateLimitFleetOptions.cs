using System;

namespace Inference.Sdk.Routing;

/// <summary>Settings of a <see cref="RedisRateLimitFleet"/>.</summary>
public sealed class RedisRateLimitFleetOptions
{
    /// <summary>Gets or sets the prefix of the limits' Redis keys; wrapped in braces so all keys share one cluster slot. Default <c>inference:limits</c>.</summary>
    public string KeyPrefix { get; set; } = "inference:limits";

    /// <summary>Gets or sets how often leases are renewed in the background. Default 250 ms.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets or sets how long a lease (a share of a limit granted by Redis) may be spent before it must be renewed. Default 2 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long to wait after Redis failed before trying again. Default 1 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the name this instance registers under in Redis (so the fleet knows how many instances share each limit); a new GUID by default.</summary>
    public string InstanceId { get; set; } = Guid.NewGuid().ToString("N");

    internal void Validate(TimeSpan window)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(KeyPrefix, nameof(KeyPrefix));
        ArgumentException.ThrowIfNullOrWhiteSpace(InstanceId, nameof(InstanceId));
        ArgumentOutOfRangeException.ThrowIfLessThan(RenewInterval, TimeSpan.FromMilliseconds(10), nameof(RenewInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
        if (LeaseDuration < 2 * RenewInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, "LeaseDuration must be at least twice RenewInterval, so a lease is renewed before it ends.");
        }

        if (LeaseDuration > window / 4)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), LeaseDuration, $"LeaseDuration must be at most a quarter of the rate-limit window ({window.TotalSeconds} s).");
        }
    }
}
