using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>
/// RunPod's REST v2 control plane (<c>https://api.runpod.io/v2</c>; v1 is retired on 2026-11-15): pod status and
/// cost, and GPU list prices. Errors are RFC 9457 problem details, surfaced as typed exceptions.
/// </summary>
public sealed class RunPodRestClient
{
    /// <summary>The production base address (the <c>/v2</c> is part of each path).</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.runpod.io/");

    private readonly ProviderHttp _http;
    private readonly UnknownValues _unknown;

    /// <summary>Initializes a new instance of the <see cref="RunPodRestClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="apiKey">The RunPod API key, sent only as <c>Authorization: Bearer</c>.</param>
    /// <param name="baseAddress">The API base address; <see cref="DefaultBaseAddress"/> when omitted.</param>
    /// <param name="timeout">How long one call may take; 30 s when omitted.</param>
    /// <param name="logger">Where a pod status RunPod adds later is reported (once per value); nowhere when omitted.</param>
    /// <param name="timeProvider">The clock that dates answers and snapshots; <see cref="TimeProvider.System"/> when omitted.</param>
    public RunPodRestClient(HttpClient httpClient, string apiKey, Uri? baseAddress = null, TimeSpan? timeout = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _http = new ProviderHttp(httpClient, "runpod", baseAddress ?? DefaultBaseAddress, apiKey, timeout ?? TimeSpan.FromSeconds(30), timeProvider);
        _unknown = new UnknownValues(logger, "RunPod");
    }

    /// <summary>Reads a pod (<c>GET /v2/pods/{id}</c>).</summary>
    /// <param name="podId">The pod id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The pod.</returns>
    public async Task<RunPodPod> GetPodAsync(string podId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(podId);
        JsonElement pod = await _http.GetAsync("v2/pods/" + Uri.EscapeDataString(podId), cancellationToken).ConfigureAwait(false);
        return ParsePod(pod);
    }

    /// <summary>Reads the GPU catalog with list prices (<c>GET /v2/catalog/gpus</c>).</summary>
    /// <param name="includePodAvailability">Whether to ask for pod availability too (<c>include=AVAILABILITY&amp;product=POD</c>).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The GPU types.</returns>
    public async Task<IReadOnlyList<RunPodGpuType>> GetGpuPricesAsync(bool includePodAvailability = false, CancellationToken cancellationToken = default)
    {
        JsonElement root = await _http.GetAsync(includePodAvailability ? "v2/catalog/gpus?include=AVAILABILITY&product=POD" : "v2/catalog/gpus", cancellationToken).ConfigureAwait(false);
        var gpus = new List<RunPodGpuType>();
        if (JsonRead.Property(root, "gpus") is not { ValueKind: JsonValueKind.Array } list)
        {
            throw new InferenceProtocolException("Target 'runpod' answered /v2/catalog/gpus without a 'gpus' array.") { TargetName = "runpod" };
        }

        foreach (JsonElement gpu in list.EnumerateArray())
        {
            if (JsonRead.String(gpu, "id") is not string id)
            {
                continue;
            }

            JsonElement price = JsonRead.Property(gpu, "price") ?? default;
            gpus.Add(new RunPodGpuType
            {
                Id = id,
                Name = JsonRead.String(gpu, "name"),
                Pool = JsonRead.String(gpu, "pool"),
                MemoryGb = JsonRead.Int(gpu, "memory"),
                SecureUsdPerGpuHour = JsonRead.Decimal(price, "secure"),
                CommunityUsdPerGpuHour = JsonRead.Decimal(price, "community"),
                ServerlessUsdPerGpuHour = JsonRead.Decimal(price, "serverless"),
                Availability = JsonRead.String(gpu, "availability"),
            });
        }

        return gpus;
    }

    /// <summary>Reads a pod as the router's snapshot: healthy when <c>RUNNING</c>, priced with its live <c>cost</c>.</summary>
    /// <param name="podId">The pod id.</param>
    /// <param name="targetName">The target's name; defaults to <c>runpod-pod:{podId}</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The snapshot; an unreachable API is reported unhealthy rather than thrown.</returns>
    public Task<TargetHealth> ProbePodAsync(string podId, string? targetName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(podId);
        string name = targetName ?? "runpod-pod:" + podId;
        return Probe.SafeAsync(name, _http.Time, async now =>
        {
            RunPodPod pod = await GetPodAsync(podId, cancellationToken).ConfigureAwait(false);
            return new TargetHealth
            {
                TargetName = name,
                Healthy = pod.Status == RunPodPodStatus.Running,
                CapacityAvailable = pod.Status is not (RunPodPodStatus.Error or RunPodPodStatus.Terminated),
                Price = pod.Status == RunPodPodStatus.Running ? new ProviderPrice(pod.CostUsdPerHour, "runpod:/v2/pods/" + podId, now, IsLive: true) : null,
                ObservedAt = now,
                Status = pod.Status.ToString(),
                StatusUnknown = pod.Status == RunPodPodStatus.Unknown,
            };
        }, cancellationToken);
    }

    private RunPodPod ParsePod(JsonElement pod)
    {
        string id = JsonRead.String(pod, "id") ?? throw Protocol("a pod without an 'id'");
        string? status = JsonRead.String(pod, "status");
        RunPodPodStatus parsed = status switch
        {
            "PROVISIONING" => RunPodPodStatus.Provisioning,
            "STARTING" => RunPodPodStatus.Starting,
            "RUNNING" => RunPodPodStatus.Running,
            "EXITED" => RunPodPodStatus.Exited,
            "ERROR" => RunPodPodStatus.Error,
            "TERMINATED" => RunPodPodStatus.Terminated,
            _ => UnknownStatus(status),
        };
        JsonElement gpu = JsonRead.Property(pod, "gpu") ?? default;
        var ports = new List<string>();
        if (JsonRead.Property(pod, "ports") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (JsonElement port in list.EnumerateArray())
            {
                if (port.ValueKind == JsonValueKind.String)
                {
                    ports.Add(port.GetString()!);
                }
            }
        }

        return new RunPodPod
        {
            Id = id,
            Name = JsonRead.String(pod, "name"),
            Status = parsed,
            CostUsdPerHour = JsonRead.Decimal(pod, "cost") ?? 0m,
            GpuTypeId = JsonRead.String(gpu, "id"),
            GpuCount = JsonRead.Int(gpu, "count") ?? (gpu.ValueKind == JsonValueKind.Object ? 1 : 0),
            DataCenterId = JsonRead.String(pod, "dataCenterId"),
            Ports = ports,
        };
    }

    private RunPodPodStatus UnknownStatus(string? status)
    {
        _unknown.Report("pod status", status);
        return RunPodPodStatus.Unknown;
    }

    private static InferenceProtocolException Protocol(string what) =>
        new($"Target 'runpod' answered {what}.") { TargetName = "runpod" };
}
