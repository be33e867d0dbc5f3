namespace Inference.Sdk.Knowledge;

/// <summary>The GPU micro-architecture: decides which number formats run natively.</summary>
public enum GpuArchitecture
{
    /// <summary>NVIDIA Ampere (A100, Jetson AGX Orin): FP16/BF16/INT8 tensor cores, no FP8.</summary>
    Ampere,

    /// <summary>NVIDIA Ada Lovelace (L40S, L4, RTX 4090, RTX 6000 Ada): FP8 tensor cores, no FP4.</summary>
    AdaLovelace,

    /// <summary>NVIDIA Hopper (H100, H200): native FP8, no FP4.</summary>
    Hopper,

    /// <summary>NVIDIA Blackwell (B200, RTX 5090): native FP8 and FP4 (NVFP4).</summary>
    Blackwell,

    /// <summary>Apple Silicon unified memory (M-series, Metal / MLX).</summary>
    AppleSilicon,
}
