using Inference.Sdk.Costs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The middleware every target's pipeline gets, outermost first: cost meter → OpenTelemetry (only while observed:
/// <see cref="ObservedTelemetryChatClient"/>) → (engine adapter).
/// </summary>
internal static class InferencePipeline
{
    public static void Configure(ChatClientBuilder builder, string name)
    {
        _ = builder
            .Use((inner, services) =>
            {
                InferenceTargetOptions target = InferenceTargetClientFactory.GetTarget(services, name);
                var metered = new MeteredTarget(name, services.GetRequiredService<InferenceTargetPricing>().Get(name), target.Provider, target.Tier, target.Model);
                return new CostMeteringChatClient(
                    inner, metered, services.GetRequiredService<ICostLedger>(), services.GetService<System.TimeProvider>(), services.GetService<GpuUtilizationTracker>());
            })
            .Use((inner, services) => new ObservedTelemetryChatClient(
                new OpenTelemetryChatClient(inner, services.GetService<ILoggerFactory>()?.CreateLogger(typeof(OpenTelemetryChatClient)), InferenceTelemetry.Name)
                {
                    EnableSensitiveData = false,
                },
                inner));
    }
}
