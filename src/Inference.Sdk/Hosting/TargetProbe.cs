using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Routing;

namespace Inference.Sdk.Hosting;

/// <summary>Probes a target's health route: the engine's (<see cref="EngineProfile.HealthPath"/>), or <c>GET {endpoint}/models</c> for a hosted API.</summary>
internal static class TargetProbe
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that probes use (no retries: a probe reports what it sees).</summary>
    public const string HttpClientName = "Inference.Sdk:probe";

    public static Uri HealthUri(InferenceTargetOptions target)
    {
        var endpoint = new Uri(InferenceOptionsChecks.EndpointsOf(target)[0], UriKind.Absolute);
        EngineProfile profile = EngineProfile.For(InferenceOptionsChecks.EffectiveEngine(target));
        return profile.HealthPath is { } path
            ? EngineEndpoints.Resolve(EngineEndpoints.ServerRoot(endpoint), path)
            : new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/models");
    }

    public static async Task<TargetProbeResult> ProbeAsync(
        HttpClient http, InferenceTargetOptions target, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken, IInferenceTargetConnector? connector = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        string what = "GET " + (connector is null ? HealthUri(target).AbsolutePath : "health route");
        HttpRequestMessage? request = null;
        try
        {
            request = connector is null ? DefaultRequest(target) : await connector.CreateProbeRequestAsync(target, cts.Token).ConfigureAwait(false);
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

    private static HttpRequestMessage DefaultRequest(InferenceTargetOptions target)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, HealthUri(target));
        if (!string.IsNullOrEmpty(target.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", target.ApiKey);
        }

        return request;
    }
}
