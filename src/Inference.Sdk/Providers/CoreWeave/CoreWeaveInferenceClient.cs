using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Providers.CoreWeave;

/// <summary>
/// CoreWeave's Inference API for Dedicated Inference (<c>https://api.coreweave.com/v1alpha1/inference/…</c>): gateways,
/// their ready status and endpoints. The API is <c>v1alpha1</c>; the reader is lenient (see <c>docs/providers.md</c>).
/// </summary>
public sealed class CoreWeaveInferenceClient
{
    /// <summary>The production base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.coreweave.com/");

    private const string Target = "coreweave";
    private readonly ProviderHttp _http;
    private readonly UnknownValues _unknown;

    /// <summary>Initializes a new instance of the <see cref="CoreWeaveInferenceClient"/> class.</summary>
    /// <param name="httpClient">The HTTP client to send with.</param>
    /// <param name="apiToken">A CoreWeave API access token (role Inference Viewer or Admin), sent only as <c>Authorization: Bearer</c>.</param>
    /// <param name="baseAddress">The API base address; <see cref="DefaultBaseAddress"/> when omitted.</param>
    /// <param name="timeout">How long one call may take; 30 s when omitted.</param>
    /// <param name="logger">Where a gateway status this version does not know is reported (once per value); nowhere when omitted.</param>
    /// <param name="timeProvider">The clock that dates answers and snapshots; <see cref="TimeProvider.System"/> when omitted.</param>
    public CoreWeaveInferenceClient(HttpClient httpClient, string apiToken, Uri? baseAddress = null, TimeSpan? timeout = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiToken);
        _http = new ProviderHttp(httpClient, Target, baseAddress ?? DefaultBaseAddress, apiToken, timeout ?? TimeSpan.FromSeconds(30), timeProvider);
        _unknown = new UnknownValues(logger, "CoreWeave");
    }

    /// <summary>Lists the gateways (<c>GET /v1alpha1/inference/gateways</c>).</summary>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The gateways.</returns>
    public async Task<IReadOnlyList<CoreWeaveGateway>> ListGatewaysAsync(CancellationToken cancellationToken = default)
    {
        JsonElement root = await _http.GetAsync("v1alpha1/inference/gateways", cancellationToken).ConfigureAwait(false);
        JsonElement list = root.ValueKind == JsonValueKind.Array ? root : JsonRead.FirstProperty(root, "gateways", "items") ?? default;
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Protocol("/v1alpha1/inference/gateways without a 'gateways' array");
        }

        var gateways = new List<CoreWeaveGateway>();
        foreach (JsonElement gateway in list.EnumerateArray())
        {
            gateways.Add(ParseGateway(gateway));
        }

        return gateways;
    }

    /// <summary>Reads one gateway (<c>GET /v1alpha1/inference/gateways/{id}</c>).</summary>
    /// <param name="gatewayId">The gateway id.</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The gateway.</returns>
    public async Task<CoreWeaveGateway> GetGatewayAsync(string gatewayId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayId);
        JsonElement root = await _http.GetAsync("v1alpha1/inference/gateways/" + Uri.EscapeDataString(gatewayId), cancellationToken).ConfigureAwait(false);
        return ParseGateway(JsonRead.Property(root, "gateway") ?? root);
    }

    /// <summary>Reads a gateway as the router's snapshot: healthy when <c>STATUS_READY</c> with an endpoint; a status this version does not know is <see cref="TargetHealth.StatusUnknown"/>.</summary>
    /// <param name="gatewayId">The gateway id.</param>
    /// <param name="targetName">The target's name; defaults to <c>coreweave:{gatewayId}</c>.</param>
    /// <param name="price">The target's price, when the caller knows it (CoreWeave has no public pricing API).</param>
    /// <param name="cancellationToken">The token to cancel the call.</param>
    /// <returns>The snapshot; an unreachable API is reported unhealthy rather than thrown.</returns>
    public Task<TargetHealth> ProbeGatewayAsync(string gatewayId, string? targetName = null, ProviderPrice? price = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(gatewayId);
        return Probe.SafeAsync(targetName ?? "coreweave:" + gatewayId, _http.Time, async now =>
        {
            CoreWeaveGateway gateway = await GetGatewayAsync(gatewayId, cancellationToken).ConfigureAwait(false);
            return new TargetHealth
            {
                TargetName = targetName ?? "coreweave:" + gatewayId,
                Healthy = gateway.IsReady && gateway.Endpoints.Count > 0,
                CapacityAvailable = gateway.State != CoreWeaveGatewayState.Error,
                Price = price,
                ObservedAt = now,
                Status = gateway.Status,
                StatusUnknown = gateway.State == CoreWeaveGatewayState.Unknown,
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Reads a gateway: the API nests it as <c>{spec: {id, name, …}, status: {status, endpoints, conditions}}</c> (the
    /// GatewayService reference); a flat <c>{id, name, status}</c> is read too. <c>status.status</c> is a
    /// <c>STATUS_*</c> string, or an integer on older pages of the reference.
    /// </summary>
    private CoreWeaveGateway ParseGateway(JsonElement gateway)
    {
        JsonElement spec = JsonRead.Property(gateway, "spec") is { ValueKind: JsonValueKind.Object } s ? s : gateway;
        string id = JsonRead.String(spec, "id")
            ?? JsonRead.String(gateway, "id")
            ?? (JsonRead.Property(gateway, "metadata") is JsonElement metadata ? JsonRead.String(metadata, "id") : null)
            ?? throw Protocol("a gateway without an 'id' (gateway.spec.id)");
        JsonElement? status = JsonRead.Property(gateway, "status");
        string? state = status switch
        {
            { ValueKind: JsonValueKind.String or JsonValueKind.Number } v => JsonRead.String(gateway, "status"),
            { ValueKind: JsonValueKind.Object } o => JsonRead.String(o, "status") ?? JsonRead.String(o, "state") ?? JsonRead.String(o, "phase"),
            _ => null,
        };
        var endpoints = new List<Uri>();
        JsonElement? list = status is { ValueKind: JsonValueKind.Object } so ? JsonRead.Property(so, "endpoints") : null;
        if (list is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (JsonElement endpoint in array.EnumerateArray())
            {
                string? text = endpoint.ValueKind == JsonValueKind.String
                    ? endpoint.GetString()
                    : JsonRead.String(endpoint, "url") ?? JsonRead.String(endpoint, "address") ?? JsonRead.String(endpoint, "host");
                if (text is not null && Uri.TryCreate(text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text, UriKind.Absolute, out Uri? uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                {
                    endpoints.Add(uri);
                }
            }
        }

        return new CoreWeaveGateway
        {
            Id = id,
            Name = JsonRead.String(spec, "name") ?? JsonRead.String(gateway, "name") ?? (JsonRead.Property(gateway, "metadata") is JsonElement m ? JsonRead.String(m, "name") : null),
            Status = state,
            State = ParseState(state),
            Endpoints = endpoints,
        };
    }

    private CoreWeaveGatewayState ParseState(string? status)
    {
        switch (status)
        {
            case "STATUS_CREATING": return CoreWeaveGatewayState.Creating;
            case "STATUS_READY": return CoreWeaveGatewayState.Ready;
            case "STATUS_UPDATING": return CoreWeaveGatewayState.Updating;
            case "STATUS_DELETING": return CoreWeaveGatewayState.Deleting;
            case "STATUS_ERROR": return CoreWeaveGatewayState.Error;
            default:
                _unknown.Report("gateway status", status);
                return CoreWeaveGatewayState.Unknown;
        }
    }

    private static InferenceProtocolException Protocol(string what) => new($"Target '{Target}' answered {what}.") { TargetName = Target };
}
