namespace Inference.Sdk.Knowledge;

/// <summary>
/// Sizes a model on GPUs: weights + KV cache + runtime overhead against the GPUs' memory, in decimal GB (10^9 bytes).
/// </summary>
/// <remarks>
/// <para>Weights = billions of parameters × <see cref="QuantizationSpec.BitsPerWeight"/> / 8.</para>
/// <para>KV cache = (elements per token per attention layer × bytes per element (2 for <see cref="KvCacheDType.Auto"/>,
/// 1 for <see cref="KvCacheDType.FP8"/>) × (full-context layers × context + sliding-window layers × min(context, window))
/// + recurrent state per sequence) × batch. Elements per token per layer: 2 × KV heads × head dim for grouped-query
/// attention, kv_lora_rank + qk_rope_head_dim for multi-head latent attention. A linear-attention or Mamba2 layer keeps
/// heads × key dim × value dim state elements per sequence, in 16-bit, whatever the KV-cache data type.</para>
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
        double? kvCache = KvCacheBytes(model, kvCacheDType, contextTokens, batch) / 1e9;
        double overhead = (OverheadPerGpuGB * gpuCount) + (OverheadFractionOfWeights * weights);

        return new MemoryEstimate(model, quantization, kvCacheDType, contextTokens, batch, gpu, gpuCount,
            weights, kvCache, overhead, spec.MemoryGB * gpuCount);
    }

    /// <summary>
    /// The KV cache one more token of context costs once the context is longer than every sliding window: the elements per
    /// token of an attention layer × bytes per element × the layers that see the whole context; <see langword="null"/> when
    /// the architecture numbers are unknown. Sliding-window and recurrent layers add nothing per token at long context.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="kvCacheDType">The KV-cache data type.</param>
    /// <returns>Bytes per token of context per sequence.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static long? KvCacheBytesPerToken(ModelSpec model, KvCacheDType kvCacheDType)
    {
        _ = Guard.NotNull(model, nameof(model));
        return model.CanSizeKvCache ? model.KvElementsPerLayer!.Value * BytesPerElement(kvCacheDType) * (model.KvCacheLayers!.Value - model.SlidingWindowLayers) : null;
    }

    /// <summary>
    /// The KV cache (and recurrent state) of <paramref name="batch"/> sequences of <paramref name="contextTokens"/> tokens:
    /// full-context layers hold every token, sliding-window layers at most their window, recurrent layers a fixed state.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="kvCacheDType">The KV-cache data type.</param>
    /// <param name="contextTokens">Tokens of context per sequence.</param>
    /// <param name="batch">Sequences held at once.</param>
    /// <returns>Bytes; <see langword="null"/> when the architecture numbers are unknown.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.ArgumentOutOfRangeException">A count is negative.</exception>
    public static double? KvCacheBytes(ModelSpec model, KvCacheDType kvCacheDType, int contextTokens, int batch)
    {
        _ = Guard.NotNull(model, nameof(model));
        _ = Guard.NotNegative(contextTokens, nameof(contextTokens));
        _ = Guard.NotNegative(batch, nameof(batch));
        if (!model.CanSizeKvCache)
        {
            return null;
        }

        int kvLayers = model.KvCacheLayers!.Value;
        double perLayerToken = (double)model.KvElementsPerLayer!.Value * BytesPerElement(kvCacheDType);
        double windowed = model.SlidingWindowLayers * (double)System.Math.Min(contextTokens, model.SlidingWindow ?? contextTokens);
        double attention = perLayerToken * (((kvLayers - model.SlidingWindowLayers) * (double)contextTokens) + windowed);
        double state = model.RecurrentLayers * (double)(model.RecurrentStateElementsPerLayer ?? 0) * RecurrentStateBytesPerElement;
        return (attention + state) * batch;
    }

    /// <summary>Bytes of one recurrent-state element: engines keep the state in the model's 16-bit type.</summary>
    public const int RecurrentStateBytesPerElement = 2;

    /// <summary>KV cache per token of context in GB (see <see cref="KvCacheBytesPerToken"/>); null when unknown.</summary>
    internal static double? KvCacheGBPerToken(ModelSpec model, KvCacheDType kvCacheDType)
        => KvCacheBytesPerToken(model, kvCacheDType) is long bytes ? bytes / 1e9 : null;

    private static int BytesPerElement(KvCacheDType kvCacheDType) => kvCacheDType == KvCacheDType.FP8 ? 1 : 2;
}
