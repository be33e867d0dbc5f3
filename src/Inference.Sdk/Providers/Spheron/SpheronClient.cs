using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Providers.Spheron;

/// <summary>
/// Spheron's GPU marketplace API (<c>https://app.spheron.ai/api</c>): GPU offers as a price source (spot and on demand)
/// and deployments. Spheron does not publish its response schemas; the reader accepts the field names listed in
/// <c>docs/providers.md</c> and skips offers it cannot price.
/// </summary>
public sealed class SpheronClient
{
    /// <summary>The production base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://app.spheron.ai/");

    private const string Target = "spheron";
    private readonly ProviderHttp _http;

    /// <summary>Initializes a new instance of the <see cref="SpheronClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="apiKey">The Spheron API key (offers are public; deployments need it), sent only as <c>Authorization: Bearer</c>.</param>
    /// <param name="baseAddress">The API base address; <see cref="DefaultBaseAddress"/> when omitted.</param>
    /// <param name="timeout">How long one call may take; 30 s when omitted.</param>
    /// <param name="timeProvider">The clock that dates answers and snapshots; <see cref="TimeProvider.System"/> when omitted.</param>
    public SpheronClient(HttpClient httpClient, string? apiKey = null, Uri? baseAddress = null, TimeSpan? timeout = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = new ProviderHttp(httpClient, Target, baseAddress ?? DefaultBaseAddress, string.IsNullOrWhiteSpace(apiKey) ? null : apiKey, timeout ?? TimeSpan.FromSeconds(30), timeProvider);
    }

    /// <summary>Lists GPU offers (<c>GET /api/gpu-offers</c>).</summary>
    /// <param name="capacity">Only spot (<c>instanceType=SPOT</c>) or on-demand (<c>DEDICATED</c>) offers; all when omitted.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The offers that carry a GPU type and a price.</returns>
    public async Task<IReadOnlyList<SpheronGpuOffer>> GetGpuOffersAsync(CapacityType? capacity = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (capacity is not (null or CapacityType.Spot or CapacityType.OnDemand))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Spheron sells spot and on-demand (dedicated) capacity.");
        }

        string query = $"api/gpu-offers?page=1&limit={limit}" + capacity switch
        {
            CapacityType.Spot => "&instanceType=SPOT",
            CapacityType.OnDemand => "&instanceType=DEDICATED",
            _ => string.Empty,
        };
        JsonElement root = await _http.GetAsync(query, cancellationToken).ConfigureAwait(false);
        JsonElement list = root.ValueKind == JsonValueKind.Array ? root : JsonRead.FirstProperty(root, "data", "offers", "items", "results") ?? default;
        if (list.ValueKind == JsonValueKind.Object)
        {
            list = JsonRead.FirstProperty(list, "offers", "items", "results") ?? default;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new InferenceProtocolException("Target 'spheron' answered /api/gpu-offers without a list of offers.") { TargetName = Target };
        }

        var offers = new List<SpheronGpuOffer>();
        foreach (JsonElement offer in list.EnumerateArray())
        {
            if (ParseOffer(offer) is SpheronGpuOffer parsed)
            {
                offers.Add(parsed);
            }
        }

        return offers;
    }

    /// <summary>Reads a deployment (<c>GET /api/deployments/{id}</c>; the path is inferred, not documented).</summary>
    /// <param name="deploymentId">The deployment id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The deployment.</returns>
    public async Task<SpheronDeployment> GetDeploymentAsync(string deploymentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deploymentId);
        JsonElement root = await _http.GetAsync("api/deployments/" + Uri.EscapeDataString(deploymentId), cancellationToken).ConfigureAwait(false);
        JsonElement deployment = JsonRead.FirstProperty(root, "data", "deployment") ?? root;
        return new SpheronDeployment
        {
            Id = JsonRead.String(deployment, "id") ?? JsonRead.String(deployment, "_id") ?? deploymentId,
            Status = JsonRead.String(deployment, "status") ?? JsonRead.String(deployment, "state"),
            Ip = JsonRead.String(deployment, "ipAddress") ?? JsonRead.String(deployment, "ip") ?? JsonRead.String(deployment, "publicIp"),
            InstanceType = JsonRead.String(deployment, "instanceType"),
        };
    }

    /// <summary>Reads a deployment as the router's snapshot: healthy when running with an IP.</summary>
    /// <param name="deploymentId">The deployment id.</param>
    /// <param name="targetName">The target's name; defaults to <c>spheron:{deploymentId}</c>.</param>
    /// <param name="price">The deployment's price, when the caller knows it (from its offer).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The snapshot; an unreachable API is reported unhealthy rather than thrown.</returns>
    public Task<TargetHealth> ProbeDeploymentAsync(string deploymentId, string? targetName = null, ProviderPrice? price = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deploymentId);
        string name = targetName ?? "spheron:" + deploymentId;
        return Probe.SafeAsync(name, _http.Time, async now =>
        {
            SpheronDeployment deployment = await GetDeploymentAsync(deploymentId, cancellationToken).ConfigureAwait(false);
            return new TargetHealth
            {
                TargetName = name,
                Healthy = deployment.IsRunning && deployment.Ip is not null,
                CapacityAvailable = deployment.IsRunning,
                Price = price,
                ObservedAt = now,
                Status = deployment.Status,
            };
        }, cancellationToken);
    }

    /// <summary>Reads one offer; <see langword="null"/> when it has no GPU type or no price.</summary>
    internal static SpheronGpuOffer? ParseOffer(JsonElement offer)
    {
        string? gpu = JsonRead.String(offer, "gpuType") ?? JsonRead.String(offer, "gpu_type") ?? JsonRead.String(offer, "gpuName")
            ?? JsonRead.String(offer, "gpuModel") ?? JsonRead.String(offer, "gpu") ?? JsonRead.String(offer, "name");
        int count = JsonRead.Int(offer, "gpuCount") ?? JsonRead.Int(offer, "gpu_count") ?? JsonRead.Int(offer, "numGpus") ?? 1;
        count = Math.Max(count, 1);
        decimal? total = FirstDecimal(offer, "pricePerHour", "price_per_hour", "hourlyPrice", "totalPrice", "price");
        decimal? perGpu = FirstDecimal(offer, "pricePerGpuHour", "price_per_gpu_hour", "perGpuPrice", "gpuPrice");
        decimal? usdPerHour = total ?? perGpu * count;
        if (gpu is null || usdPerHour is not decimal price || price < 0)
        {
            return null;
        }

        string? type = JsonRead.String(offer, "instanceType") ?? JsonRead.String(offer, "instance_type") ?? JsonRead.String(offer, "type");
        bool spot = type?.Contains("SPOT", StringComparison.OrdinalIgnoreCase) == true || JsonRead.Bool(offer, "spot") == true || JsonRead.Bool(offer, "interruptible") == true;
        return new SpheronGpuOffer
        {
            Id = JsonRead.String(offer, "id") ?? JsonRead.String(offer, "offerId") ?? JsonRead.String(offer, "_id"),
            Provider = JsonRead.String(offer, "provider") ?? JsonRead.String(offer, "providerName"),
            GpuType = gpu,
            GpuCount = count,
            UsdPerHour = price,
            Capacity = spot ? CapacityType.Spot : CapacityType.OnDemand,
            InstanceType = type,
            Region = JsonRead.String(offer, "region") ?? JsonRead.String(offer, "location"),
        };
    }

    private static decimal? FirstDecimal(JsonElement element, params string[] names)
    {
        foreach (string name in names)
        {
            if (JsonRead.Property(element, name) is JsonElement value)
            {
                // A price may be a number, a numeric string, or an object such as {"amount": 2.1, "currency": "USD"}.
                decimal? d = value.ValueKind == JsonValueKind.Object ? JsonRead.Decimal(value, "amount") ?? JsonRead.Decimal(value, "value") : JsonRead.Decimal(value);
                if (d is not null)
                {
                    return d;
                }
            }
        }

        return null;
    }
}
