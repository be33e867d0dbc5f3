using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>The weight-format catalog: one <see cref="QuantizationSpec"/> per <see cref="Quantization"/>.</summary>
/// <remarks>
/// Engines: vLLM, SGLang and TensorRT-LLM load safetensors checkpoints (FP16, BF16, FP8, INT8, AWQ, GPTQ, NVFP4);
/// TGI loads the same minus NVFP4; llama.cpp and Ollama load only GGUF files (FP16/BF16 as GGUF F16/BF16).
/// vLLM's GGUF loader is documented as experimental and under-optimized, so GGUF is not counted as loadable by vLLM or SGLang.
/// A hosted OpenAI-compatible API is assumed to serve whatever it advertises.
/// </remarks>
public static class Quantizations
{
    private const string Jin = "Jin et al., via Agrawal 'Deploy Your Own Models to GPUs' (02 May 2026)";

    private static readonly GpuArchitecture[] AllNvidiaArray = [GpuArchitecture.Ampere, GpuArchitecture.AdaLovelace, GpuArchitecture.Hopper, GpuArchitecture.Blackwell];
    private static readonly IReadOnlyList<GpuArchitecture> DataCenter = ReadOnly([.. AllNvidiaArray, GpuArchitecture.AmdCdna3]);
    private static readonly IReadOnlyList<GpuArchitecture> Everywhere = ReadOnly([.. AllNvidiaArray, GpuArchitecture.AppleSilicon, GpuArchitecture.AmdCdna3]);
    private static readonly IReadOnlyList<GpuArchitecture> Fp8Architectures = ReadOnly([GpuArchitecture.AdaLovelace, GpuArchitecture.Hopper, GpuArchitecture.Blackwell, GpuArchitecture.AmdCdna3]);
    private static readonly EngineKind[] ServerEngineArray = [EngineKind.Vllm, EngineKind.Sglang, EngineKind.Tgi, EngineKind.TensorRtLlm, EngineKind.OpenAICompatible];
    private static readonly IReadOnlyList<EngineKind> ServerEngines = Array.AsReadOnly(ServerEngineArray);
    private static readonly IReadOnlyList<EngineKind> SixteenBitEngines = ReadOnly([.. ServerEngineArray, EngineKind.LlamaCpp, EngineKind.Ollama]);
    private static readonly IReadOnlyList<EngineKind> GgufEngines = ReadOnly([EngineKind.LlamaCpp, EngineKind.Ollama, EngineKind.OpenAICompatible]);

    private static readonly QuantizationSpec[] Catalog =
    [
        new(Quantization.FP16, "FP16", 16, Everywhere, SixteenBitEngines, "Reference quality."),
        new(Quantization.BF16, "BF16", 16, Everywhere, SixteenBitEngines, "Reference quality."),
        new(Quantization.FP8, "FP8", 8, Fp8Architectures, ServerEngines,
            "Within 0.4 MMLU-Pro points of FP16 on 70B-class models, ~15% more throughput, half the memory (" + Jin + ")."),
        new(Quantization.INT8, "INT8", 8, DataCenter, ServerEngines,
            "8-bit integer: typically 1-5% quality cost for half the memory (DeployBase.AI, Mar 2026)."),
        // 4 bits plus one FP16 scale and zero point per group of 128 weights: 4 + 32/128 = 4.25 bits.
        new(Quantization.AWQ4, "AWQ-4", 4.25, DataCenter, ServerEngines,
            "Within 1.6 points on average, but Llama-3.3-70B lost 7.8 MMLU points at 4-bit; evaluate on your task above 30B (" + Jin + ")."),
        new(Quantization.GPTQ4, "GPTQ-4", 4.25, DataCenter, ServerEngines,
            "Within 1.9 points on average, but Llama-3.3-70B lost 7.8 MMLU points at 4-bit; evaluate on your task above 30B (" + Jin + ")."),
        // Q4_K_M mixes Q4_K (4.5 bits) with Q6_K for some tensors: ~4.8 bits on Llama-class models.
        new(Quantization.GgufQ4KM, "GGUF Q4_K_M", 4.8, Everywhere, GgufEngines,
            "4-bit llama.cpp format for CPU/GPU offload and laptops; the 4-bit quality caveats apply above 30B."),
        new(Quantization.GgufQ8_0, "GGUF Q8_0", 8.5, Everywhere, GgufEngines,
            "8-bit llama.cpp format (8 bits plus an FP16 scale per 32 weights): near-reference quality."),
        // 4 bits plus one FP8 scale per 16 weights: 4 + 8/16 = 4.5 bits.
        new(Quantization.NVFP4, "NVFP4", 4.5, ReadOnly([GpuArchitecture.Blackwell]),
            ReadOnly([EngineKind.Vllm, EngineKind.Sglang, EngineKind.TensorRtLlm, EngineKind.OpenAICompatible]),
            "Blackwell-native 4-bit float; the seeds recommend it for 30-70B on Blackwell."),
        // 4-bit E2M1 plus one 8-bit E8M0 scale per 32 weights: 4 + 8/32 = 4.25 bits.
        new(Quantization.MXFP4, "MXFP4", 4.25, ReadOnly([GpuArchitecture.Blackwell]),
            ReadOnly([EngineKind.Vllm, EngineKind.Sglang, EngineKind.TensorRtLlm, EngineKind.LlamaCpp, EngineKind.Ollama, EngineKind.OpenAICompatible]),
            "The format gpt-oss was post-trained in (its reference quality); Hopper and Ada run it through dequantizing kernels."),
    ];

    private static IReadOnlyList<T> ReadOnly<T>(T[] items) => Array.AsReadOnly(items);

    private static readonly Dictionary<string, Quantization> Aliases = CreateAliases();

    /// <summary>Gets every format in the catalog, in <see cref="Quantization"/> order.</summary>
    public static IReadOnlyList<QuantizationSpec> All { get; } = Array.AsReadOnly(Catalog);

    /// <summary>Gets the facts for a weight format.</summary>
    /// <param name="quantization">The format.</param>
    /// <returns>Its specification.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="quantization"/> is not a known <see cref="Quantization"/>.</exception>
    public static QuantizationSpec Get(Quantization quantization)
        => Guard.Item(Catalog, (int)quantization, quantization, nameof(quantization));

    /// <summary>
    /// Parses a format name, ignoring case and punctuation: the enum name ("GgufQ4KM"), a common name ("AWQ", "GPTQ",
    /// "Q4_K_M", "Q8_0", "W8A8") or an engine's option value (vLLM <c>--quantization awq_marlin</c>, <c>modelopt_fp4</c>).
    /// </summary>
    /// <param name="name">The name to parse.</param>
    /// <param name="quantization">The format, when the name is known.</param>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParse(string? name, out Quantization quantization)
    {
        quantization = default;
        return name is not null && Aliases.TryGetValue(Names.Key(name), out quantization);
    }

    private static Dictionary<string, Quantization> CreateAliases()
    {
        var map = new Dictionary<string, Quantization>(StringComparer.Ordinal);
        foreach (QuantizationSpec spec in Catalog)
        {
            Names.Add(map, spec.Format, spec.Format.ToString(), spec.DisplayName);
        }

        Names.Add(map, Quantization.FP16, "float16", "half", "f16");
        Names.Add(map, Quantization.BF16, "bfloat16");
        Names.Add(map, Quantization.FP8, "fp8_e4m3", "w8a8_fp8", "compressed_tensors_fp8", "modelopt");
        Names.Add(map, Quantization.INT8, "w8a8", "w8a16", "int8_weight_only", "smoothquant");
        Names.Add(map, Quantization.AWQ4, "awq", "awq_marlin", "int4_awq", "w4a16_awq");
        Names.Add(map, Quantization.GPTQ4, "gptq", "gptq_marlin", "int4_gptq");
        Names.Add(map, Quantization.GgufQ4KM, "q4_k_m", "gguf_q4_k_m");
        Names.Add(map, Quantization.GgufQ8_0, "q8_0", "gguf_q8_0");
        Names.Add(map, Quantization.NVFP4, "modelopt_fp4", "nvfp4_awq");
        Names.Add(map, Quantization.MXFP4, "mxfp4", "mx_fp4", "gpt_oss_mxfp4");
        return map;
    }
}
