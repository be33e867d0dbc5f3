using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>A measured or published aggregate throughput of one model on one GPU configuration, with its source.</summary>
/// <param name="ModelId">The model (a <see cref="ModelIds"/> id).</param>
/// <param name="Gpu">The GPU.</param>
/// <param name="GpuCount">GPUs of one replica (tensor parallel).</param>
/// <param name="Quantization">The weight format.</param>
/// <param name="Engine">The engine.</param>
/// <param name="TokensPerSecond">Aggregate tokens per second of one replica at full load.</param>
/// <param name="Source">Where the figure comes from.</param>
public sealed record ThroughputFigure(string ModelId, GpuKind Gpu, int GpuCount, Quantization Quantization, EngineKind Engine, double TokensPerSecond, string Source)
{
    private const string DeployBase = "DeployBase.AI, LLM inference hardware guide (Mar 2026)";
    private const string CloudVsIron = "'Cloud vs Iron' pricing snapshot (May-Jun 2026): the $/Mtok column implies this rate";
    private const string Agrawal = "Agrawal, Deploy Your Own Models to GPUs (02 May 2026)";

    /// <summary>Gets the figures from the seeds.</summary>
    public static ThroughputFigure[] Defaults { get; } =
    [
        // $0.47/Mtok at $1.03/h ⇒ 1.03 / 3600 × 10⁶ / 0.47 ≈ 609 tok/s; $0.42 at $2.12 ⇒ ≈ 1,400; $0.57 at $1.00 ⇒ ≈ 487.
        new(ModelIds.Qwen35_35B_A3B, GpuKind.H100Sxm5, 1, Quantization.FP8, EngineKind.Vllm, 600, CloudVsIron),
        new(ModelIds.Qwen35_35B_A3B, GpuKind.B200, 1, Quantization.FP8, EngineKind.Vllm, 1_400, CloudVsIron),
        new(ModelIds.Qwen35_35B_A3B, GpuKind.A100_80GB, 1, Quantization.BF16, EngineKind.Vllm, 487, CloudVsIron),
        new(ModelIds.Llama33_70B, GpuKind.H100Sxm5, 1, Quantization.FP8, EngineKind.Vllm, 600, DeployBase + ": 600 tok/s at optimal batch"),
        new(ModelIds.Llama33_70B, GpuKind.H100Sxm5, 4, Quantization.BF16, EngineKind.Vllm, 2_400, DeployBase + ": 4 GPUs, linear scaling"),
        new(ModelIds.Llama31_8B, GpuKind.L40S, 1, Quantization.FP8, EngineKind.Vllm, 6_000, Agrawal),
    ];
}
