using Inference.Sdk.Costs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The middleware every target's pipeline gets, outermost first, from the public extensions a user would call:
/// <see cref="CostMeteringChatClientBuilderExtensions.UseCostMeter(ChatClientBuilder, System.Func{System.IServiceProvider, MeteredTarget})"/>
/// → <see cref="ObservedOpenTelemetryChatClientBuilderExtensions.UseObservedOpenTelemetry"/> → (engine adapter).
/// </summary>
internal static class InferencePipeline
{
    public static void Configure(ChatClientBuilder builder, string name) => builder
        .UseCostMeter(services =>
        {
            _ = InferenceTargetClientFactory.GetTarget(services, name); // validates the configuration first
            return services.GetRequiredService<InferenceTargetPricing>().Metered(name); // repriced in place when the hosted list prices are refreshed
        })
        .UseObservedOpenTelemetry(InferenceTelemetry.Name);
}
