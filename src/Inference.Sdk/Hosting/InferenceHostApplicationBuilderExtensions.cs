using System;
using Inference.Sdk.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

#pragma warning disable IDE0130 // Namespace does not match folder structure: host builder extensions live with IHostApplicationBuilder, as Aspire's do.
namespace Microsoft.Extensions.Hosting;
#pragma warning restore IDE0130

/// <summary>Adds Inference.Sdk to a host the way Aspire's client integrations add a client (OpenAI, Ollama).</summary>
public static class InferenceHostApplicationBuilderExtensions
{
    /// <summary>
    /// Adds Inference.Sdk from the <paramref name="sectionName"/> section: the router as the default <c>IChatClient</c> and each
    /// target as a keyed one, a health check per target, and the package's meter and activity source in OpenTelemetry (when the app
    /// adds the OpenTelemetry SDK; logs go to <c>ILogger</c> as always). A target's <c>Endpoint</c>, <c>ApiKey</c> and <c>Model</c>
    /// may come from <c>ConnectionStrings:{target}</c> = <c>Endpoint=…;Key=…;Model=…</c>, which an Aspire AppHost injects.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="sectionName">The configuration section of the options: <c>Inference</c> by default.</param>
    /// <param name="configure">Changes the settings after they are bound from <c>Aspire:Inference</c> (e.g. <c>s =&gt; s.DisableTracing = true</c>).</param>
    /// <returns>A builder to add targets in code, middleware, or a companion package's targets (e.g. <c>.AddAzureOpenAI()</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sectionName"/> is blank.</exception>
    public static InferenceBuilder AddInference(this IHostApplicationBuilder builder, string sectionName = InferenceOptions.SectionName, Action<InferenceSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);
        var settings = new InferenceSettings();
        builder.Configuration.GetSection(InferenceSettings.SectionName).Bind(settings);
        configure?.Invoke(settings);

        InferenceBuilder inference = builder.Services.AddInference(builder.Configuration.GetSection(sectionName));
        builder.Services.AddSingleton<IConfigureOptions<InferenceOptions>>(new InferenceConnectionStrings(builder.Configuration));

        if (!settings.DisableHealthChecks)
        {
            _ = builder.Services.AddHealthChecks().AddInferenceHealthChecks();
        }

        if (!settings.DisableMetrics)
        {
            _ = builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(InferenceOpenTelemetry.MeterNames));
        }

        if (!settings.DisableTracing)
        {
            _ = builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(InferenceOpenTelemetry.ActivitySourceNames));
        }

        return inference;
    }
}
