namespace Inference.Sdk.Knowledge;

/// <summary>A weight format (precision or quantization scheme) a model is served in.</summary>
public enum Quantization
{
    /// <summary>16-bit floating point weights.</summary>
    FP16,

    /// <summary>bfloat16 weights.</summary>
    BF16,

    /// <summary>8-bit floating point weights (native on Hopper and Blackwell).</summary>
    FP8,

    /// <summary>8-bit integer weights (W8A8 / W8A16).</summary>
    INT8,

    /// <summary>4-bit activation-aware weight quantization.</summary>
    AWQ4,

    /// <summary>4-bit GPTQ quantization.</summary>
    GPTQ4,

    /// <summary>llama.cpp GGUF Q4_K_M (about 4.8 bits per weight).</summary>
    GgufQ4KM,

    /// <summary>llama.cpp GGUF Q8_0 (about 8.5 bits per weight).</summary>
    GgufQ8_0,

    /// <summary>NVIDIA 4-bit floating point (native on Blackwell only).</summary>
    NVFP4,

    /// <summary>OCP microscaling 4-bit float: 4-bit E2M1 values with one 8-bit scale per 32 (gpt-oss ships its experts in it); native on Blackwell.</summary>
    MXFP4,
}
