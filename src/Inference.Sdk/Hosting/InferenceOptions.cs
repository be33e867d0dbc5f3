using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;

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

    /// <summary>Gets the targets by name.</summary>
    public IDictionary<string, InferenceTargetOptions> Targets { get; } = new Dictionary<string, InferenceTargetOptions>(StringComparer.OrdinalIgnoreCase);
}
