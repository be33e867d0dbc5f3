using System;
using System.Globalization;
using System.Net.Http;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Providers.CoreWeave;
using Inference.Sdk.Providers.Lambda;
using Inference.Sdk.Providers.RunPod;
using Inference.Sdk.Providers.Spheron;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Providers;

/// <summary>
/// Chat clients for the providers' OpenAI-compatible routes: each resolves the endpoint and auth of the provider and
/// builds the client through <see cref="Engines.EngineChatClient.Create"/> (the OpenAI SDK on the wire, the engine's
/// quirks and typed errors on top); <see cref="ChatClientMetadata.ProviderName"/> names the provider.
/// </summary>
public static class ProviderChatClients
{
    /// <summary>The base URL of CoreWeave Serverless Inference (formerly W&amp;B Inference).</summary>
    public static readonly Uri CoreWeaveServerlessBaseAddress = new("https://api.inference.wandb.ai/v1");

    /// <summary>A RunPod serverless endpoint running worker-vllm, through its OpenAI route <c>/v2/{endpointId}/openai/v1</c>.</summary>
    /// <param name="endpointId">The endpoint id.</param>
    /// <param name="apiKey">The RunPod API key.</param>
    /// <param name="model">The deployed model (its Hugging Face id or <c>OPENAI_SERVED_MODEL_NAME_OVERRIDE</c>).</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <param name="baseAddress">The serverless base address; <see cref="RunPodServerlessOptions.DefaultBaseAddress"/> when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient RunPodServerless(string endpointId, string apiKey, string model, HttpClient? httpClient = null, Uri? baseAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        Uri endpoint = RunPodEndpoints.ServerlessOpenAI(endpointId, baseAddress);
        // A cold worker can take minutes to boot before the first token.
        return Named("runpod", endpoint, model, OpenAIChat.Create(EngineKind.Vllm, endpoint, model, apiKey, "runpod:" + endpointId, httpClient, timeout: TimeSpan.FromMinutes(5)));
    }

    /// <summary>An engine on a RunPod pod, through the proxy <c>https://{podId}-{port}.proxy.runpod.net/v1</c> (Cloudflare ends answers slower than 100 s with HTTP 524).</summary>
    /// <param name="podId">The pod id.</param>
    /// <param name="model">The model the engine serves.</param>
    /// <param name="engine">The engine on the pod.</param>
    /// <param name="port">The port exposed as <c>{port}/http</c>.</param>
    /// <param name="apiKey">The engine's own key (e.g. vLLM <c>--api-key</c>): the proxy is public.</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient RunPodPod(string podId, string model, EngineKind engine = EngineKind.Vllm, int port = 8000, string? apiKey = null, HttpClient? httpClient = null)
    {
        Uri endpoint = RunPodEndpoints.PodProxy(podId, port);
        return Named("runpod", endpoint, model, OpenAIChat.Create(engine, endpoint, model, apiKey, "runpod-pod:" + podId, httpClient, timeout: TimeSpan.FromSeconds(100)));
    }

    /// <summary>CoreWeave Serverless Inference (<c>https://api.inference.wandb.ai/v1</c>), optionally billed to a W&amp;B project (<c>OpenAI-Project</c>).</summary>
    /// <param name="apiKey">The W&amp;B / CoreWeave Forge API key.</param>
    /// <param name="model">The model id, e.g. <c>meta-llama/Llama-3.1-8B-Instruct</c>.</param>
    /// <param name="project">The <c>team/project</c> usage is attributed to; the default entity's <c>inference</c> project when omitted.</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <param name="baseAddress">The base URL; <see cref="CoreWeaveServerlessBaseAddress"/> when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient CoreWeaveServerless(string apiKey, string model, string? project = null, HttpClient? httpClient = null, Uri? baseAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        Uri endpoint = baseAddress ?? CoreWeaveServerlessBaseAddress;
        return Named("coreweave", endpoint, model, OpenAIChat.Create(EngineKind.OpenAICompatible, endpoint, model, apiKey, "coreweave-serverless", httpClient, project));
    }

    /// <summary>A CoreWeave Dedicated Inference gateway, at its first endpoint (requests are routed by <c>model</c>).</summary>
    /// <param name="gateway">The gateway, from <see cref="CoreWeaveInferenceClient.GetGatewayAsync"/>; it must be ready.</param>
    /// <param name="apiToken">The token the gateway's auth accepts (CoreWeave or W&amp;B).</param>
    /// <param name="model">The model.</param>
    /// <param name="engine">The runtime behind the gateway (vLLM or SGLang).</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    /// <exception cref="ArgumentException">The gateway is not ready or has no endpoint.</exception>
    public static IChatClient CoreWeaveGateway(CoreWeaveGateway gateway, string apiToken, string model, EngineKind engine = EngineKind.Vllm, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (!gateway.IsReady || gateway.Endpoints.Count == 0)
        {
            throw new ArgumentException($"Gateway '{gateway.Id}' is not ready (status {gateway.Status ?? "unknown"}, {gateway.Endpoints.Count} endpoints).", nameof(gateway));
        }

        Uri endpoint = gateway.Endpoints[0];
        return Named("coreweave", endpoint, model, OpenAIChat.Create(engine, endpoint, model, apiToken, "coreweave:" + gateway.Id, httpClient));
    }

    /// <summary>vLLM on CoreWeave Kubernetes (CKS) behind its ingress, e.g. <c>https://{release}.{orgId}-{cluster}.coreweave.app</c>.</summary>
    /// <param name="ingress">The ingress address (<c>/v1</c> is appended).</param>
    /// <param name="model">The model.</param>
    /// <param name="apiKey">vLLM's <c>--api-key</c>, when set (the reference chart sets none).</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient CoreWeaveCks(Uri ingress, string model, string? apiKey = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(ingress);
        return Named("coreweave", ingress, model, OpenAIChat.Create(EngineKind.Vllm, ingress, model, apiKey, "coreweave-cks@" + ingress.Authority, httpClient));
    }

    /// <summary>The engine on a Lambda Cloud instance, at its public IP (open the port with a firewall ruleset, or tunnel).</summary>
    /// <param name="instance">The instance; it must be active with an IP.</param>
    /// <param name="engine">The engine on the instance.</param>
    /// <param name="model">The model.</param>
    /// <param name="port">The engine's port.</param>
    /// <param name="apiKey">The engine's own key.</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient LambdaInstance(LambdaInstance instance, EngineKind engine, string model, int port = 8000, string? apiKey = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.Status != LambdaInstanceStatus.Active || string.IsNullOrEmpty(instance.Ip))
        {
            throw new ArgumentException($"Lambda instance '{instance.Id}' is not active with an IP (status {instance.Status}).", nameof(instance));
        }

        return Machine("lambda", "lambda:" + instance.Id, instance.Ip, engine, model, port, apiKey, httpClient);
    }

    /// <summary>The engine on a Spheron deployment, at its public IP.</summary>
    /// <param name="deployment">The deployment; it must be running with an IP.</param>
    /// <param name="engine">The engine on the machine.</param>
    /// <param name="model">The model.</param>
    /// <param name="port">The engine's port.</param>
    /// <param name="apiKey">The engine's own key.</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient SpheronDeployment(SpheronDeployment deployment, EngineKind engine, string model, int port = 8000, string? apiKey = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (!deployment.IsRunning || string.IsNullOrEmpty(deployment.Ip))
        {
            throw new ArgumentException($"Spheron deployment '{deployment.Id}' is not running with an IP (status {deployment.Status ?? "unknown"}).", nameof(deployment));
        }

        return Machine("spheron", "spheron:" + deployment.Id, deployment.Ip, engine, model, port, apiKey, httpClient);
    }

    /// <summary>
    /// Azure OpenAI through its OpenAI-compatible v1 API (<c>https://{resource}.openai.azure.com/openai/v1/</c>) and the
    /// OpenAI SDK: <c>Azure.AI.OpenAI</c> is not binary-compatible with OpenAI 2.14 (see <c>docs/providers.md</c>).
    /// </summary>
    /// <param name="resourceEndpoint">The resource address, e.g. <c>https://my-resource.openai.azure.com/</c> (<c>/openai/v1/</c> is appended unless present).</param>
    /// <param name="apiKey">The resource key.</param>
    /// <param name="deployment">The deployment name (sent as <c>model</c>).</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient AzureOpenAI(Uri resourceEndpoint, string apiKey, string deployment, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(resourceEndpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (!resourceEndpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The resource endpoint must be an absolute address.", nameof(resourceEndpoint));
        }

        string path = resourceEndpoint.AbsolutePath.TrimEnd('/');
        Uri endpoint = path.EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase)
            ? resourceEndpoint
            : new UriBuilder(resourceEndpoint) { Path = path + "/openai/v1/" }.Uri;
        return Named("azure.ai.openai", endpoint, deployment, OpenAIChat.Create(EngineKind.OpenAICompatible, endpoint, deployment, apiKey, "azure-openai@" + endpoint.Host, httpClient));
    }

    /// <summary>Any OpenAI-compatible API by base URL and key (the overflow tier).</summary>
    /// <param name="baseAddress">The API's base URL, used as is (e.g. <c>https://api.example.com/v1</c>).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="model">The model.</param>
    /// <param name="targetName">The target's name in errors; the host when omitted.</param>
    /// <param name="httpClient">The HTTP client; a shared one when omitted.</param>
    /// <returns>The chat client.</returns>
    public static IChatClient OpenAICompatible(Uri baseAddress, string? apiKey, string model, string? targetName = null, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        return OpenAIChat.Create(EngineKind.OpenAICompatible, baseAddress, model, apiKey, targetName ?? "openai-compatible@" + baseAddress.Authority, httpClient);
    }

    private static IChatClient Machine(string provider, string targetName, string ip, EngineKind engine, string model, int port, string? apiKey, HttpClient? httpClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        string host = ip.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip;
        Uri endpoint = new(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{port}"));
        return Named(provider, endpoint, model, OpenAIChat.Create(engine, endpoint, model, apiKey, targetName, httpClient));
    }

    private static ProviderMetadataChatClient Named(string provider, Uri endpoint, string model, IChatClient inner) =>
        new(inner, new ChatClientMetadata(provider, endpoint, model));
}
