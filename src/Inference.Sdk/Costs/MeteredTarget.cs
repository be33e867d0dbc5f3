using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>The target a cost meter bills: its name, who runs it, what it serves and how it is priced.</summary>
public sealed class MeteredTarget
{
    private PricingModel _pricing;

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
        _pricing = pricing;
        Provider = provider;
        Tier = tier;
        Model = model;
        ProviderName = provider.ToString().ToLowerInvariant();
    }

    /// <summary>Gets the target name.</summary>
    public string Name { get; }

    /// <summary>Gets how the target charges; a request is billed with the pricing current when it ends.</summary>
    public PricingModel Pricing => System.Threading.Volatile.Read(ref _pricing);

    /// <summary>Gets who runs the target.</summary>
    public ProviderKind Provider { get; }

    /// <summary>Gets the routing tier of the target.</summary>
    public TargetTier Tier { get; }

    /// <summary>Gets the model the target serves, when known.</summary>
    public string? Model { get; }

    internal string ProviderName { get; }

    /// <summary>Replaces the pricing (a refreshed list price); requests that end from now on are billed with it.</summary>
    internal void Reprice(PricingModel pricing) => System.Threading.Volatile.Write(ref _pricing, pricing ?? throw new ArgumentNullException(nameof(pricing)));
}
