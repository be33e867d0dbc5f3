using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>The target a cost meter bills: its name, who runs it, what it serves and how it is priced.</summary>
public sealed class MeteredTarget
{
    /// <summary>Initializes a new instance of the <see cref="MeteredTarget"/> class.</summary>
    /// <param name="name">The target name (the router's name for it).</param>
    /// <param name="pricing">How the target charges.</param>
    /// <param name="provider">Who runs the target.</param>
    /// <param name="tier">The routing tier of the target.</param>
    /// <param name="model">The model the target serves, when known (a response's model id takes precedence).</param>
    public MeteredTarget(string name, PricingModel pricing, ProviderKind provider = ProviderKind.Local, TargetTier tier = TargetTier.Edge, string? model = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(pricing);
        Name = name;
        Pricing = pricing;
        Provider = provider;
        Tier = tier;
        Model = model;
        ProviderName = provider.ToString().ToLowerInvariant();
    }

    /// <summary>Gets the target name.</summary>
    public string Name { get; }

    /// <summary>Gets how the target charges.</summary>
    public PricingModel Pricing { get; }

    /// <summary>Gets who runs the target.</summary>
    public ProviderKind Provider { get; }

    /// <summary>Gets the routing tier of the target.</summary>
    public TargetTier Tier { get; }

    /// <summary>Gets the model the target serves, when known.</summary>
    public string? Model { get; }

    internal string ProviderName { get; }
}
