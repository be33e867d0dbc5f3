using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>Reads an engine's load (Prometheus metrics → <see cref="EngineLoad"/>) and health, each with a short timeout.</summary>
/// <remarks>The I/O shell around <c>PrometheusText</c> and the metric names of <see cref="EngineProfile"/>; monitors call it in the background.</remarks>
public sealed class EngineProbe
{
    /// <summary>The default timeout of one probe: 2 seconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The most a probe reads from one answer (engines' /metrics are tens of KiB).</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly HttpClient SharedHttpClient = new() { Timeout = Timeout.InfiniteTimeSpan };

    private readonly HttpClient _http;
    private readonly Uri _root;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly string? _apiKey;
    private volatile bool _wasHealthy;

    /// <summary>Initializes a new instance of the <see cref="EngineProbe"/> class.</summary>
    /// <param name="engine">The engine to probe.</param>
    /// <param name="endpoint">The engine's address, as given to <see cref="EngineChatClient.Create"/> (a trailing <c>/v1</c> is dropped).</param>
    /// <param name="options">The HTTP client, target name, API key (sent to metrics endpoints behind auth) and timeout; <see cref="EngineClientOptions.RequestTimeout"/> is the probe timeout, <see cref="DefaultTimeout"/> when left at its default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) address.</exception>
    public EngineProbe(EngineKind engine, Uri endpoint, EngineClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint must be an absolute http or https address; got '{endpoint}'.", nameof(endpoint));
        }

        Profile = EngineProfile.For(engine);
        _root = EngineEndpoints.ServerRoot(endpoint);
        _http = options?.HttpClient ?? SharedHttpClient;
        _apiKey = options?.ApiKey;
        _time = options?.TimeProvider ?? TimeProvider.System;
        _timeout = options is null || options.RequestTimeout == EngineClientOptions.DefaultRequestTimeout ? DefaultTimeout : options.RequestTimeout;
        if (_timeout <= TimeSpan.Zero && _timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException($"{nameof(options)}.{nameof(EngineClientOptions.RequestTimeout)}", _timeout, "The probe timeout must be positive.");
        }

        TargetName = string.IsNullOrWhiteSpace(options?.TargetName) ? $"{Profile.ProviderName}@{_root.Authority}" : options.TargetName;
    }

    /// <summary>Gets the profile of the probed engine.</summary>
    public EngineProfile Profile { get; }

    /// <summary>Gets the name of the target, used in exception messages.</summary>
    public string TargetName { get; }

    /// <summary>Reads the engine's metrics into a load snapshot.</summary>
    /// <param name="cancellationToken">The token to cancel the probe.</param>
    /// <returns>
    /// The snapshot, read with the metric set of the engine version the page shows (<see cref="EngineLoad.MetricSet"/>);
    /// <see langword="null"/> when the engine exposes no metrics (Ollama) or its version writes no queue/running gauge.
    /// Where the page has no KV-cache gauge and the engine has per-slot state (llama.cpp <c>/slots</c>), the occupancy is derived from it.
    /// </returns>
    /// <exception cref="TargetUnavailableException">The engine could not be reached or did not answer in time.</exception>
    /// <exception cref="InferenceProtocolException">The metrics text is malformed.</exception>
    /// <exception cref="InferenceException">The engine answered an error status; when its metrics route is turned off the message says how to turn it on (<see cref="EngineProfile.MetricsOffHint"/>).</exception>
    public async Task<EngineLoad?> GetLoadAsync(CancellationToken cancellationToken = default) =>
        (await ReadMetricsAsync(cancellationToken).ConfigureAwait(false)).Load;

    /// <summary>Reads the metrics page: the metric set it shows and the load when that set has a queue or running gauge.</summary>
    internal async Task<EngineMetricsReading> ReadMetricsAsync(CancellationToken cancellationToken)
    {
        if (Profile.MetricsPath is null)
        {
            return default;
        }

        string text;
        try
        {
            text = await GetTextAsync(Profile.MetricsPath, cancellationToken).ConfigureAwait(false);
        }
        catch (InferenceException e) when (MetricsTurnedOff(e))
        {
            throw new InferenceException(
                $"The {Profile.ProviderName} target '{TargetName}' has its metrics turned off (HTTP {e.StatusCode} at {Profile.MetricsPath}): {Profile.MetricsOffHint}. Until then its load is not known to the router.", e)
            {
                TargetName = TargetName,
                StatusCode = e.StatusCode,
            };
        }

        EngineMetricsReading reading;
        try
        {
            reading = EngineLoadReader.ReadMetrics(Profile, PrometheusText.Parse(text), _time.GetUtcNow());
        }
        catch (FormatException e)
        {
            throw new InferenceProtocolException($"The {Profile.ProviderName} target '{TargetName}' answered malformed metrics at {Profile.MetricsPath}: {e.Message}", e)
            {
                TargetName = TargetName,
            };
        }

        if (reading.Load is { KvCacheUsage: null } load && Profile.SlotsPath is { } slots && await SlotOccupancyAsync(slots, cancellationToken).ConfigureAwait(false) is double derived)
        {
            reading = reading with { Load = load with { KvCacheUsage = Math.Clamp(derived, 0, 1), KvCacheUsageDerived = true } };
        }

        return reading;
    }

    /// <summary>Asks the engine's health endpoint; never throws for an unhealthy or unreachable engine.</summary>
    /// <param name="cancellationToken">The token to cancel the probe.</param>
    /// <returns>What the health endpoint said. For an engine that answers a bare 503 while it warms up (SGLang), a 503 before its first healthy answer is <see cref="EngineHealth.Loading"/>.</returns>
    public async Task<EngineHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        if (Profile.HealthPath is null)
        {
            return EngineHealth.Unknown;
        }

        try
        {
            await GetTextAsync(Profile.HealthPath, cancellationToken).ConfigureAwait(false);
            _wasHealthy = true;
            return EngineHealth.Healthy;
        }
        catch (EngineLoadingException)
        {
            return EngineHealth.Loading;
        }
        catch (TargetUnavailableException e) when (e.StatusCode is null)
        {
            return EngineHealth.Unreachable;
        }
        catch (InferenceException e) when (e.StatusCode == 503 && Profile.UnavailableBeforeReadyMeansLoading && !_wasHealthy)
        {
            return EngineHealth.Loading;
        }
        catch (InferenceException)
        {
            return EngineHealth.Unhealthy;
        }
    }

    /// <summary>Asks the engine what it serves: the context one request may fill, and the architecture numbers it reports.</summary>
    /// <param name="model">The model the target sends (Ollama describes a model by name; an OpenAI-style list is searched for it).</param>
    /// <param name="cancellationToken">The token to cancel the probe.</param>
    /// <returns>
    /// The description (see <see cref="EngineModelInfo"/> for the routes and fields of each engine); <see langword="null"/> when the
    /// engine has no route that describes its model (TensorRT-LLM, a generic OpenAI-compatible server) or answered none we can read.
    /// A second route that fails (llama.cpp <c>/v1/models</c>, Ollama <c>/api/ps</c>) only leaves its fields unknown.
    /// </returns>
    /// <exception cref="TargetUnavailableException">The engine could not be reached or did not answer in time.</exception>
    /// <exception cref="InferenceProtocolException">The engine's first description route answered malformed JSON.</exception>
    /// <exception cref="InferenceException">The engine's first description route answered an error status.</exception>
    public async Task<EngineModelInfo?> DescribeModelAsync(string? model, CancellationToken cancellationToken = default)
    {
        switch (Profile.Engine)
        {
            case EngineKind.Vllm:
                return EngineModelInfoReader.FromModelList(await GetJsonAsync("/v1/models", cancellationToken).ConfigureAwait(false), model, "GET /v1/models max_model_len");
            case EngineKind.Sglang:
                EngineModelInfo? served = EngineModelInfoReader.FromModelList(await GetJsonAsync("/v1/models", cancellationToken).ConfigureAwait(false), model, "GET /v1/models max_model_len");
                return EngineModelInfoReader.Merge(served, await OptionalAsync(
                    () => GetJsonAsync("/get_model_info", cancellationToken), j => EngineModelInfoReader.FromSglangModelInfo(j, "GET /get_model_info")).ConfigureAwait(false));
            case EngineKind.LlamaCpp:
                EngineModelInfo? props = EngineModelInfoReader.FromLlamaCppProps(await GetJsonAsync("/props", cancellationToken).ConfigureAwait(false), "GET /props n_ctx");
                return EngineModelInfoReader.Merge(props, await OptionalAsync(
                    () => GetJsonAsync("/v1/models", cancellationToken), j => EngineModelInfoReader.FromModelList(j, model, "GET /v1/models meta")).ConfigureAwait(false));
            case EngineKind.Ollama when model is not null:
                string body = "{\"model\":\"" + JsonEncodedText.Encode(model).ToString() + "\"}";
                EngineModelInfo? shown = EngineModelInfoReader.FromOllamaShow(await SendJsonAsync(HttpMethod.Post, "/api/show", body, cancellationToken).ConfigureAwait(false), "POST /api/show");
                int? loaded = await OptionalAsync(() => GetJsonAsync("/api/ps", cancellationToken), j => EngineModelInfoReader.FromOllamaPs(j, model)).ConfigureAwait(false);
                return shown is not null && loaded is int running ? shown with { ContextTokens = running, Source = shown.Source + ", GET /api/ps context_length" } : shown;
            case EngineKind.Tgi:
                return EngineModelInfoReader.FromTgiInfo(await GetJsonAsync("/info", cancellationToken).ConfigureAwait(false), "GET /info max_total_tokens");
            default:
                return null;
        }
    }

    /// <summary>A second description route: what it says, or nothing when it fails.</summary>
    private static async Task<T?> OptionalAsync<T>(Func<Task<JsonElement>> read, Func<JsonElement, T?> parse)
    {
        try
        {
            return parse(await read().ConfigureAwait(false));
        }
        catch (InferenceException)
        {
            return default;
        }
    }

    private Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) => SendJsonAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        string text = await SendTextAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"The {Profile.ProviderName} target '{TargetName}' answered malformed JSON at {path}: {e.Message}", e)
            {
                TargetName = TargetName,
            };
        }
    }

    /// <summary>Whether an error answer of the metrics route says the route is off rather than the engine down: llama.cpp 501 <c>not_supported_error</c>, a 404 where metrics need a flag.</summary>
    private bool MetricsTurnedOff(InferenceException e) =>
        Profile.MetricsOffHint is not null && e.StatusCode is 501 or 404;

    /// <summary>The occupancy derived from the per-slot state; <see langword="null"/> when it cannot be read (slots turned off, another shape).</summary>
    private async Task<double?> SlotOccupancyAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return SlotOccupancy.Read(System.Text.Encoding.UTF8.GetBytes(await GetTextAsync(path, cancellationToken).ConfigureAwait(false)));
        }
        catch (InferenceException)
        {
            return null;
        }
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>: a broken or hostile engine must not make the host buffer without bound.</summary>
    private async Task<byte[]> ReadBoundedAsync(HttpContent content, string path, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw TooLarge(path);
        }

        using var buffer = new System.IO.MemoryStream();
        System.IO.Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge(path);
                }

                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }

    private InferenceProtocolException TooLarge(string path) =>
        new($"The {Profile.ProviderName} target '{TargetName}' answered more than {MaxBodyBytes / (1024 * 1024)} MiB at {path}; the probe stops reading there.")
        {
            TargetName = TargetName,
        };

    private Task<string> GetTextAsync(string path, CancellationToken cancellationToken) => SendTextAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<string> SendTextAsync(HttpMethod method, string path, string? jsonBody, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(_timeout);
        }

        try
        {
            using var request = new HttpRequestMessage(method, EngineEndpoints.Resolve(_root, path));
            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
            }

            if (!string.IsNullOrEmpty(_apiKey))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            byte[] body = await ReadBoundedAsync(response.Content, path, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                TimeSpan? retryAfter = RetryAfterHeader.Read(response.Headers.RetryAfter, _time.GetUtcNow());
                throw EngineErrors.FromAnswer(Profile, TargetName, (int)response.StatusCode, EngineError.Parse(body), retryAfter, outputCommitted: false, inner: null);
            }

            return System.Text.Encoding.UTF8.GetString(body);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw EngineErrors.Timeout(Profile, TargetName, _timeout, e, outputCommitted: false);
        }
        catch (Exception e) when (e is not InferenceException && EngineErrors.FromTransport(Profile, TargetName, e, outputCommitted: false) is { } mapped)
        {
            throw mapped;
        }
    }
}
