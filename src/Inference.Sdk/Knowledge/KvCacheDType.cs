namespace Inference.Sdk.Knowledge;

/// <summary>The data type the engine stores its KV cache in.</summary>
public enum KvCacheDType
{
    /// <summary>The model's own precision (FP16/BF16): two bytes per element.</summary>
    Auto,

    /// <summary>8-bit floating point KV cache (vLLM <c>--kv-cache-dtype fp8</c>): one byte per element.</summary>
    FP8,
}
