using System;
using System.Linq;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // Namespace does not match folder structure: DI extensions live with IServiceCollection.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers Inference.Sdk in a service collection: the router as the default <see cref="IChatClient"/>, each target as a keyed one.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds Inference.Sdk configured from <paramref name="configuration"/> (the <c>Inference</c> section, or a configuration
    /// root that contains one). Each target under <c>Targets</c> becomes a keyed <see cref="IChatClient"/> with its own
    /// pipeline (OpenTelemetry → engine adapter over a resilient <see cref="System.Net.Http.HttpClient"/>); the router is the
    /// default <see cref="IChatClient"/>. The configuration is validated when the host starts: a mistake stops it with
    /// a message naming the key (e.g. <c>Inference:Targets:gpu-pod:Quantization</c>) and the fix; warnings are logged once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The <c>Inference</c> section (or the configuration root).</param>
    /// <returns>A builder to add targets in code and middleware to the pipelines.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static InferenceBuilder AddInference(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        IConfiguration section = configuration is IConfigurationSection { Path.Length: > 0 } ? configuration : configuration.GetSection(InferenceOptions.SectionName);
        string root = section is IConfigurationSection s ? s.Path : InferenceOptions.SectionName;
        InferenceBuilder builder = AddCore(services, root);
        services.AddSingleton<IConfigureOptions<InferenceOptions>>(new InferenceConfigurationBinder(section));
        foreach (IConfigurationSection target in section.GetSection(nameof(InferenceOptions.Targets)).GetChildren())
        {
            _ = builder.RegisterTarget(target.Key);
        }

        return builder;
    }

    /// <summary>Adds Inference.Sdk configured in code.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adds targets and middleware, e.g. <c>b =&gt; b.AddTarget("edge", t =&gt; { t.Engine = EngineKind.LlamaCpp; ... })</c>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static InferenceBuilder AddInference(this IServiceCollection services, Action<InferenceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        InferenceBuilder builder = AddCore(services, InferenceOptions.SectionName);
        configure(builder);
        return builder;
    }

    /// <summary>
    /// The resolver of pools that name a <see cref="InferenceTargetOptions.Service"/>: the application's when it added service
    /// discovery (Aspire's service defaults call <c>AddServiceDiscovery()</c>); else the core with the configuration and pass-through
    /// providers, as <c>AddServiceDiscovery()</c> adds them.
    /// </summary>
    private static void AddServiceDiscovery(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(Microsoft.Extensions.ServiceDiscovery.IServiceEndpointProviderFactory)))
        {
            services.AddServiceDiscovery();
        }
        else
        {
            services.AddServiceDiscoveryCore();
        }
    }

    private static InferenceBuilder AddCore(IServiceCollection services, string root)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(InferenceBuilder))?.ImplementationInstance is InferenceBuilder existing)
        {
            return existing;
        }

        services.AddSingleton(new InferenceHostingState(root));
        services.AddOptions<InferenceOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GpuUtilizationTracker>();
        services.TryAddSingleton<InferenceTargetPricing>();
        services.TryAddSingleton<InferenceRedis>();
        services.TryAddSingleton(InferenceDefaultClient.CreateLedger);
        services.TryAddSingleton(sp => InferenceDefaultClient.CreateBudgets(sp)!);
        services.AddHttpClient(TargetProbe.HttpClientName);
        services.AddHttpClient(ProviderMonitor.HttpClientName);
        services.AddHostedService<InferenceStartupReport>();
        services.AddHostedService<InferenceTargetMonitor>();
        services.AddHostedService<EngineLoadMonitor>();
        services.AddHostedService<EngineModelMonitor>();
        services.AddHostedService<ServiceDiscoveryMonitor>();
        AddServiceDiscovery(services);
        services.AddHostedService<ProviderMonitor>();

        InferenceBuilder? builder = null;
        services.TryAddSingleton(sp => InferenceDefaultClient.CreateRouter(sp, builder!));
        ChatClientBuilder chatClient = services.AddChatClient(sp => sp.GetRequiredService<HybridRouterChatClient>());
        builder = new InferenceBuilder(services, chatClient);
        services.AddSingleton(builder);
        return builder;
    }
}
