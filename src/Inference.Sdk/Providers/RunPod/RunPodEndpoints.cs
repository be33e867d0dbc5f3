using System;
using System.Globalization;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>The addresses of RunPod's OpenAI-compatible routes.</summary>
public static class RunPodEndpoints
{
    /// <summary>The OpenAI base URL of a pod's HTTP port through RunPod's proxy, <c>https://{podId}-{port}.proxy.runpod.net/v1</c>.</summary>
    /// <remarks>The proxy goes through Cloudflare: an answer that takes more than 100 s becomes HTTP 524; stream long requests.</remarks>
    /// <param name="podId">The pod id.</param>
    /// <param name="port">The internal port, exposed as <c>{port}/http</c> (vLLM: 8000).</param>
    /// <returns>The base URL.</returns>
    public static Uri PodProxy(string podId, int port = 8000)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(podId);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        foreach (char c in podId)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                throw new ArgumentException("A pod id holds only letters and digits.", nameof(podId));
            }
        }

        return new Uri(string.Create(CultureInfo.InvariantCulture, $"https://{podId.ToLowerInvariant()}-{port}.proxy.runpod.net/v1"));
    }

    /// <summary>The OpenAI base URL of a serverless endpoint running worker-vllm, <c>https://api.runpod.ai/v2/{endpointId}/openai/v1</c>.</summary>
    /// <param name="endpointId">The endpoint id.</param>
    /// <param name="baseAddress">The serverless base address; <see cref="RunPodServerlessOptions.DefaultBaseAddress"/> when omitted.</param>
    /// <returns>The base URL.</returns>
    public static Uri ServerlessOpenAI(string endpointId, Uri? baseAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointId);
        Uri root = baseAddress ?? RunPodServerlessOptions.DefaultBaseAddress;
        root = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        return new Uri(root, Uri.EscapeDataString(endpointId) + "/openai/v1");
    }
}
