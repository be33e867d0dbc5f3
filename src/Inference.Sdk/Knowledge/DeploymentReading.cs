using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>What <see cref="DeploymentSettings.Read"/> made of one target's settings.</summary>
internal sealed class DeploymentReading
{
    internal DeploymentReading(string? name, DeploymentDescription description, ModelSpec? model, TargetTier tier, IReadOnlyList<SettingFinding> findings)
    {
        Name = name;
        Description = description;
        Model = model;
        Tier = tier;
        Findings = findings;
    }

    /// <summary>Gets the target's name, when known.</summary>
    public string? Name { get; }

    /// <summary>Gets the deployment the settings describe (defaults where a key is unset, unknown or invalid).</summary>
    public DeploymentDescription Description { get; }

    /// <summary>Gets the model, when the catalog knows it.</summary>
    public ModelSpec? Model { get; }

    /// <summary>Gets the routing tier.</summary>
    public TargetTier Tier { get; }

    /// <summary>Gets the context the engine serves: <c>ContextLength</c>, at most the model's window; <see langword="null"/> when neither is known.</summary>
    public int? ServedContext => Model is null ? Description.ContextLength
        : Description.ContextLength is int length && length < Model.ContextWindow ? length : Model.ContextWindow;

    /// <summary>Gets the findings, each with the key it blames: invalid settings (INF1000) first, then the rules.</summary>
    public IReadOnlyList<SettingFinding> Findings { get; }
}
