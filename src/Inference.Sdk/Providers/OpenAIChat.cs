using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Providers;

/// <summary>
/// Builds the chat client of a provider's OpenAI-compatible route through the engines' factory
/// (<see cref="EngineChatClient.Create"/>: the OpenAI SDK on the wire, the engine's quirks and error mapping on top).
/// </summary>
internal static class OpenAIChat
{
    private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static IChatClient Create(
        EngineKind engine, Uri endpoint, string model, string? apiKey, string targetName,
        HttpClient? httpClient = null, string? project = null, TimeSpan? timeout = null)
    {
        if (!string.IsNullOrEmpty(project))
        {
            // The OpenAI SDK's project header; CoreWeave Serverless Inference attributes usage to it.
            httpClient = new HttpClient(new HeaderHandler("OpenAI-Project", project, httpClient ?? SharedHttpClient)) { Timeout = Timeout.InfiniteTimeSpan };
        }

        return EngineChatClient.Create(engine, endpoint, model, new EngineClientOptions
        {
            ApiKey = apiKey,
            HttpClient = httpClient,
            TargetName = targetName,
            RequestTimeout = timeout ?? EngineClientOptions.DefaultRequestTimeout,
        });
    }

    /// <summary>Adds one header to every request and sends a copy of it through another client (a message is sent once per client).</summary>
    private sealed class HeaderHandler(string name, string value, HttpClient inner) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri)
            {
                Content = request.Content,
                Version = request.Version,
                VersionPolicy = request.VersionPolicy,
            };
            foreach (KeyValuePair<string, IEnumerable<string>> header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            _ = copy.Headers.Remove(name);
            copy.Headers.TryAddWithoutValidation(name, value);
            return inner.SendAsync(copy, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
    }
}
