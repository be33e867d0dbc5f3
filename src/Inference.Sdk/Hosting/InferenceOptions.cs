using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;

namespace Inference.Sdk.Hosting;

/// <summary>The configuration of the package, bound from the <c>Inference</c> section.</summary>
public sealed class InferenceOptions
{
    /// <summary>The default configuration section name.</summary>
    public const string SectionName = "Inference";

    /// <summary>Gets or sets whether the deployment serves production traffic (development engines are flagged in production).</summary>
    public DeploymentProfile Profile { get; set; } = DeploymentProfile.Production;

    /// <summary>Gets or sets how often the background monitor probes each target's health and engine load; 10 seconds by default.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long one health or load probe may take before the target counts as unhealthy; 2 seconds by default.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets how often the background monitors read engine load, provider status and prices, bound from <c>Inference:Monitoring</c>.</summary>
    public InferenceMonitoringOptions Monitoring { get; } = new();

    /// <summary>Gets the router's options, bound from <c>Inference:Router</c> (edge token threshold, PII policy, circuit breakers, ...).</summary>
    public HybridRouterOptions Router { get; } = new();

    /// <summary>Gets where request costs are totalled, bound from <c>Inference:Ledger</c>; in memory unless a Redis connection is set.</summary>
    public InferenceLedgerOptions Ledger { get; } = new();

    /// <summary>Gets the spending limits, bound from <c>Inference:Budgets</c> (a list); the router degrades to cheaper targets as they run out.</summary>
    public IList<InferenceBudgetOptions> Budgets { get; } = new List<InferenceBudgetOptions>();

    /// <summary>
    /// Gets the models this application describes because the catalog (<see cref="Knowledge.Models"/>) does not know them, by id,
    /// bound from <c>Inference:Models:{id}</c> with the keys of a catalog entry (<c>TotalParametersBillions</c>, <c>ContextWindow</c>,
    /// <c>Layers</c>, <c>KvHeads</c>, <c>HeadDim</c>, ...). A target whose <c>Model</c> names one (or one of its <c>Aliases</c>) is
    /// checked against it as against a catalog entry; a described model wins over a catalog one of the same id. The analyzer reads
    /// the same section of appsettings*.json.
    /// </summary>
    public IDictionary<string, Knowledge.ModelSpec> Models { get; } = new Dictionary<string, Knowledge.ModelSpec>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets the tenants' rate limits and priorities, bound from <c>Inference:Tenants:{name}</c>; <c>Inference:Tenants:Default</c>
    /// applies to every tenant not listed (each counted apart) and to requests without a tenant. The router reads them from here.
    /// </summary>
    public IDictionary<string, TenantLimits> Tenants => Router.Tenants;

    /// <summary>Gets the targets by name.</summary>
    public IDictionary<string, InferenceTargetOptions> Targets { get; } = new Dictionary<string, InferenceTargetOptions>(StringComparer.OrdinalIgnoreCase);
}
