namespace Inference.Sdk.Knowledge;

/// <summary>The GPU micro-architecture: decides which number formats run natively.</summary>
public enum GpuArchitecture
{
    /// <summary>NVIDIA Ampere (A100, A10G, Jetson AGX Orin): FP16/BF16/INT8 tensor cores, no FP8.</summary>
    Ampere,

    /// <summary>NVIDIA Ada Lovelace (L40S, L40, L4, RTX 4090, RTX 6000 Ada): FP8 tensor cores, no FP4.</summary>
    AdaLovelace,

    /// <summary>NVIDIA Hopper (H100, H200, H20, GH200): native FP8, no FP4.</summary>
    Hopper,

    /// <summary>NVIDIA Blackwell (B200, B300, RTX 5090, RTX PRO 6000): native FP8 and FP4 (NVFP4, MXFP4).</summary>
    Blackwell,

    /// <summary>Apple Silicon unified memory (M-series, Metal / MLX).</summary>
    AppleSilicon,

    /// <summary>AMD CDNA 3 (Instinct MI300X, MI325X): native FP8 (E4M3/E5M2) and INT8, no FP4 (NVFP4 and MXFP4 arrive with CDNA 4).</summary>
    AmdCdna3,
}
