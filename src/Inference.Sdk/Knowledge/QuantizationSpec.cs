using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>Facts about one weight format: its size, where it runs natively, which engines load it, what it costs in quality.</summary>
/// <param name="Format">The format this describes.</param>
/// <param name="DisplayName">The name people use for it, e.g. "GGUF Q4_K_M".</param>
/// <param name="BitsPerWeight">Average stored bits per weight, scales and zero points included (weights GB = billions of parameters × bits / 8).</param>
/// <param name="NativeArchitectures">The GPU architectures with kernels or tensor cores for this format.</param>
/// <param name="LoadableBy">The engines that load this format.</param>
/// <param name="QualityNote">What the seeds measured about its quality.</param>
public sealed record QuantizationSpec(
    Quantization Format,
    string DisplayName,
    double BitsPerWeight,
    IReadOnlyList<GpuArchitecture> NativeArchitectures,
    IReadOnlyList<EngineKind> LoadableBy,
    string QualityNote)
{
    /// <summary>Gets the bytes one weight takes on average (<see cref="BitsPerWeight"/> / 8).</summary>
    public double BytesPerWeight => BitsPerWeight / 8;

    /// <summary>Gets a value indicating whether this is a 4-bit format (AWQ-4, GPTQ-4, GGUF Q4_K_M, NVFP4), the class the seeds warn about above 30B.</summary>
    public bool IsFourBit => BitsPerWeight < 6;

    /// <summary>Whether the format runs natively (without emulation or up-casting) on an architecture.</summary>
    /// <param name="architecture">The GPU architecture.</param>
    /// <returns><see langword="true"/> when it runs natively.</returns>
    public bool IsNativeOn(GpuArchitecture architecture) => NativeArchitectures.Contains(architecture);

    /// <summary>Whether an engine loads this format.</summary>
    /// <param name="engine">The engine.</param>
    /// <returns><see langword="true"/> when the engine loads it.</returns>
    public bool IsLoadableBy(EngineKind engine) => LoadableBy.Contains(engine);

    /// <summary>Returns the display name and its bits per weight.</summary>
    /// <returns>A short human description.</returns>
    public override string ToString()
        => DisplayName + " (" + BitsPerWeight.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " bits/weight)";
}
