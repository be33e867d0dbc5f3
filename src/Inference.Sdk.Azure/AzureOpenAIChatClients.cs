using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using System.Threading;
using Azure.AI.OpenAI;
using Azure.Core;
using Inference.Sdk.Engines;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace Inference.Sdk.Azure;

/// <summary>
/// Chat clients for Azure OpenAI deployments: a deployment route (<c>{resource}/openai/deployments/{deployment}/chat/completions?api-version=…</c>)
/// through <see cref="AzureOpenAIClient"/>, or the v1 route (<c>{resource}/openai/v1/chat/completions</c>) through the OpenAI SDK,
/// authenticated with the resource key (the <c>api-key</c> header) or an Entra ID <see cref="TokenCredential"/> (a bearer token).
/// The engine adapter of <c>Inference.Sdk</c> wraps either: typed errors, the per-call timeout, and
/// <see cref="ChatClientMetadata.ProviderName"/> <c>azure.ai.openai</c>.
/// </summary>
public static class AzureOpenAIChatClients
{
    /// <summary>The provider name in <see cref="ChatClientMetadata"/> and in OpenTelemetry's <c>gen_ai.provider.name</c>.</summary>
    public const string ProviderName = "azure.ai.openai";

    /// <summary>The Entra ID scope of Azure OpenAI (Cognitive Services) tokens.</summary>
    public const string DefaultTokenScope = "https://cognitiveservices.azure.com/.default";

    private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Creates a chat client for a deployment, authenticated with the resource key (sent in the <c>api-key</c> header).</summary>
    /// <param name="endpoint">The resource root (<c>https://{resource}.openai.azure.com/</c>) for a deployment route, or the v1 base (<c>…/openai/v1/</c>).</param>
    /// <param name="deployment">The deployment name.</param>
    /// <param name="key">The resource key.</param>
    /// <param name="options">The <c>api-version</c>, HTTP client, timeout and target name; defaults when <see langword="null"/>.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint or <c>api-version</c> names no route; the message says which and the fix.</exception>
    public static IChatClient Create(Uri endpoint, string deployment, ApiKeyCredential key, AzureOpenAIChatClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create(endpoint, deployment, key, null, options ?? new AzureOpenAIChatClientOptions());
    }

    /// <summary>Creates a chat client for a deployment, authenticated with Entra ID (a bearer token from <paramref name="credential"/>, e.g. <c>DefaultAzureCredential</c>).</summary>
    /// <param name="endpoint">The resource root (<c>https://{resource}.openai.azure.com/</c>) for a deployment route, or the v1 base (<c>…/openai/v1/</c>).</param>
    /// <param name="deployment">The deployment name.</param>
    /// <param name="credential">The credential; the identity needs the <c>Cognitive Services OpenAI User</c> role on the resource.</param>
    /// <param name="options">The <c>api-version</c>, HTTP client, timeout, token scope and target name; defaults when <see langword="null"/>.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint or <c>api-version</c> names no route; the message says which and the fix.</exception>
    public static IChatClient Create(Uri endpoint, string deployment, TokenCredential credential, AzureOpenAIChatClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Create(endpoint, deployment, null, credential, options ?? new AzureOpenAIChatClientOptions());
    }

    private static IChatClient Create(Uri endpoint, string deployment, ApiKeyCredential? key, TokenCredential? credential, AzureOpenAIChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The endpoint must be an absolute https address, e.g. https://my-resource.openai.azure.com/; got '{endpoint}'.", nameof(endpoint));
        }

        if (!AzureOpenAIRoute.TryResolve(endpoint, options.ApiVersion, out AzureOpenAIRoute? route, out string? error))
        {
            throw new ArgumentException(error, nameof(endpoint));
        }

        var transport = new HttpClientPipelineTransport(options.HttpClient ?? SharedHttpClient);
        var noRetries = new ClientRetryPolicy(maxRetries: 0); // the router retries and fails over, once for the whole request
        TimeSpan? networkTimeout = options.RequestTimeout == Timeout.InfiniteTimeSpan ? null : options.RequestTimeout;
        ChatClient chat;
        if (route!.IsV1)
        {
            var clientOptions = new OpenAIClientOptions { Endpoint = route.Endpoint, Transport = transport, RetryPolicy = noRetries, NetworkTimeout = networkTimeout };
            AuthenticationPolicy authentication = key is not null
                ? ApiKeyAuthenticationPolicy.CreateHeaderApiKeyPolicy(key, "api-key")
                : new BearerTokenPolicy(credential!, options.TokenScope);
            // The OpenAI SDK's constructor with an authentication policy is marked experimental (OPENAI001); it is how Microsoft's
            // v1 documentation signs in with Entra ID (BearerTokenPolicy), and it lets a key travel in the api-key header.
#pragma warning disable OPENAI001
            chat = new ChatClient(deployment, authentication, clientOptions);
#pragma warning restore OPENAI001
        }
        else
        {
            var clientOptions = new AzureOpenAIClientOptions(route.Version) { Transport = transport, RetryPolicy = noRetries, NetworkTimeout = networkTimeout, Audience = options.TokenScope };
            AzureOpenAIClient azure = key is not null ? new(route.Endpoint, key, clientOptions) : new(route.Endpoint, credential!, clientOptions);
            chat = azure.GetChatClient(deployment);
        }

        return EngineChatClient.Wrap(chat, EngineKind.OpenAICompatible, new ChatClientMetadata(ProviderName, route.Endpoint, deployment), new EngineClientOptions
        {
            TargetName = options.TargetName ?? ProviderName + "@" + route.Endpoint.Host,
            RequestTimeout = options.RequestTimeout,
            ContextWindow = options.ContextWindow,
        });
    }
}
