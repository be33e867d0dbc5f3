using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;

namespace Inference.Sdk.Hosting;

/// <summary>Probes a target's health route: the engine's (<see cref="EngineProfile.HealthPath"/>), or <c>GET {endpoint}/models</c> for a hosted API.</summary>
internal static class TargetProbe
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that probes use (no retries: a probe reports what it sees).</summary>
    public const string HttpClientName = "Inference.Sdk:probe";

    /// <summary>The health route of one of the target's endpoints (the first when <paramref name="endpoint"/> is <see langword="null"/>).</summary>
    public static Uri HealthUri(InferenceTargetOptions target, string? endpoint = null)
    {
        var address = new Uri(endpoint ?? InferenceOptionsChecks.EndpointsOf(target)[0], UriKind.Absolute);
        EngineProfile profile = EngineProfile.For(InferenceOptionsChecks.EffectiveEngine(target));
        return profile.HealthPath is { } path
            ? EngineEndpoints.Resolve(EngineEndpoints.ServerRoot(address), path)
            : new Uri(address.AbsoluteUri.TrimEnd('/') + "/models");
    }

    /// <summary>
    /// Probes a target and records the verdict on its board. A pool's every replica is probed, each verdict recorded on the
    /// replica's own board (two failed probes in a row keep it out of the pool); the pool is healthy when any replica is.
    /// </summary>
    /// <returns>The target's verdict, and whether it differs from the previous probe's.</returns>
    public static async Task<(TargetProbeResult Result, bool Changed)> ProbeTargetAsync(
        HttpClient http, InferenceTargetOptions target, TargetBoard board, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, IInferenceTargetConnector? connector = null)
    {
        TargetProbeResult result;
        if (connector is null && board.Target.Client.GetService(typeof(EndpointPoolChatClient)) is EndpointPoolChatClient pool)
        {
            IReadOnlyList<PoolEndpoint> endpoints = pool.Endpoints; // the replicas now: with service discovery they change between probes
            TargetProbeResult[] replicas = await Task.WhenAll(endpoints.Select(e => ProbeAsync(http, target, timeout, time, cancellationToken, endpoint: e.Address.AbsoluteUri))).ConfigureAwait(false);
            for (int i = 0; i < replicas.Length; i++)
            {
                endpoints[i].Board.ReportProbe(replicas[i]);
            }

            result = PoolVerdict(replicas, endpoints, time.GetUtcNow());
        }
        else
        {
            result = await ProbeAsync(http, target, timeout, time, cancellationToken, connector).ConfigureAwait(false);
        }

        return (result, board.ReportProbe(result));
    }

    /// <summary>A pool's verdict from its replicas': healthy when any is; the detail counts them and says what failed where.</summary>
    internal static TargetProbeResult PoolVerdict(IReadOnlyList<TargetProbeResult> replicas, IReadOnlyList<PoolEndpoint> endpoints, DateTimeOffset at)
    {
        int healthy = replicas.Count(r => r.Healthy);
        string detail = replicas.Count == 0 ? "no endpoint: the service resolved none"
            : healthy == replicas.Count
            ? $"all {replicas.Count} endpoints healthy"
            : $"{healthy} of {replicas.Count} endpoints healthy; " + string.Join(
                "; ",
                replicas.Select((r, i) => (r, i)).Where(p => !p.r.Healthy).Select(p => $"{endpoints[p.i].Address.Authority}: {p.r.Detail}"));
        return new(healthy > 0, detail, at);
    }

    public static async Task<TargetProbeResult> ProbeAsync(
        HttpClient http, InferenceTargetOptions target, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, IInferenceTargetConnector? connector = null, string? endpoint = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        string what = "GET " + (connector is null ? HealthUri(target, endpoint).AbsolutePath : "health route");
        HttpRequestMessage? request = null;
        try
        {
            request = connector is null ? DefaultRequest(target, endpoint) : await connector.CreateProbeRequestAsync(target, cts.Token).ConfigureAwait(false);
            what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            // 5xx: down or loading; 401/403: the key is wrong, so every request would fail. A 404 from an API without /models still proves it is up.
            bool healthy = status < 500 && status is not (401 or 403);
            return new(healthy, $"{what} answered {status}", time.GetUtcNow());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"{what} did not answer within {timeout.TotalSeconds:0.#} s", time.GetUtcNow());
        }
        catch (HttpRequestException e)
        {
            return new(false, $"{what} failed: {e.HttpRequestError}", time.GetUtcNow());
        }
        catch (Exception e) when (request is null && e is not OperationCanceledException)
        {
            // The connector could not prepare the probe (e.g. no token from the credential): the type only, messages may carry secrets.
            return new(false, $"the probe's credentials could not be prepared: {e.GetType().Name}", time.GetUtcNow());
        }
        finally
        {
            request?.Dispose();
        }
    }

    private static HttpRequestMessage DefaultRequest(InferenceTargetOptions target, string? endpoint)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, HealthUri(target, endpoint));
        if (!string.IsNullOrEmpty(target.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
        }

        return request;
    }
}
