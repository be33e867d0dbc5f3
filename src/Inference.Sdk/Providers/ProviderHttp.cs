using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Providers;

/// <summary>
/// The I/O shell every control-plane client shares: one JSON request with a Bearer token, a timeout, and the answer
/// mapped to a JSON element or to a typed exception that names the target (never the token).
/// </summary>
internal sealed class ProviderHttp
{
    private readonly HttpClient _http;
    private readonly string? _apiKey;

    public ProviderHttp(HttpClient http, string targetName, Uri baseAddress, string? apiKey, TimeSpan timeout, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        _http = http;
        TargetName = targetName;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        _apiKey = apiKey;
        Timeout = timeout;
    }

    public string TargetName { get; }

    public Uri BaseAddress { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Gets the clock that dates answers (a <c>Retry-After</c> date, a snapshot's time).</summary>
    public TimeProvider Time { get; }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>Sends one request; relative <paramref name="path"/>s resolve against <see cref="BaseAddress"/>.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, path));
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        string text;
        int status;
        TimeSpan? retryAfter;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, Time.GetUtcNow());
            text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TargetUnavailableException($"Target '{TargetName}' did not answer {method} {path} within {Timeout.TotalSeconds:0.###} s.", e)
            {
                TargetName = TargetName,
                DeclaredKind = FailureKind.TimedOut,
            };
        }
        catch (HttpRequestException e)
        {
            throw new TargetUnavailableException($"Target '{TargetName}' could not be reached ({method} {path}): {e.HttpRequestError}.", e) { TargetName = TargetName };
        }

        if (status is < 200 or > 299)
        {
            throw ProviderErrors.FromResponse(TargetName, status, text, retryAfter);
        }

        return Parse(TargetName, text, $"{method} {path}");
    }

    /// <summary>Parses a success body, or throws <see cref="InferenceProtocolException"/> naming the target and call.</summary>
    public static JsonElement Parse(string targetName, string text, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"Target '{targetName}' answered {what} with a body that is not JSON.", e) { TargetName = targetName };
        }
    }
}
