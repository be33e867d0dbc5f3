namespace Inference.Sdk.Knowledge;

/// <summary>A GPU or accelerator the Knowledge layer has facts for.</summary>
public enum GpuKind
{
    /// <summary>NVIDIA B200 (Blackwell), 192 GB HBM3e (NVIDIA lists 180 GB usable on some SKUs).</summary>
    B200,

    /// <summary>NVIDIA H200 (Hopper), 141 GB HBM3e.</summary>
    H200,

    /// <summary>NVIDIA H100 SXM5 (Hopper), 80 GB HBM3.</summary>
    H100Sxm5,

    /// <summary>NVIDIA H100 PCIe (Hopper), 80 GB.</summary>
    H100Pcie,

    /// <summary>NVIDIA A100 80GB (Ampere), HBM2e.</summary>
    A100_80GB,

    /// <summary>NVIDIA L40S (Ada Lovelace), 48 GB GDDR6, no NVLink.</summary>
    L40S,

    /// <summary>NVIDIA L4 (Ada Lovelace), 24 GB.</summary>
    L4,

    /// <summary>NVIDIA GeForce RTX 4090 (Ada Lovelace), 24 GB GDDR6X.</summary>
    Rtx4090,

    /// <summary>NVIDIA GeForce RTX 5090 (Blackwell), 32 GB GDDR7.</summary>
    Rtx5090,

    /// <summary>NVIDIA RTX 6000 Ada Generation, 48 GB.</summary>
    Rtx6000Ada,

    /// <summary>NVIDIA Jetson AGX Orin, 64 GB unified memory.</summary>
    JetsonAgxOrin,

    /// <summary>Apple M4 Max, up to 128 GB unified memory.</summary>
    AppleM4Max,

    /// <summary>NVIDIA A10G (Ampere), 24 GB GDDR6: AWS g5 instances.</summary>
    A10G,

    /// <summary>NVIDIA L40 (Ada Lovelace), 48 GB GDDR6, no NVLink.</summary>
    L40,

    /// <summary>NVIDIA H20 (Hopper), 96 GB HBM3: the export-compliant Hopper.</summary>
    H20,

    /// <summary>NVIDIA GH200 Grace Hopper Superchip: one H100-class GPU with 96 GB HBM3 (the GPU's own memory; the Grace CPU's LPDDR5X is not counted).</summary>
    GH200,

    /// <summary>NVIDIA B300 (Blackwell Ultra), 288 GB HBM3e.</summary>
    B300,

    /// <summary>AMD Instinct MI300X (CDNA 3), 192 GB HBM3: FP8 native, no NVFP4.</summary>
    MI300X,

    /// <summary>AMD Instinct MI325X (CDNA 3), 256 GB HBM3E: FP8 native, no NVFP4.</summary>
    MI325X,

    /// <summary>NVIDIA RTX PRO 6000 Blackwell (Server or Workstation Edition), 96 GB GDDR7.</summary>
    RtxPro6000Blackwell,
}
