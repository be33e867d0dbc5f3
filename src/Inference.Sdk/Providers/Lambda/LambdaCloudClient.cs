using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Providers.Lambda;

/// <summary>
/// The Lambda Cloud API (<c>https://cloud.lambda.ai/api/v1</c>): instance types with prices and capacity, instances
/// with status and IP, launches. Errors come as <c>{"error":{"code","message","suggestion"}}</c> and are raised as
/// <see cref="ProviderApiException"/> with <see cref="ProviderApiException.ErrorCode"/> = the code (see <see cref="LambdaErrorCodes"/>).
/// The Lambda Inference API was discontinued on 2025-09-25; chat goes to the engine on an instance.
/// </summary>
public sealed class LambdaCloudClient
{
    /// <summary>The production base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://cloud.lambda.ai/api/v1/");

    private const string Target = "lambda";
    private readonly ProviderHttp _http;
    private readonly UnknownValues _unknown;

    /// <summary>Initializes a new instance of the <see cref="LambdaCloudClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="apiKey">The Lambda Cloud API key, sent only as <c>Authorization: Bearer</c>.</param>
    /// <param name="baseAddress">The API base address; <see cref="DefaultBaseAddress"/> when omitted.</param>
    /// <param name="timeout">How long one call may take; 30 s when omitted.</param>
    /// <param name="logger">Where an instance status Lambda adds later is reported (once per value); nowhere when omitted.</param>
    /// <param name="timeProvider">The clock that dates answers and snapshots; <see cref="TimeProvider.System"/> when omitted.</param>
    public LambdaCloudClient(HttpClient httpClient, string apiKey, Uri? baseAddress = null, TimeSpan? timeout = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _http = new ProviderHttp(httpClient, Target, baseAddress ?? DefaultBaseAddress, apiKey, timeout ?? TimeSpan.FromSeconds(30), timeProvider);
        _unknown = new UnknownValues(logger, "Lambda Cloud");
    }

    /// <summary>Lists the instance types (<c>GET /instance-types</c>, a map keyed by type name).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The instance types.</returns>
    public async Task<IReadOnlyList<LambdaInstanceType>> GetInstanceTypesAsync(CancellationToken cancellationToken = default)
    {
        JsonElement data = Data(await _http.GetAsync("instance-types", cancellationToken).ConfigureAwait(false), JsonValueKind.Object, "instance-types");
        var types = new List<LambdaInstanceType>();
        foreach (JsonProperty entry in data.EnumerateObject())
        {
            JsonElement type = JsonRead.Property(entry.Value, "instance_type") ?? default;
            var regions = new List<string>();
            if (JsonRead.Property(entry.Value, "regions_with_capacity_available") is { ValueKind: JsonValueKind.Array } list)
            {
                foreach (JsonElement region in list.EnumerateArray())
                {
                    if (JsonRead.String(region, "name") is string name)
                    {
                        regions.Add(name);
                    }
                }
            }

            types.Add(new LambdaInstanceType
            {
                Name = JsonRead.String(type, "name") ?? entry.Name,
                Description = JsonRead.String(type, "description"),
                GpuDescription = JsonRead.String(type, "gpu_description"),
                PriceCentsPerHour = JsonRead.Int(type, "price_cents_per_hour")
                    ?? throw Protocol($"instance type '{entry.Name}' without 'price_cents_per_hour'"),
                Gpus = JsonRead.Property(type, "specs") is JsonElement specs ? JsonRead.Int(specs, "gpus") : null,
                RegionsWithCapacity = regions,
            });
        }

        return types;
    }

    /// <summary>Lists the account's instances (<c>GET /instances</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The instances.</returns>
    public async Task<IReadOnlyList<LambdaInstance>> ListInstancesAsync(CancellationToken cancellationToken = default)
    {
        JsonElement data = Data(await _http.GetAsync("instances", cancellationToken).ConfigureAwait(false), JsonValueKind.Array, "instances");
        var instances = new List<LambdaInstance>();
        foreach (JsonElement instance in data.EnumerateArray())
        {
            instances.Add(ParseInstance(instance));
        }

        return instances;
    }

    /// <summary>Reads one instance (<c>GET /instances/{id}</c>).</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The instance.</returns>
    public async Task<LambdaInstance> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return ParseInstance(Data(await _http.GetAsync("instances/" + Uri.EscapeDataString(instanceId), cancellationToken).ConfigureAwait(false), JsonValueKind.Object, "instances/{id}"));
    }

    /// <summary>Launches instances (<c>POST /instance-operations/launch</c>; Lambda allows one launch per 12 s).</summary>
    /// <param name="regionName">The region (one of <see cref="LambdaInstanceType.RegionsWithCapacity"/>).</param>
    /// <param name="instanceTypeName">The instance type name.</param>
    /// <param name="sshKeyName">The SSH key to install (Lambda takes exactly one).</param>
    /// <param name="name">An optional instance name (at most 64 characters).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The ids of the launched instances.</returns>
    /// <exception cref="ProviderApiException">Lambda refused, e.g. <see cref="LambdaErrorCodes.InsufficientCapacity"/>.</exception>
    public async Task<IReadOnlyList<string>> LaunchInstanceAsync(string regionName, string instanceTypeName, string sshKeyName, string? name = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceTypeName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sshKeyName);
        if (name is { Length: > 64 })
        {
            throw new ArgumentOutOfRangeException(nameof(name), "Lambda instance names are at most 64 characters.");
        }

        var body = new JsonObject
        {
            ["region_name"] = regionName,
            ["instance_type_name"] = instanceTypeName,
            ["ssh_key_names"] = new JsonArray(sshKeyName),
        };
        if (name is not null)
        {
            body["name"] = name;
        }

        JsonElement data = Data(await _http.PostAsync("instance-operations/launch", body, cancellationToken).ConfigureAwait(false), JsonValueKind.Object, "launch");
        var ids = new List<string>();
        if (JsonRead.Property(data, "instance_ids") is { ValueKind: JsonValueKind.Array } list)
        {
            foreach (JsonElement id in list.EnumerateArray())
            {
                ids.Add(id.GetString() ?? throw Protocol("an instance id that is not a string"));
            }
        }

        return ids;
    }

    /// <summary>Reads an instance as the router's snapshot: healthy when <c>active</c>, priced from its instance type; a status Lambda adds later is <see cref="TargetHealth.StatusUnknown"/>.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="targetName">The target's name; defaults to <c>lambda:{instanceId}</c>.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The snapshot; an unreachable API is reported unhealthy rather than thrown.</returns>
    public Task<TargetHealth> ProbeInstanceAsync(string instanceId, string? targetName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        string name = targetName ?? "lambda:" + instanceId;
        return Probe.SafeAsync(name, _http.Time, async now =>
        {
            LambdaInstance instance = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            return new TargetHealth
            {
                TargetName = name,
                Healthy = instance.Status == LambdaInstanceStatus.Active,
                CapacityAvailable = instance.Status is not (LambdaInstanceStatus.Preempted or LambdaInstanceStatus.Terminated or LambdaInstanceStatus.Terminating),
                Price = instance.PriceCentsPerHour is int cents ? new ProviderPrice(cents / 100m, "lambda:/instances/" + instanceId, now, IsLive: true) : null,
                ObservedAt = now,
                Status = instance.Status.ToString(),
                StatusUnknown = instance.Status == LambdaInstanceStatus.Unknown,
            };
        }, cancellationToken);
    }

    private LambdaInstance ParseInstance(JsonElement instance)
    {
        string id = JsonRead.String(instance, "id") ?? throw Protocol("an instance without an 'id'");
        string? status = JsonRead.String(instance, "status");
        JsonElement type = JsonRead.Property(instance, "instance_type") ?? default;
        return new LambdaInstance
        {
            Id = id,
            Name = JsonRead.String(instance, "name"),
            Status = status switch
            {
                "booting" => LambdaInstanceStatus.Booting,
                "active" => LambdaInstanceStatus.Active,
                "unhealthy" => LambdaInstanceStatus.Unhealthy,
                "terminated" => LambdaInstanceStatus.Terminated,
                "terminating" => LambdaInstanceStatus.Terminating,
                "preempted" => LambdaInstanceStatus.Preempted,
                _ => UnknownStatus("instance status", status),
            },
            Ip = JsonRead.String(instance, "ip"),
            PrivateIp = JsonRead.String(instance, "private_ip"),
            Region = JsonRead.Property(instance, "region") is JsonElement region ? JsonRead.String(region, "name") : null,
            InstanceTypeName = JsonRead.String(type, "name"),
            PriceCentsPerHour = JsonRead.Int(type, "price_cents_per_hour"),
        };
    }

    private LambdaInstanceStatus UnknownStatus(string field, string? value)
    {
        _unknown.Report(field, value);
        return LambdaInstanceStatus.Unknown;
    }

    private static JsonElement Data(JsonElement root, JsonValueKind kind, string what) =>
        JsonRead.Property(root, "data") is JsonElement data && data.ValueKind == kind
            ? data
            : throw Protocol($"/{what} without a 'data' {kind.ToString().ToLowerInvariant()}");

    private static InferenceProtocolException Protocol(string what) => new($"Target '{Target}' answered {what}.") { TargetName = Target };
}
