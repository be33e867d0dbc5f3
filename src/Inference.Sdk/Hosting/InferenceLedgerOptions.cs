namespace Inference.Sdk.Hosting;

/// <summary>Where request costs are totalled. Bound from <c>Inference:Ledger</c>.</summary>
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
}
