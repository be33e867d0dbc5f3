namespace Inference.Sdk.Costs;

/// <summary>What a ledger total is grouped by.</summary>
public enum CostDimension
{
    /// <summary>Everything: one total per window (its key is <see cref="ICostLedger.GlobalKey"/>).</summary>
    Global,

    /// <summary>By target name.</summary>
    Target,

    /// <summary>By provider.</summary>
    Provider,

    /// <summary>By model.</summary>
    Model,

    /// <summary>By routing tier.</summary>
    Tier,

    /// <summary>By tenant (requests without one are under <see cref="ICostLedger.NoTenantKey"/>).</summary>
    Tenant,

    /// <summary>
    /// By endpoint: each replica of a pool target under <c>{target}@{host:port}</c> (<see cref="RequestCost.Endpoint"/>), a target
    /// with one endpoint under its name; a pool's replicas add up to its <see cref="Target"/> total.
    /// </summary>
    Endpoint,
}
