using System;
using Inference.Sdk;
using Inference.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

#pragma warning disable IDE0130 // Namespace does not match folder structure: builder extensions live with ChatClientBuilder.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds Microsoft.Extensions.AI's OpenTelemetry client to a <see cref="ChatClientBuilder"/> pipeline, running it only while it is observed.</summary>
public static class ObservedOpenTelemetryChatClientBuilderExtensions
{
    /// <summary>
    /// Adds an <see cref="OpenTelemetryChatClient"/> (the GenAI spans and <c>gen_ai.*</c> metrics) that requests go through only
    /// while a listener observes its activity source or its GenAI instruments; otherwise they go straight to the inner client, and
    /// a stream is not buffered for a response nothing reads. Each target's pipeline in <c>AddInference</c> uses it.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="sourceName">The activity source and meter name; <see cref="InferenceTelemetry.Name"/> when <see langword="null"/>.</param>
    /// <param name="loggerFactory">The logger factory of the OpenTelemetry client; the registered one when <see langword="null"/>.</param>
    /// <param name="configure">Configures the OpenTelemetry client (it never records message content unless this says so).</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseObservedOpenTelemetry(
        this ChatClientBuilder builder, string? sourceName = null, ILoggerFactory? loggerFactory = null, Action<OpenTelemetryChatClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            var logger = (loggerFactory ?? services.GetService<ILoggerFactory>())?.CreateLogger(typeof(OpenTelemetryChatClient));
            return ObservedTelemetryChatClient.Create(innerClient, inner =>
            {
                var telemetry = new OpenTelemetryChatClient(inner, logger, sourceName ?? InferenceTelemetry.Name) { EnableSensitiveData = false };
                configure?.Invoke(telemetry);
                return telemetry;
            });
        });
    }
}
