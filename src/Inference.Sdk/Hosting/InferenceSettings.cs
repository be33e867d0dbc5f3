namespace Inference.Sdk.Hosting;

/// <summary>
/// What <c>IHostApplicationBuilder.AddInference(...)</c> wires besides the router and its targets, following Aspire's client
/// integrations: bound from <c>Aspire:Inference</c> (e.g. <c>"Aspire": { "Inference": { "DisableTracing": true } }</c>), then
/// changed by the <c>configure</c> callback.
/// </summary>
public sealed class InferenceSettings
{
    /// <summary>The configuration section the settings are bound from: <c>Aspire:Inference</c>.</summary>
    public const string SectionName = "Aspire:Inference";

    /// <summary>Gets or sets a value indicating whether the per-target health checks (<c>inference:{target}</c>, tagged <c>inference</c>) are left out.</summary>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Gets or sets a value indicating whether the package's activity source is left out of the OpenTelemetry tracer provider.</summary>
    public bool DisableTracing { get; set; }

    /// <summary>Gets or sets a value indicating whether the package's meter is left out of the OpenTelemetry meter provider.</summary>
    public bool DisableMetrics { get; set; }
}
