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
}
