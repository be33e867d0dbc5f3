namespace Inference.Sdk.Knowledge;

/// <summary>
/// Hugging Face ids of the models in <see cref="Models"/>, as constants so analyzers and attributes can use them.
/// </summary>
public static class ModelIds
{
    /// <summary>Llama 3.3 70B Instruct (dense, 128K context).</summary>
    public const string Llama33_70B = "meta-llama/Llama-3.3-70B-Instruct";

    /// <summary>Llama 3.1 8B Instruct (dense, 128K context).</summary>
    public const string Llama31_8B = "meta-llama/Llama-3.1-8B-Instruct";

    /// <summary>Llama 3.1 405B Instruct (dense, 128K context).</summary>
    public const string Llama31_405B = "meta-llama/Llama-3.1-405B-Instruct";

    /// <summary>Qwen3.5-35B-A3B (35B total / 3B active MoE, 262K context).</summary>
    public const string Qwen35_35B_A3B = "Qwen/Qwen3.5-35B-A3B";

    /// <summary>Qwen3-Coder-30B-A3B Instruct (30B / 3B MoE, 256K context).</summary>
    public const string Qwen3Coder_30B_A3B = "Qwen/Qwen3-Coder-30B-A3B-Instruct";

    /// <summary>Qwen3.5-122B-A10B (122B / 10B MoE).</summary>
    public const string Qwen35_122B_A10B = "Qwen/Qwen3.5-122B-A10B";

    /// <summary>Nemotron 3 Nano Omni 30B-A3B (30B / 3B Mamba2-hybrid MoE, the seeds' "Nemotron-30B (Omni)").</summary>
    public const string Nemotron30B = "nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16";

    /// <summary>DeepSeek V4 Pro (1.6T / 49B MoE, 1M context).</summary>
    public const string DeepSeekV4Pro = "deepseek-ai/DeepSeek-V4-Pro";

    /// <summary>Kimi K2.6 (1T / 32B MoE, 256K context).</summary>
    public const string KimiK26 = "moonshotai/Kimi-K2.6";

    /// <summary>The generic 7B the seeds size edge tiers with: Llama 2 7B (dense, multi-head attention, 4K context).</summary>
    public const string Generic7B = "meta-llama/Llama-2-7b-hf";

    /// <summary>The generic 13B of the seeds' quantization table (26 GB FP16, 13 GB INT8, 7 GB INT4): Llama 2 13B.</summary>
    public const string Generic13B = "meta-llama/Llama-2-13b-hf";

    /// <summary>Qwen3-32B (dense, 40,960-token context).</summary>
    public const string Qwen3_32B = "Qwen/Qwen3-32B";

    /// <summary>Mistral Small 3.2 24B Instruct 2506 (dense, vision, 128K context).</summary>
    public const string MistralSmall32_24B = "mistralai/Mistral-Small-3.2-24B-Instruct-2506";

    /// <summary>Gemma 3 27B instruction-tuned (dense, five of six layers on a 1,024-token sliding window).</summary>
    public const string Gemma3_27B = "google/gemma-3-27b-it";

    /// <summary>Phi-4 (dense 14.7B, 16K context).</summary>
    public const string Phi4_14B = "microsoft/phi-4";

    /// <summary>gpt-oss-120b (116.8B / 5.1B MoE in MXFP4, half its layers on a 128-token sliding window).</summary>
    public const string GptOss120B = "openai/gpt-oss-120b";
}
