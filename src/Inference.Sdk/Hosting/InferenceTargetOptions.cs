using System;
using System.Collections.Generic;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Hosting;

/// <summary>One place a request can run: an engine, a rented GPU or a hosted API. Bound from <c>Inference:Targets:{name}</c>.</summary>
/// <remarks>The analyzers read constant values assigned to these properties at compile time; keep names stable.</remarks>
public sealed class InferenceTargetOptions
{
    /// <summary>Gets or sets who runs the hardware or serves the API.</summary>
    public ProviderKind Provider { get; set; } = ProviderKind.Local;

    /// <summary>Gets or sets the engine that serves the model, when the target is an engine we address directly.</summary>
    public EngineKind? Engine { get; set; }

    /// <summary>Gets or sets the base URL of the OpenAI-compatible API (for example <c>http://127.0.0.1:8080/v1</c>).</summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// Gets or sets the base URLs of several replicas serving the same model: the target becomes a pool, one target to the router,
    /// whose requests a scorer spreads over the replicas by prefix-cache affinity and load (docs/routing.md, "Replica pools").
    /// Each has its own health, load, circuit, back-off and requests in flight. <see cref="Endpoint"/> may be left unset; when set,
    /// it is the pool's first replica.
    /// </summary>
    public IList<string> Endpoints { get; set; } = new List<string>();

    /// <summary>
    /// Gets or sets the name of a service whose endpoints are the pool's replicas, resolved through Microsoft.Extensions.ServiceDiscovery
    /// as Aspire names services: <c>https+http://vllm</c> (https when the service offers it, else http) or <c>_http.vllm</c> (the
    /// <c>http</c> endpoint of <c>vllm</c>). The configuration provider reads <c>Services:vllm:http:0</c>, <c>…:1</c>, …; a DNS SRV
    /// provider the application adds reads a Kubernetes headless service. Resolved again every <see cref="InferenceOptions.ProbeInterval"/>
    /// or when the provider signals a change: a replica that disappears drains, a new one joins with no prefix history. Set it
    /// instead of <see cref="Endpoint"/> and <see cref="Endpoints"/>.
    /// </summary>
    public string? Service { get; set; }

    /// <summary>Gets or sets the model id the target serves (a Hugging Face id, or the API's model name; for Azure OpenAI, the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Gets or sets the <c>api-version</c> of an Azure OpenAI deployment route (<c>{Endpoint}/openai/deployments/{Model}/chat/completions?api-version=…</c>),
    /// e.g. <c>2024-10-21</c>; needs the <c>Inference.Sdk.Azure</c> package. Leave it unset for the v1 route (an <see cref="Endpoint"/> ending in <c>/openai/v1/</c>).
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>Gets or sets the API key. Read it from configuration, user secrets or the environment; never write it in code.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the routing tier of the target.</summary>
    public TargetTier Tier { get; set; } = TargetTier.Edge;

    /// <summary>Gets or sets the GPU the target runs on, when known.</summary>
    public GpuKind? Gpu { get; set; }

    /// <summary>Gets or sets how many GPUs serve one replica (tensor parallel size).</summary>
    public int GpuCount { get; set; } = 1;

    /// <summary>Gets or sets the weight format the model is served in.</summary>
    public Quantization? Quantization { get; set; }

    /// <summary>Gets or sets the KV-cache data type.</summary>
    public KvCacheDType KvCacheDType { get; set; } = KvCacheDType.Auto;

    /// <summary>Gets or sets the context length the engine is started with (tokens); defaults to the model's context window.</summary>
    public int? ContextLength { get; set; }

    /// <summary>Gets or sets the largest output, in tokens, requests to this target may ask for.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Gets or sets how the capacity is bought (on demand, spot, owned, per token).</summary>
    public CapacityType Capacity { get; set; } = CapacityType.OnDemand;

    /// <summary>Gets or sets a value indicating whether the target serves latency-critical traffic.</summary>
    public bool LatencyCritical { get; set; }

    /// <summary>Gets or sets the name of the target tried right after this one when it fails (<see cref="Routing.RouteTarget.Fallback"/>).</summary>
    public string? Fallback { get; set; }

    /// <summary>Gets or sets the compliance and region tags of the target (for example <c>hipaa</c>, <c>region:eu</c>).</summary>
    public IList<string> Tags { get; set; } = new List<string>();

    /// <summary>
    /// Gets or sets what the target's model and engine can do (tools, structured output, vision, reasoning); a request that needs
    /// one goes only to targets that have it. When unset, the model catalog says (or the configuration's description of the
    /// model), and for a model neither knows every capability is assumed until the engine refuses one. What the engine itself
    /// reports (llama.cpp <c>/props</c>, Ollama <c>/api/show</c>) wins over both.
    /// </summary>
    public ModelCapabilities? Capabilities { get; set; }

    /// <summary>Gets or sets the price in USD per million input tokens (hosted APIs).</summary>
    public decimal? InputUsdPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price in USD per million output tokens (hosted APIs).</summary>
    public decimal? OutputUsdPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price in USD per million cached input tokens (hosted APIs).</summary>
    public decimal? CachedInputUsdPerMillionTokens { get; set; }

    /// <summary>Gets or sets the price in USD per GPU-hour (pods and owned hardware); multiplied by <see cref="GpuCount"/>.</summary>
    public decimal? UsdPerGpuHour { get; set; }

    /// <summary>Gets or sets the price in USD per worker-second (serverless).</summary>
    public decimal? UsdPerServerlessSecond { get; set; }

    /// <summary>Gets or sets the most requests the target may have in flight; beyond it the router overflows.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>
    /// Gets or sets the most requests per minute the target accepts (the provider's quota): at it the target is skipped before
    /// sending instead of answering 429. With a Redis ledger the limit holds across the fleet.
    /// </summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>
    /// Gets or sets the most tokens per minute the target accepts: each request counts its prompt plus expected output before it is
    /// sent, corrected by the usage the response reports. A target that cannot admit a request's tokens is skipped before sending.
    /// With a Redis ledger the limit holds across the fleet.
    /// </summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>Gets or sets the time-to-first-token goal; a target measured slower is not chosen for latency-critical requests.</summary>
    public TimeSpan? TimeToFirstTokenGoal { get; set; }

    /// <summary>Gets or sets how long one attempt may wait for the target's answer (for a stream: for each update); 100 seconds by default.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets how many times a transient HTTP failure (connection refused, 429, 5xx before any output) is retried; 2 by default.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets a value indicating whether the model was evaluated on the team's own task at this quantization (silences the 4-bit rule INF1003).</summary>
    public bool EvaluatedForQuality { get; set; }

    /// <summary>Gets or sets the prompt length, in tokens, of a typical request; checked with <see cref="MaxOutputTokens"/> against the context window.</summary>
    public int? ExpectedPromptTokens { get; set; }

    /// <summary>
    /// Gets or sets the provider's id of what serves the target, so the provider monitor can read its status and live price:
    /// the RunPod serverless endpoint id (when <see cref="Tier"/> is <see cref="TargetTier.Serverless"/>) or pod id, the Lambda
    /// instance id, the CoreWeave Dedicated Inference gateway id, or the Spheron deployment id.
    /// </summary>
    public string? ProviderResourceId { get; set; }

    /// <summary>Gets or sets the key of the provider's control-plane API (RunPod, Lambda Cloud, CoreWeave, Spheron); <see cref="ApiKey"/> when unset. A secret: read it from configuration.</summary>
    public string? ProviderApiKey { get; set; }

    /// <summary>Gets or sets the base address of the provider's control-plane API; the provider's public address when unset (set it for a proxy or a test server).</summary>
    public string? ProviderBaseAddress { get; set; }

    /// <summary>
    /// Gets or sets the target's sustained throughput at full load, in tokens per second; with a price per hour (live, configured,
    /// or the Knowledge offer) it gives the router a per-request expected cost. Defaults to the Knowledge figure for the model and GPU, when there is one.
    /// </summary>
    public double? TokensPerSecond { get; set; }

    /// <summary>Gets or sets a value indicating whether a non-loopback endpoint may use plain HTTP.</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Gets or sets how many prompt-prefix hashes a pool remembers per replica (one per leading block: the tools and system prompt,
    /// then each turn); the least recently sent is forgotten first. 16,384 by default, about 0.5 MB per replica.
    /// </summary>
    public int PrefixCacheBlocks { get; set; } = 16_384;

    /// <summary>
    /// Gets or sets how many more requests in flight than the least busy usable replica a pool replica may have and keep its prefix
    /// or conversation affinity; beyond it the request goes by load and the decision says <c>Imbalance</c>. 2 by default: a larger
    /// value keeps more cache hits under bursts at the cost of queueing behind a busy replica; 0 sends every request to the least busy
    /// replica that holds its prefix, or else by load.
    /// </summary>
    public int AffinityInFlightSlack { get; set; } = 2;
}
