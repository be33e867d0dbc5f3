using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>Finds inference engines listening on this machine and tells which engine each one is.</summary>
/// <remarks>
/// Each port on 127.0.0.1 is identified by the engine's distinctive endpoint: Ollama <c>GET /</c> "Ollama is running",
/// llama.cpp <c>/props</c> (also in router mode, <c>role: "router"</c>), SGLang <c>/server_info</c> (or the deprecated
/// <c>/get_server_info</c> of older releases), TGI <c>/info</c>, then <c>/v1/models</c>, whose <c>owned_by</c> tells
/// TensorRT-LLM (<c>tensorrt_llm</c>) from vLLM (<c>vllm</c>) where both answer <c>/version</c> alike. A closed port costs one refused connection.
/// </remarks>
public static class LocalEngineDiscovery
{
    /// <summary>The default ports: llama.cpp 8080, vLLM and TensorRT-LLM 8000, SGLang 30000, Ollama 11434, TGI 3000 (<c>text-generation-launcher</c>).</summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [8080, 8000, 30000, 11434, 3000];

    /// <summary>The default timeout of one probe request: 1 second.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(1);

    private static readonly HttpClient SharedHttpClient = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Probes <paramref name="ports"/> on 127.0.0.1 (in parallel) and returns the engines that answered, in port order.</summary>
    /// <param name="ports">The ports to probe; <see cref="DefaultPorts"/> when <see langword="null"/>.</param>
    /// <param name="timeout">The timeout of each probe request; <see cref="DefaultTimeout"/> when <see langword="null"/>.</param>
    /// <param name="httpClient">The HTTP client to use; a shared one when <see langword="null"/>.</param>
    /// <param name="cancellationToken">The token to cancel the discovery.</param>
    /// <returns>The engines found.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A port is outside 1–65535, or <paramref name="timeout"/> is not positive.</exception>
    public static async Task<IReadOnlyList<DiscoveredEngine>> DiscoverAsync(
        IEnumerable<int>? ports = null, TimeSpan? timeout = null, HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        int[] candidates = (ports ?? DefaultPorts).Distinct().ToArray();
        foreach (int port in candidates)
        {
            if (port is < 1 or > 65535)
            {
                throw new ArgumentOutOfRangeException(nameof(ports), port, "Ports must be between 1 and 65535.");
            }
        }

        TimeSpan perRequest = timeout ?? DefaultTimeout;
        if (perRequest <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), perRequest, "The timeout must be positive.");
        }

        HttpClient http = httpClient ?? SharedHttpClient;
        DiscoveredEngine?[] found = await Task.WhenAll(candidates.Select(p => IdentifyAsync(http, p, perRequest, cancellationToken))).ConfigureAwait(false);
        return found.OfType<DiscoveredEngine>().ToArray();
    }

    private static async Task<DiscoveredEngine?> IdentifyAsync(HttpClient http, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var root = new Uri($"http://127.0.0.1:{port}/");

        (bool reachable, int status, string body) = await GetAsync(http, new Uri(root, "/"), timeout, cancellationToken).ConfigureAwait(false);
        if (!reachable)
        {
            return null;
        }

        if (status == 200 && body.Contains("Ollama is running", StringComparison.Ordinal))
        {
            return new DiscoveredEngine(EngineKind.Ollama, root, await VersionAsync(http, new Uri(root, "/api/version"), "version", timeout, cancellationToken).ConfigureAwait(false));
        }

        (_, status, body) = await GetAsync(http, new Uri(root, "/props"), timeout, cancellationToken).ConfigureAwait(false);
        if (status == 200 && Json(body) is { } props
            && (props.TryGetProperty("default_generation_settings", out _) || props.TryGetProperty("total_slots", out _) || StringOf(props, "role") == "router"))
        {
            return new DiscoveredEngine(EngineKind.LlamaCpp, root, StringOf(props, "build_info"));
        }

        foreach (string serverInfo in (string[])["/server_info", "/get_server_info"])
        {
            (_, status, body) = await GetAsync(http, new Uri(root, serverInfo), timeout, cancellationToken).ConfigureAwait(false);
            if (status == 200 && Json(body) is { } info && info.TryGetProperty("version", out _))
            {
                return new DiscoveredEngine(EngineKind.Sglang, root, StringOf(info, "version"));
            }
        }

        (_, status, body) = await GetAsync(http, new Uri(root, "/info"), timeout, cancellationToken).ConfigureAwait(false);
        if (status == 200 && Json(body) is { } tgi && tgi.TryGetProperty("model_id", out _) && tgi.TryGetProperty("max_total_tokens", out _))
        {
            return new DiscoveredEngine(EngineKind.Tgi, root, StringOf(tgi, "version"));
        }

        string? owner = await ModelOwnerAsync(http, new Uri(root, "/v1/models"), timeout, cancellationToken).ConfigureAwait(false);
        string? version = await VersionAsync(http, new Uri(root, "/version"), "version", timeout, cancellationToken).ConfigureAwait(false);
        return owner switch
        {
            "tensorrt_llm" => new DiscoveredEngine(EngineKind.TensorRtLlm, root, version),
            "sglang" => new DiscoveredEngine(EngineKind.Sglang, root, version),
            _ when version is not null || owner == "vllm" => new DiscoveredEngine(EngineKind.Vllm, root, version),
            _ => null,
        };
    }

    /// <summary>The <c>owned_by</c> of the first model <c>/v1/models</c> lists: each engine writes its own name there.</summary>
    private static async Task<string?> ModelOwnerAsync(HttpClient http, Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (_, int status, string body) = await GetAsync(http, uri, timeout, cancellationToken).ConfigureAwait(false);
        if (status != 200 || Json(body) is not { } models || !models.TryGetProperty("data", out JsonElement data) || data.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (JsonElement model in data.EnumerateArray())
        {
            return model.ValueKind == JsonValueKind.Object ? StringOf(model, "owned_by") : null;
        }

        return null;
    }

    private static async Task<string?> VersionAsync(HttpClient http, Uri uri, string property, TimeSpan timeout, CancellationToken cancellationToken)
    {
        (_, int status, string body) = await GetAsync(http, uri, timeout, cancellationToken).ConfigureAwait(false);
        return status == 200 && Json(body) is { } json ? StringOf(json, property) : null;
    }

    private static async Task<(bool Reachable, int Status, string Body)> GetAsync(HttpClient http, Uri uri, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
            string body = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
            return (true, (int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, 0, string.Empty);
        }
        catch (HttpRequestException)
        {
            return (false, 0, string.Empty);
        }
    }

    private static JsonElement? Json(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString() : null;
}
