using System;
using System.Net.Http;

namespace Inference.Sdk.Azure;

/// <summary>Options of a chat client that <see cref="AzureOpenAIChatClients"/> creates.</summary>
public sealed class AzureOpenAIChatClientOptions
{
    /// <summary>
    /// Gets or sets the <c>api-version</c> of a deployment route, e.g. <c>2024-10-21</c> (the default) or <c>2025-04-01-preview</c>.
    /// Must be unset for the v1 route (an endpoint ending in <c>/openai/v1/</c>), which takes none.
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the HTTP client; a shared one when <see langword="null"/>. Its own timeout should be infinite: <see cref="RequestTimeout"/> applies.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets the target's name in exception messages; <c>azure.ai.openai@{host}</c> when <see langword="null"/>.</summary>
    public string? TargetName { get; set; }

    /// <summary>Gets or sets how long one call may wait for the answer (for a stream: for each update); 100 seconds by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets the context window of the deployment's model, in tokens, when known.</summary>
    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets the scope of the Entra ID token a <see cref="global::Azure.Core.TokenCredential"/> is asked for; <see cref="AzureOpenAIChatClients.DefaultTokenScope"/> by default.</summary>
    public string TokenScope { get; set; } = AzureOpenAIChatClients.DefaultTokenScope;
}
