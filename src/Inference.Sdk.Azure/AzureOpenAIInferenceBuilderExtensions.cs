using System;
using Azure.Core;
using Inference.Sdk.Azure;
using Inference.Sdk.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable IDE0130 // Namespace does not match folder structure: DI extensions live with IServiceCollection.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Serves the Azure OpenAI targets of <c>AddInference</c> through <c>Azure.AI.OpenAI</c>.</summary>
public static class AzureOpenAIInferenceBuilderExtensions
{
    /// <summary>
    /// Serves every target with <c>"Provider": "AzureOpenAI"</c> through <c>Azure.AI.OpenAI</c>: a deployment route
    /// (<c>Endpoint</c> = the resource root, <c>Model</c> = the deployment, <c>ApiVersion</c> = e.g. <c>2024-10-21</c>, the default)
    /// or the v1 route (<c>Endpoint</c> ending in <c>/openai/v1/</c>). A target with an <c>ApiKey</c> sends it in the
    /// <c>api-key</c> header; one without signs in with Entra ID through <paramref name="credential"/>, or the
    /// <see cref="TokenCredential"/> registered in the container when <paramref name="credential"/> is <see langword="null"/>.
    /// </summary>
    /// <param name="builder">What <c>AddInference</c> returned.</param>
    /// <param name="credential">The Entra ID credential, e.g. <c>new DefaultAzureCredential()</c> (package Azure.Identity); optional when every Azure target has a key.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static InferenceBuilder AddAzureOpenAI(this InferenceBuilder builder, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IInferenceTargetConnector, AzureOpenAIConnector>(
            services => new AzureOpenAIConnector(credential ?? services.GetService<TokenCredential>())));
        return builder;
    }
}
