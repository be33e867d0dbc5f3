using System.Collections.Generic;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>The data and assumptions the <see cref="DeploymentPlanner"/> works from.</summary>
public sealed class DeploymentPlannerOptions
{
    /// <summary>Gets or sets the price offers. Default <see cref="OfferCatalog.Default"/>.</summary>
    public OfferCatalog Offers { get; set; } = OfferCatalog.Default;

    /// <summary>Gets or sets the throughput figures. Default <see cref="ThroughputFigure.Defaults"/>.</summary>
    public IList<ThroughputFigure> Throughputs { get; set; } = [.. ThroughputFigure.Defaults];

    /// <summary>Gets or sets the hardware the team could buy or owns. Default: the seed's 4× H100 machine.</summary>
    public IList<OwnedHardware> OwnedHardware { get; set; } = [Costs.OwnedHardware.SeedFourH100];

    /// <summary>Gets or sets the share of hours a spot placement falls back to on-demand, low end of the range. Default 0.1.</summary>
    public double SpotOnDemandShareLow { get; set; } = 0.1;

    /// <summary>Gets or sets the share of hours a spot placement falls back to on-demand, high end of the range. Default 0.5.</summary>
    public double SpotOnDemandShareHigh { get; set; } = 0.5;
}
