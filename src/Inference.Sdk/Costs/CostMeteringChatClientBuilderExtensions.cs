using System;
using Inference.Sdk.Costs;

#pragma warning disable IDE0130 // Namespace does not match folder structure: builder extensions live with ChatClientBuilder.
namespace Microsoft.Extensions.AI;
#pragma warning restore IDE0130

/// <summary>Adds the cost meter to a <see cref="ChatClientBuilder"/> pipeline.</summary>
public static class CostMeteringChatClientBuilderExtensions
{
    /// <summary>
    /// Adds a <see cref="CostMeteringChatClient"/> that prices every response of <paramref name="target"/>, attaches the
    /// <see cref="RequestCost"/> to the response and records it in <paramref name="ledger"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="target">The target the pipeline serves.</param>
    /// <param name="ledger">The ledger; when <see langword="null"/>, the <see cref="ICostLedger"/> registered in the service provider.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    public static ChatClientBuilder UseCostMeter(this ChatClientBuilder builder, MeteredTarget target, ICostLedger? ledger = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Use(builder, _ => target, ledger);
    }

    /// <summary>
    /// Adds a <see cref="CostMeteringChatClient"/> whose target is read from the service provider when the pipeline is built
    /// (for example from the configured prices).
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="target">Reads the target the pipeline serves from the service provider.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <remarks>The costs are recorded in the <see cref="ICostLedger"/> registered in the service provider.</remarks>
    public static ChatClientBuilder UseCostMeter(this ChatClientBuilder builder, Func<IServiceProvider, MeteredTarget> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Use(builder, target, ledger: null);
    }

    private static ChatClientBuilder Use(ChatClientBuilder builder, Func<IServiceProvider, MeteredTarget> target, ICostLedger? ledger)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Use((innerClient, services) =>
        {
            ICostLedger resolved = ledger
                ?? services.GetService(typeof(ICostLedger)) as ICostLedger
                ?? throw new InvalidOperationException($"No {nameof(ICostLedger)} was given to {nameof(UseCostMeter)} and none is registered in the service provider.");
            return new CostMeteringChatClient(
                innerClient,
                target(services) ?? throw new InvalidOperationException($"The target factory given to {nameof(UseCostMeter)} returned null."),
                resolved,
                services.GetService(typeof(TimeProvider)) as TimeProvider,
                services.GetService(typeof(GpuUtilizationTracker)) as GpuUtilizationTracker);
        });
    }
}
