using System;

namespace Inference.Sdk.Costs;

/// <summary>Settings of a <see cref="RedisCostLedger"/>.</summary>
public sealed class RedisCostLedgerOptions
{
    /// <summary>Gets or sets the prefix of the ledger's Redis keys; wrapped in braces so all keys share one cluster slot. Default <c>inference:cost</c>.</summary>
    public string KeyPrefix { get; set; } = "inference:cost";

    /// <summary>Gets or sets how often local costs are pushed to Redis when nothing else triggers it. Default 200 ms.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets how often the fleet's totals are read back from Redis. Default 1 s.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long to wait after Redis failed before trying again. Default 1 s.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long Redis remembers an attempt id, so a replayed attempt is not counted twice. Default 7 days.</summary>
    public TimeSpan AttemptRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets the memory bounds of the local view (pending costs and the fleet snapshot), and the Redis key lifetimes (days and months retained).</summary>
    public CostLedgerOptions Ledger { get; set; } = new();

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(KeyPrefix, nameof(KeyPrefix));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FlushInterval, TimeSpan.Zero, nameof(FlushInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RefreshInterval, TimeSpan.Zero, nameof(RefreshInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RetryInterval, TimeSpan.Zero, nameof(RetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(AttemptRetention, TimeSpan.FromMinutes(1), nameof(AttemptRetention));
        ArgumentNullException.ThrowIfNull(Ledger, nameof(Ledger));
        Ledger.Validate();
    }
}
