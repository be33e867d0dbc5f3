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
            InferenceTargetOptions target = InferenceTargetClientFactory.GetTarget(services, name);
            return new MeteredTarget(name, services.GetRequiredService<InferenceTargetPricing>().Get(name), target.Provider, target.Tier, target.Model);
        })
        .UseObservedOpenTelemetry(InferenceTelemetry.Name);
}
