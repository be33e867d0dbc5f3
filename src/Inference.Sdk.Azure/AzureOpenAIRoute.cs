using System;
using System.Collections.Generic;
using System.Linq;
using Azure.AI.OpenAI;

namespace Inference.Sdk.Azure;

/// <summary>
/// Which Azure OpenAI route an endpoint and <c>api-version</c> name: the v1 route (<c>{resource}/openai/v1/</c>, no
/// <c>api-version</c>) or a deployment route (<c>{resource}/openai/deployments/{deployment}/…?api-version=…</c>). A pure function.
/// </summary>
/// <param name="Endpoint">The address the client is built on: the resource root, or the v1 base ending in <c>/openai/v1/</c>.</param>
/// <param name="IsV1">Whether the route is the v1 route.</param>
/// <param name="Version">The <c>api-version</c> of a deployment route.</param>
internal sealed record AzureOpenAIRoute(Uri Endpoint, bool IsV1, AzureOpenAIClientOptions.ServiceVersion Version)
{
    /// <summary>The <c>api-version</c> used when none is configured: the newest generally available one that the pinned Azure.AI.OpenAI knows.</summary>
    public const string DefaultApiVersion = "2024-10-21";

    /// <summary>Gets the <c>api-version</c> values the pinned Azure.AI.OpenAI can send, e.g. <c>2024-10-21</c>, <c>2025-04-01-preview</c>.</summary>
    public static IReadOnlyList<string> KnownApiVersions { get; } =
        Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>().Select(ToText).ToArray();

    /// <summary>Gets the <c>api-version</c> as the wire spells it.</summary>
    public string ApiVersion => ToText(Version);

    /// <summary>Resolves the route, or explains in <paramref name="error"/> which setting is wrong and how to fix it.</summary>
    public static bool TryResolve(Uri endpoint, string? apiVersion, out AzureOpenAIRoute? route, out string? error)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        route = null;
        string path = endpoint.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            if (!string.IsNullOrWhiteSpace(apiVersion))
            {
                error = $"ApiVersion is '{apiVersion}', but the endpoint is the v1 route (/openai/v1/), which takes no api-version. Remove ApiVersion, or set the endpoint to the resource root (https://{{resource}}.openai.azure.com/) for a deployment route.";
                return false;
            }

            route = new AzureOpenAIRoute(new UriBuilder(endpoint) { Path = path + "/" }.Uri, IsV1: true, default);
            error = null;
            return true;
        }

        if (path.Length > 0)
        {
            error = $"Endpoint is '{endpoint.GetLeftPart(UriPartial.Path)}'; give the resource root (https://{{resource}}.openai.azure.com/) for a deployment route, or end it in /openai/v1/ for the v1 route. The deployment is the target's Model.";
            return false;
        }

        string text = string.IsNullOrWhiteSpace(apiVersion) ? DefaultApiVersion : apiVersion.Trim();
        if (!TryParse(text, out AzureOpenAIClientOptions.ServiceVersion version))
        {
            error = $"ApiVersion is '{apiVersion}', which the pinned Azure.AI.OpenAI cannot send. Use one of: {string.Join(", ", KnownApiVersions)}; or the v1 route (an endpoint ending in /openai/v1/), which needs none.";
            return false;
        }

        route = new AzureOpenAIRoute(endpoint, IsV1: false, version);
        error = null;
        return true;
    }

    /// <summary>The address that probes the route's health: the models list.</summary>
    public Uri ProbeUri => IsV1
        ? new Uri(Endpoint, "models")
        : new Uri(Endpoint, "openai/models?api-version=" + ApiVersion);

    private static bool TryParse(string text, out AzureOpenAIClientOptions.ServiceVersion version)
    {
        foreach (AzureOpenAIClientOptions.ServiceVersion candidate in Enum.GetValues<AzureOpenAIClientOptions.ServiceVersion>())
        {
            if (string.Equals(ToText(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                version = candidate;
                return true;
            }
        }

        version = default;
        return false;
    }

    // V2025_04_01_Preview -> 2025-04-01-preview
    private static string ToText(AzureOpenAIClientOptions.ServiceVersion version) =>
        version.ToString()[1..].Replace('_', '-').ToLowerInvariant();
}
