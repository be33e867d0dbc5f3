using System;

namespace Inference.Sdk.Hosting;

/// <summary>How often the background monitors read the world into the router, bound from <c>Inference:Monitoring</c>.</summary>
public sealed class InferenceMonitoringOptions
{
    /// <summary>Gets or sets how often each engine target's Prometheus <c>/metrics</c> is read into its load (queue, running, KV-cache); 2 seconds by default.</summary>
    public TimeSpan LoadInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often each provider target's status is read (RunPod pod or serverless workers, Lambda instance incl. spot preemption, CoreWeave gateway, Spheron deployment); 30 seconds by default.</summary>
    public TimeSpan ProviderStatusInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often the providers' price catalogs (RunPod, Lambda, Spheron) are read for targets with a <see cref="InferenceTargetOptions.Gpu"/>; 15 minutes by default.</summary>
    public TimeSpan PriceRefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Gets or sets where a newer copy of LiteLLM's <c>model_prices_and_context_window.json</c> is read every
    /// <see cref="PriceRefreshInterval"/>, e.g. <c>https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json</c>
    /// or a copy your organization vets; hosted-API targets without a typed price are repriced from it (meter and router).
    /// <see langword="null"/> (the default) keeps the table shipped in the package (<see cref="Costs.HostedPriceTable.Default"/>).
    /// </summary>
    public string? HostedPricesUrl { get; set; }
}
