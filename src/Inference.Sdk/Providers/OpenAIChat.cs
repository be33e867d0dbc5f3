using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Inference.Sdk.Providers;

/// <summary>Builds an <see cref="IChatClient"/> on the OpenAI SDK for an OpenAI-compatible base URL (the SDK owns the wire protocol).</summary>
internal static class OpenAIChat
{
    /// <summary>The key sent to servers that take none (a CKS vLLM without <c>--api-key</c>); the SDK requires one.</summary>
    public const string NoKey = "unused";

    public static IChatClient Create(Uri endpoint, string? apiKey, string model, HttpClient? httpClient = null, string? project = null, TimeSpan? networkTimeout = null)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint,
            // Retries and failover belong to the resilience pipeline and the router, not to the SDK.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (networkTimeout is TimeSpan timeout)
        {
            options.NetworkTimeout = timeout;
        }

        if (httpClient is not null)
        {
            options.Transport = new HttpClientPipelineTransport(httpClient);
        }

        if (!string.IsNullOrEmpty(project))
        {
            options.ProjectId = project;
        }

        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? NoKey : apiKey), options)
            .GetChatClient(model)
            .AsIChatClient();
    }
}
