using System;
using System.Linq;
using Inference.Sdk.Hosting;
using Inference.Sdk.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Namespace does not match folder structure: DI extensions live with IServiceCollection.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds a health check per Inference.Sdk target.</summary>
public static class InferenceHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds one health check per target registered by <c>AddInference</c>, named <c>inference:{target}</c> and tagged
    /// <c>inference</c>: it probes the engine's health route (or <c>GET /models</c> of a hosted API).
    /// Call it after <c>AddInference</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="failureStatus">The status reported when a target is down; <see cref="HealthStatus.Degraded"/> by default, since the router fails over.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddInference</c> was not called first.</exception>
    public static IHealthChecksBuilder AddInferenceHealthChecks(this IHealthChecksBuilder builder, HealthStatus failureStatus = HealthStatus.Degraded)
    {
        ArgumentNullException.ThrowIfNull(builder);
        InferenceBuilder inference = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(InferenceBuilder))?.ImplementationInstance as InferenceBuilder
            ?? throw new InvalidOperationException("Call services.AddInference(...) before AddInferenceHealthChecks().");
        foreach (string name in inference.TargetNames)
        {
            _ = builder.Add(new HealthCheckRegistration(
                "inference:" + name,
                sp => new InferenceTargetHealthCheck(
                    name, sp.GetRequiredService<IOptions<InferenceOptions>>(), sp.GetRequiredService<System.Net.Http.IHttpClientFactory>(), sp.GetRequiredService<HybridRouterChatClient>(), sp.GetRequiredService<TimeProvider>(),
                    InferenceTargetClientFactory.ConnectorOf(sp, InferenceTargetClientFactory.GetTarget(sp, name))),
                failureStatus,
                ["inference"]));
        }

        return builder;
    }
}
