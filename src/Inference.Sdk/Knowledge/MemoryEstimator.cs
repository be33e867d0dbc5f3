namespace Inference.Sdk.Knowledge;

/// <summary>
/// Sizes a model on GPUs: weights + KV cache + runtime overhead against the GPUs' memory, in decimal GB (10^9 bytes).
/// </summary>
/// <remarks>
/// <para>Weights = billions of parameters × <see cref="QuantizationSpec.BitsPerWeight"/> / 8.</para>
/// <para>KV cache = 2 (K and V) × layers × KV heads × head dim × bytes per element (2 for <see cref="KvCacheDType.Auto"/>,
/// 1 for <see cref="KvCacheDType.FP8"/>) × context tokens × batch.</para>
/// <para>Overhead = <see cref="OverheadPerGpuGB"/> per GPU (CUDA context, NCCL buffers, the engine process) +
/// <see cref="OverheadFractionOfWeights"/> of the weights (activations, CUDA graphs, allocator fragmentation). vLLM's default
/// <c>--gpu-memory-utilization 0.9</c> holds back a similar 10% of the card.</para>
/// </remarks>
public static class MemoryEstimator
{
    /// <summary>The fixed runtime allowance per GPU, in GB.</summary>
    public const double OverheadPerGpuGB = 1.0;

    /// <summary>The runtime allowance proportional to the weights (activations, CUDA graphs, fragmentation).</summary>
    public const double OverheadFractionOfWeights = 0.05;

    /// <summary>Sizes a model on <paramref name="gpuCount"/> GPUs of a kind.</summary>
    /// <param name="model">The model.</param>
    /// <param name="quantization">The weight format.</param>
    /// <param name="kvCacheDType">The KV-cache data type.</param>
    /// <param name="contextTokens">Tokens of context per sequence the KV cache must hold (0 sizes the weights alone).</param>
    /// <param name="batch">Sequences held at once (at least 1).</param>
    /// <param name="gpu">The GPU.</param>
    /// <param name="gpuCount">How many GPUs share the model (at least 1).</param>
    /// <returns>The estimate, with its margin.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is out of range or an enum value is unknown.</exception>
    public static MemoryEstimate Estimate(
        ModelSpec model,
        Quantization quantization,
        KvCacheDType kvCacheDType,
        int contextTokens,
        int batch,
        GpuKind gpu,
        int gpuCount)
    {
        _ = Guard.NotNull(model, nameof(model));
        QuantizationSpec format = Quantizations.Get(Guard.Defined(quantization, nameof(quantization)));
        _ = Guard.Defined(kvCacheDType, nameof(kvCacheDType));
        _ = Guard.NotNegative(contextTokens, nameof(contextTokens));
        _ = Guard.Positive(batch, nameof(batch));
        GpuSpec spec = Gpus.Get(Guard.Defined(gpu, nameof(gpu)));
        _ = Guard.Positive(gpuCount, nameof(gpuCount));

        double weights = model.TotalParametersBillions * format.BytesPerWeight;
        double? kvCache = KvCacheGBPerToken(model, kvCacheDType) * contextTokens * batch;
        double overhead = (OverheadPerGpuGB * gpuCount) + (OverheadFractionOfWeights * weights);

        return new MemoryEstimate(model, quantization, kvCacheDType, contextTokens, batch, gpu, gpuCount,
            weights, kvCache, overhead, spec.MemoryGB * gpuCount);
    }

    /// <summary>KV cache per token of context: 2 × layers × KV heads × head dim × bytes per element, in GB; null when unknown.</summary>
    internal static double? KvCacheGBPerToken(ModelSpec model, KvCacheDType kvCacheDType)
        => model.CanSizeKvCache
            ? 2.0 * model.Layers!.Value * model.KvHeads!.Value * model.HeadDim!.Value * (kvCacheDType == KvCacheDType.FP8 ? 1 : 2) / 1e9
            : null;
}
