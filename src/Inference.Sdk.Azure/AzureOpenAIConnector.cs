using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Azure;

/// <summary>
/// Serves the <c>AzureOpenAI</c> targets of <c>AddInference</c>: the route from <c>Endpoint</c> and <c>ApiVersion</c>, the
/// deployment from <c>Model</c>, and the key from <c>ApiKey</c> or, without one, the Entra ID <see cref="TokenCredential"/>.
/// </summary>
/// <param name="credential">The credential for targets without a key, or <see langword="null"/> when none was given or registered.</param>
internal sealed class AzureOpenAIConnector(TokenCredential? credential) : IInferenceTargetConnector
{
    public bool Serves(InferenceTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Provider == ProviderKind.AzureOpenAI;
    }

    public IEnumerable<string> Validate(string path, InferenceTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var problems = new List<string>();
        if (Uri.TryCreate(target.Endpoint, UriKind.Absolute, out Uri? endpoint)
            && !AzureOpenAIRoute.TryResolve(endpoint, target.ApiVersion, out _, out string? error))
        {
            problems.Add($"{path}:{error}"); // the core checks that the endpoint is present and absolute
        }

        if (string.IsNullOrWhiteSpace(target.ApiKey) && credential is null)
        {
            string name = path[(path.LastIndexOf(':') + 1)..];
            problems.Add($"{path}:ApiKey is missing and no Entra ID credential is registered. Set the resource key from user secrets or the environment "
                + $"(Inference__Targets__{name}__ApiKey), or sign in with Entra ID: .AddAzureOpenAI(new DefaultAzureCredential()) (package Azure.Identity).");
        }

        return problems;
    }

    public IChatClient CreateChatClient(string name, InferenceTargetOptions target, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(target);
        var endpoint = new Uri(target.Endpoint!, UriKind.Absolute);
        var options = new AzureOpenAIChatClientOptions
        {
            ApiVersion = target.ApiVersion,
            HttpClient = httpClient,
            TargetName = name,
            RequestTimeout = target.RequestTimeout,
            ContextWindow = target.ContextLength,
        };
        return string.IsNullOrWhiteSpace(target.ApiKey)
            ? AzureOpenAIChatClients.Create(endpoint, target.Model!, CredentialOrThrow(name), options)
            : AzureOpenAIChatClients.Create(endpoint, target.Model!, new ApiKeyCredential(target.ApiKey), options);
    }

    public async ValueTask<HttpRequestMessage> CreateProbeRequestAsync(InferenceTargetOptions target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!AzureOpenAIRoute.TryResolve(new Uri(target.Endpoint!, UriKind.Absolute), target.ApiVersion, out AzureOpenAIRoute? route, out string? error))
        {
            throw new InvalidOperationException(error);
        }

        var request = new HttpRequestMessage(HttpMethod.Get, route!.ProbeUri);
        if (!string.IsNullOrWhiteSpace(target.ApiKey))
        {
            request.Headers.Add("api-key", target.ApiKey);
        }
        else
        {
            AccessToken token = await CredentialOrThrow(target.Model!)
                .GetTokenAsync(new TokenRequestContext([AzureOpenAIChatClients.DefaultTokenScope]), cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        }

        return request;
    }

    private TokenCredential CredentialOrThrow(string target) => credential
        ?? throw new InvalidOperationException($"The Azure OpenAI target '{target}' has no ApiKey and no Entra ID credential is registered; call .AddAzureOpenAI(credential).");
}
