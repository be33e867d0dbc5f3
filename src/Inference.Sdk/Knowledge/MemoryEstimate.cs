using System.Globalization;
using System.Text;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// How much GPU memory a model needs on a set of GPUs, in decimal GB (10^9 bytes), and whether it fits.
/// </summary>
/// <param name="Model">The model sized.</param>
/// <param name="Quantization">The weight format.</param>
/// <param name="KvCacheDType">The KV-cache data type.</param>
/// <param name="ContextTokens">Tokens of context per sequence the KV cache holds.</param>
/// <param name="Batch">Sequences held at once.</param>
/// <param name="Gpu">The GPU.</param>
/// <param name="GpuCount">How many of them (tensor parallel).</param>
/// <param name="WeightsGB">Weights: billions of parameters × bits per weight / 8.</param>
/// <param name="KvCacheGB">KV cache (and recurrent state) of the batch at the context length, as <see cref="MemoryEstimator.KvCacheBytes"/>; <see langword="null"/> when the model's architecture numbers are not known.</param>
/// <param name="OverheadGB">Runtime allowance: CUDA context per GPU plus a share of the weights for activations, CUDA graphs and fragmentation.</param>
/// <param name="AvailableGB">Memory of all the GPUs together.</param>
public sealed record MemoryEstimate(
    ModelSpec Model,
    Quantization Quantization,
    KvCacheDType KvCacheDType,
    int ContextTokens,
    int Batch,
    GpuKind Gpu,
    int GpuCount,
    double WeightsGB,
    double? KvCacheGB,
    double OverheadGB,
    double AvailableGB)
{
    /// <summary>Gets the memory needed: weights + KV cache (0 when unknown) + overhead.</summary>
    public double TotalGB => WeightsGB + (KvCacheGB ?? 0) + OverheadGB;

    /// <summary>Gets the memory left over (negative when it does not fit).</summary>
    public double MarginGB => AvailableGB - TotalGB;

    /// <summary>Gets a value indicating whether <see cref="TotalGB"/> fits in <see cref="AvailableGB"/>.</summary>
    public bool Fits => MarginGB >= 0;

    /// <summary>
    /// Gets how many more tokens of KV cache (in <see cref="KvCacheDType"/>) fit in the margin: 0 when it does not fit,
    /// <see langword="null"/> when the KV cache cannot be sized or a token costs nothing at long context (every layer windowed).
    /// </summary>
    public long? SpareKvCacheTokens
        => MemoryEstimator.KvCacheGBPerToken(Model, KvCacheDType) is double perToken && perToken > 0
            ? (MarginGB > 0 ? (long)(MarginGB / perToken) : 0)
            : null;

    /// <summary>Gets a value indicating whether the KV cache was sized (the model's architecture numbers are known).</summary>
    public bool KvCacheSized => KvCacheGB is not null;

    /// <summary>Returns the estimate as one line with its numbers, e.g. "Llama-3.3-70B FP16 on 1 × H100 SXM5: weights 141.2 GB + KV cache 2.7 GB + overhead 8.1 GB = 152.0 GB of 80.0 GB: does not fit (short by 72.0 GB)".</summary>
    /// <returns>A human description.</returns>
    public override string ToString()
    {
        GpuSpec gpu = Gpus.Get(Gpu);
        var text = new StringBuilder();
        text.AppendFormat(CultureInfo.InvariantCulture, "{0} {1} on {2} × {3}: weights {4:0.0} GB + ",
            Model.DisplayName, Quantizations.Get(Quantization).DisplayName, GpuCount, gpu.DisplayName, WeightsGB);
        if (KvCacheGB is double kv)
        {
            text.AppendFormat(CultureInfo.InvariantCulture, "KV cache {0:0.0} GB ({1} tokens × {2}, {3}) + ", kv, ContextTokens, Batch, KvCacheDType);
        }
        else
        {
            text.Append("KV cache not sized (architecture numbers unknown) + ");
        }

        text.AppendFormat(CultureInfo.InvariantCulture, "overhead {0:0.0} GB = {1:0.0} GB of {2:0.0} GB: ", OverheadGB, TotalGB, AvailableGB);
        text.Append(Fits
            ? string.Format(CultureInfo.InvariantCulture, "fits with {0:0.0} GB to spare", MarginGB)
                + (SpareKvCacheTokens is long spare ? string.Format(CultureInfo.InvariantCulture, " (room for {0:N0} more tokens of KV cache)", spare) : string.Empty)
            : string.Format(CultureInfo.InvariantCulture, "does not fit (short by {0:0.0} GB)", -MarginGB));
        return text.ToString();
    }
}
