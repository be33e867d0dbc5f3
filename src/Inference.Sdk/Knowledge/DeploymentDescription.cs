namespace Inference.Sdk.Knowledge;

/// <summary>
/// What a deployment is, as far as the rules need to know: evaluated by <see cref="DeploymentRules.Evaluate(DeploymentDescription)"/>.
/// Unset (<see langword="null"/>) parts are not checked.
/// </summary>
public sealed record DeploymentDescription
{
    /// <summary>Gets where the target runs.</summary>
    public ProviderKind Provider { get; init; }

    /// <summary>Gets the serving engine, when known.</summary>
    public EngineKind? Engine { get; init; }

    /// <summary>Gets the GPU, when known.</summary>
    public GpuKind? Gpu { get; init; }

    /// <summary>Gets how many GPUs serve one replica (tensor parallel); 1 by default.</summary>
    public int GpuCount { get; init; } = 1;

    /// <summary>Gets the model's Hugging Face id (see <see cref="ModelIds"/>), when known.</summary>
    public string? ModelId { get; init; }

    /// <summary>
    /// Gets the model's own description when it is not in the catalog (a model the user describes under
    /// <c>Inference:Models:{id}</c>, or one an engine describes); when set it wins over the catalog entry for <see cref="ModelId"/>.
    /// </summary>
    public ModelSpec? Model { get; init; }

    /// <summary>Gets the weight format; when unset, sizing assumes the model's published format (<see cref="ModelSpec.NativeQuantization"/>).</summary>
    public Quantization? Quantization { get; init; }

    /// <summary>Gets the KV-cache data type.</summary>
    public KvCacheDType KvCacheDType { get; init; }

    /// <summary>Gets the context length the engine is started with (vLLM <c>--max-model-len</c>); when unset, the model's full window.</summary>
    public int? ContextLength { get; init; }

    /// <summary>Gets the most tokens a request may generate.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Gets the prompt length expected on a typical request, in tokens.</summary>
    public int? ExpectedPromptTokens { get; init; }

    /// <summary>Gets how the capacity is bought.</summary>
    public CapacityType Capacity { get; init; }

    /// <summary>Gets a value indicating whether requests to this target are latency-critical (real-time chat, voice).</summary>
    public bool LatencyCritical { get; init; }

    /// <summary>Gets a value indicating whether another target takes over when this one fails.</summary>
    public bool HasFallback { get; init; }

    /// <summary>Gets whether the deployment serves production traffic.</summary>
    public DeploymentProfile Profile { get; init; }

    /// <summary>Gets a value indicating whether the team evaluated the quantized model on its own task.</summary>
    public bool EvaluatedForQuality { get; init; }
}
