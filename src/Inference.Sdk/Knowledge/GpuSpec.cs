using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// Facts about one GPU or accelerator. Memory is in decimal gigabytes (1 GB = 10^9 bytes), the unit vendors
/// print on the box ("H100 80GB") and the unit of the seeds' sizing rules ("70B at FP16 ≈ 140 GB").
/// </summary>
/// <param name="Kind">The GPU this describes.</param>
/// <param name="DisplayName">The name people use for it, e.g. "H100 SXM5".</param>
/// <param name="MemoryGB">Memory the model can use, in decimal GB (unified memory for Jetson and Apple Silicon).</param>
/// <param name="MemoryBandwidthTBps">Memory bandwidth in TB/s (decode speed is bound by it).</param>
/// <param name="Architecture">The micro-architecture, which decides the native number formats.</param>
/// <param name="SupportsFp8">Whether FP8 runs natively on tensor cores.</param>
/// <param name="SupportsFp4">Whether FP4 (NVFP4) runs natively on tensor cores.</param>
/// <param name="NvLink">Whether GPUs of this kind connect over NVLink for tensor parallelism.</param>
/// <param name="TypicalPurchasePriceUsd">A typical purchase price in USD where the seeds give one; otherwise <see langword="null"/>.</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record GpuSpec(
    GpuKind Kind,
    string DisplayName,
    double MemoryGB,
    double MemoryBandwidthTBps,
    GpuArchitecture Architecture,
    bool SupportsFp8,
    bool SupportsFp4,
    bool NvLink,
    decimal? TypicalPurchasePriceUsd,
    string Source)
{
    /// <summary>Returns the display name with its memory, e.g. "H100 SXM5 (80 GB)".</summary>
    /// <returns>A short human description.</returns>
    public override string ToString()
        => string.Format(CultureInfo.InvariantCulture, "{0} ({1:0.#} GB)", DisplayName, MemoryGB);
}
