using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>Where an engine's OpenAI route and its server root are, given the endpoint a user configured.</summary>
internal static class EngineEndpoints
{
    /// <summary>The OpenAI base address: the endpoint itself when it ends in <c>/v1</c> (or for a hosted OpenAI-compatible API), else <c>{endpoint}/v1</c>.</summary>
    public static Uri OpenAIBase(EngineKind engine, Uri endpoint)
    {
        string path = endpoint.AbsolutePath.TrimEnd('/');
        if (engine == EngineKind.OpenAICompatible || path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint) { Path = path + "/v1" };
        return builder.Uri;
    }

    /// <summary>The server root (where <c>/health</c> and <c>/metrics</c> live): the endpoint without a trailing <c>/v1</c>, ending in <c>/</c>.</summary>
    public static Uri ServerRoot(Uri endpoint)
    {
        string path = endpoint.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^3];
        }

        var builder = new UriBuilder(endpoint) { Path = path + "/", Query = string.Empty, Fragment = string.Empty };
        return builder.Uri;
    }

    /// <summary>Resolves a path such as <c>/metrics</c> against the server root, keeping any path prefix of the root.</summary>
    public static Uri Resolve(Uri serverRoot, string path) => new(serverRoot, path.TrimStart('/'));
}
