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

    /// <summary>Gets the targets by name.</summary>
    public IDictionary<string, InferenceTargetOptions> Targets { get; } = new Dictionary<string, InferenceTargetOptions>(StringComparer.OrdinalIgnoreCase);
}
