using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers;
using Inference.Sdk.Providers.CoreWeave;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Providers.Spheron;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The I/O shell of the provider monitor for one target: reads its status from the provider's control plane (RunPod serverless
/// <c>/health</c> or pod, Lambda instance, CoreWeave gateway, Spheron deployment) and the live catalog price of its GPU.
/// </summary>
internal sealed class ProviderTargetReader
{
    private readonly Func<ProviderPrice?, CancellationToken, Task<TargetHealth>> _status;
    private readonly Func<CancellationToken, Task<IReadOnlyList<PriceOffer>>>? _catalog;
    private readonly InferenceTargetOptions _target;
    private readonly TimeProvider _time;

    private ProviderTargetReader(
        string name,
        InferenceTargetOptions target,
        TimeProvider time,
        Func<ProviderPrice?, CancellationToken, Task<TargetHealth>> status,
        Func<CancellationToken, Task<IReadOnlyList<PriceOffer>>>? catalog)
    {
        Name = name;
        _time = time;
        _target = target;
        _status = status;
        _catalog = catalog;
    }

    public string Name { get; }

    public InferenceTargetOptions Target => _target;

    /// <summary>The providers whose control plane the monitor reads.</summary>
    public static bool IsMonitored(ProviderKind provider) => provider is ProviderKind.RunPod or ProviderKind.Lambda or ProviderKind.CoreWeave or ProviderKind.Spheron;

    /// <summary>Whether the provider's control plane needs a key (Spheron's offers are public).</summary>
    public static bool NeedsKey(ProviderKind provider) => provider is not ProviderKind.Spheron;

    /// <summary>The reader of a target that names its <see cref="InferenceTargetOptions.ProviderResourceId"/>; <see langword="null"/> for the others.</summary>
    public static ProviderTargetReader? For(string name, InferenceTargetOptions target, HttpClient http, TimeSpan timeout, TimeProvider time, ILogger? logger = null)
    {
        string? id = target.ProviderResourceId;
        if (string.IsNullOrWhiteSpace(id) || !IsMonitored(target.Provider))
        {
            return null;
        }

        string key = target.ProviderApiKey ?? target.ApiKey ?? string.Empty;
        Uri? baseAddress = BaseAddress(target.ProviderBaseAddress);
        DateTimeOffset Now() => time.GetUtcNow();
        switch (target.Provider)
        {
            case ProviderKind.RunPod when target.Tier == TargetTier.Serverless:
            {
                var serverless = new RunPodServerlessClient(http, new RunPodServerlessOptions
                {
                    EndpointId = id,
                    ApiKey = key,
                    BaseAddress = baseAddress ?? RunPodServerlessOptions.DefaultBaseAddress,
                    TargetName = name,
                    RequestTimeout = timeout,
                    TimeProvider = time,
                }, logger);
                return new(name, target, time, serverless.ProbeAsync, null);
            }

            case ProviderKind.RunPod:
            {
                var rest = new RunPodRestClient(http, key, baseAddress, timeout, logger, time);
                return new(name, target, time, (_, ct) => rest.ProbePodAsync(id, name, ct),
                    async ct => ProviderPrices.ToOffers(await rest.GetGpuPricesAsync(cancellationToken: ct).ConfigureAwait(false), Now()));
            }

            case ProviderKind.Lambda:
            {
                var lambda = new LambdaCloudClient(http, key, baseAddress, timeout, logger, time);
                return new(name, target, time, (_, ct) => lambda.ProbeInstanceAsync(id, name, ct),
                    async ct => ProviderPrices.ToOffers(await lambda.GetInstanceTypesAsync(ct).ConfigureAwait(false), Now()));
            }

            case ProviderKind.CoreWeave:
            {
                var coreWeave = new CoreWeaveInferenceClient(http, key, baseAddress, timeout, logger, time);
                return new(name, target, time, (price, ct) => coreWeave.ProbeGatewayAsync(id, name, price, ct), null); // CoreWeave publishes no pricing API
            }

            default:
            {
                var spheron = new SpheronClient(http, string.IsNullOrEmpty(key) ? null : key, baseAddress, timeout, time);
                return new(name, target, time, (price, ct) => spheron.ProbeDeploymentAsync(id, name, price, ct),
                    async ct => ProviderPrices.ToOffers(await spheron.GetGpuOffersAsync(cancellationToken: ct).ConfigureAwait(false), Now()));
            }
        }
    }

    /// <summary>Reads the target's status; <paramref name="price"/> is attached where the provider's snapshot carries no price of its own.</summary>
    public Task<TargetHealth> ReadStatusAsync(ProviderPrice? price, CancellationToken cancellationToken) => _status(price, cancellationToken);

    /// <summary>Reads the provider's catalog and picks the offer for the target's GPU and capacity, priced for all its GPUs; <see langword="null"/> when there is none.</summary>
    public async Task<ProviderPrice?> ReadCatalogPriceAsync(CancellationToken cancellationToken)
    {
        if (_catalog is null || _target.Gpu is not GpuKind gpu)
        {
            return null;
        }

        IReadOnlyList<PriceOffer> offers = await _catalog(cancellationToken).ConfigureAwait(false);
        PriceOffer? offer = offers.FirstOrDefault(o => o.Gpu == gpu && o.Capacity == _target.Capacity);
        return offer is null ? null : new ProviderPrice(offer.UsdPerGpuHour * _target.GpuCount, offer.Source, _time.GetUtcNow(), IsLive: true);
    }

    /// <summary>The configured control-plane address, with the trailing slash relative paths need.</summary>
    public static Uri? BaseAddress(string? configured)
        => string.IsNullOrWhiteSpace(configured) ? null : new Uri(configured.EndsWith('/') ? configured : configured + "/", UriKind.Absolute);
}
