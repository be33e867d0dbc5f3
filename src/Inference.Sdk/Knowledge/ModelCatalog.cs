namespace Inference.Sdk.Knowledge;

/// <summary>
/// The entries of <see cref="Models"/>: open-weight models people serve, each with the source its figures were read from.
/// </summary>
/// <remarks>
/// <para>Sources, and what each gave:</para>
/// <list type="bullet">
/// <item>Slime: THUDM/slime <c>scripts/models/*.sh</c> at 624b824 (2026-08-21): layers, KV heads (<c>--num-query-groups</c>),
/// head dim (<c>--kv-channels</c>), MLA ranks, taken by its authors from each model's config.json.</item>
/// <item>Mlc: mlc-ai/mlc-llm <c>python/mlc_llm/model/model_preset.py</c> at 79d603f (2026-07-23): copies of config.json.</item>
/// <item>Bridge: NVIDIA-NeMo/Megatron-Bridge at 067f987 (2026-08-22): the Nemotron-H hybrid patterns and Mamba2 sizes.</item>
/// <item>Xinf: xorbitsai/inference <c>xinference/model/llm/llm_family.json</c> at 7ecec16 (2026-08-23): context lengths,
/// abilities (tools, vision), Hugging Face ids and GGUF file names.</item>
/// <item>Card: the vendor's model card and config.json on Hugging Face, as published on the date given. Hugging Face cannot be
/// reached from this workplace, so these figures were not re-read when the entry was written; each such entry says so.</item>
/// </list>
/// <para>Sliding windows: a layer that attends to a window (Gemma 2/3, gpt-oss, Command A) or a local chunk (Llama 4's
/// <c>attention_chunk_size</c>) holds at most that many tokens. Hybrids count only their attention layers per token.</para>
/// </remarks>
internal static class ModelCatalog
{
    private const string Slime = "THUDM/slime scripts/models/";
    private const string SlimeAt = " @624b824 (2026-08-21)";
    private const string Mlc = "mlc-ai/mlc-llm python/mlc_llm/model/model_preset.py '";
    private const string MlcAt = "' @79d603f (2026-07-23)";
    private const string Xinf = "; context and abilities: xorbitsai/inference llm_family.json @7ecec16 (2026-08-23)";
    private const string Bridge = "NVIDIA-NeMo/Megatron-Bridge src/megatron/bridge/recipes/nemotronh/h100/";
    private const string BridgeAt = " @067f987 (2026-08-22)";
    private const string NotReRead = " (as published; not re-read here: Hugging Face is unreachable from this workplace)";

    private const ModelFamily L2 = ModelFamily.Llama2;
    private const ModelFamily L3 = ModelFamily.Llama3;
    private const ModelFamily L4 = ModelFamily.Llama4;
    private const ModelFamily Q = ModelFamily.Qwen;
    private const ModelFamily Ms = ModelFamily.Mistral;
    private const ModelFamily G = ModelFamily.Gemma;
    private const ModelFamily P = ModelFamily.Phi;
    private const ModelFamily Ds = ModelFamily.DeepSeek;
    private const ModelFamily K = ModelFamily.Kimi;
    private const ModelFamily Glm = ModelFamily.Glm;
    private const ModelFamily Gr = ModelFamily.Granite;
    private const ModelFamily C = ModelFamily.Cohere;
    private const ModelFamily N = ModelFamily.Nemotron;

    public static ModelSpec[] Create() =>
    [
        // ---- Llama 2 / 3 / 3.1 / 3.2 / 3.3 (Meta) -----------------------------------------------------------------------
        Gqa(ModelIds.Generic7B, "Llama-2-7B", L2, 6.74, 4_096, 32, 32, 128, Mlc + "llama2_7b" + MlcAt,
            "meta-llama/Llama-2-7b-chat-hf", "llama2", "llama2:7b", "llama-2-7b-chat"),
        Gqa(ModelIds.Generic13B, "Llama-2-13B", L2, 13.0, 4_096, 40, 40, 128, Mlc + "llama2_13b" + MlcAt,
            "meta-llama/Llama-2-13b-chat-hf", "llama2:13b", "llama-2-13b-chat"),
        Gqa("meta-llama/Llama-2-70b-chat-hf", "Llama-2-70B", L2, 69.0, 4_096, 80, 8, 128,
            Mlc + "llama2_70b" + MlcAt + " (its 2,048 max_position_embeddings is MLC's; Meta's card gives 4,096)",
            "meta-llama/Llama-2-70b-hf", "llama2:70b"),
        Gqa("meta-llama/Meta-Llama-3-8B-Instruct", "Llama-3-8B", L3, 8.03, 8_192, 32, 8, 128, Card("2024-04") + Xinf,
            "meta-llama/Meta-Llama-3-8B", "llama3", "llama3:8b"),
        Gqa("meta-llama/Meta-Llama-3-70B-Instruct", "Llama-3-70B", L3, 70.6, 8_192, 80, 8, 128, Card("2024-04") + Xinf,
            "meta-llama/Meta-Llama-3-70B", "llama3:70b"),
        Gqa(ModelIds.Llama31_8B, "Llama-3.1-8B", L3, 8.03, 131_072, 32, 8, 128,
            Mlc + "llama3_1_8b" + MlcAt + "; " + Slime + "llama3.1-8B-Instruct.sh" + SlimeAt + Xinf,
            "meta-llama/Llama-3.1-8B", "meta-llama/Meta-Llama-3.1-8B-Instruct", "llama3.1", "llama3.1:8b") with { SupportsTools = true },
        Gqa("meta-llama/Llama-3.1-70B-Instruct", "Llama-3.1-70B", L3, 70.6, 131_072, 80, 8, 128, Mlc + "llama3_1_70b" + MlcAt + Xinf,
            "meta-llama/Llama-3.1-70B", "meta-llama/Meta-Llama-3.1-70B-Instruct", "llama3.1:70b") with { SupportsTools = true },
        Gqa(ModelIds.Llama31_405B, "Llama-3.1-405B", L3, 405.9, 131_072, 126, 8, 128, Card("2024-07") + Xinf,
            "meta-llama/Llama-3.1-405B", "meta-llama/Meta-Llama-3.1-405B-Instruct", "meta-llama/Llama-3.1-405B-Instruct-FP8", "llama3.1:405b") with { SupportsTools = true },
        Gqa("meta-llama/Llama-3.2-1B-Instruct", "Llama-3.2-1B", L3, 1.24, 131_072, 16, 8, 64, Mlc + "llama3_2_1b" + MlcAt,
            "meta-llama/Llama-3.2-1B", "llama3.2:1b") with { SupportsTools = true },
        Gqa("meta-llama/Llama-3.2-3B-Instruct", "Llama-3.2-3B", L3, 3.21, 131_072, 28, 8, 128,
            Mlc + "llama3_2_3b" + MlcAt + "; " + Slime + "llama3.2-3B-Instruct.sh" + SlimeAt,
            "meta-llama/Llama-3.2-3B", "llama3.2", "llama3.2:3b") with { SupportsTools = true },
        Gqa(ModelIds.Llama33_70B, "Llama-3.3-70B", L3, 70.6, 131_072, 80, 8, 128, Card("2024-12") + Xinf,
            "llama3.3", "llama3.3:70b") with { SupportsTools = true },

        // ---- Llama 4: chunked local attention (8,192 tokens) on 3 of every 4 layers; every 4th layer is global -----------
        Moe("meta-llama/Llama-4-Scout-17B-16E-Instruct", "Llama-4-Scout", L4, 109, 17, 10_485_760, 48, 8, 128,
            "NVIDIA/TensorRT-LLM Llama 4 unit-test configs (48 layers, 8 KV heads, head_dim 128, attention_chunk_size 8192); " + Card("2025-04"),
            "meta-llama/Llama-4-Scout-17B-16E", "llama4", "llama4:scout", "llama4:16x17b")
            with { SlidingWindowLayers = 36, SlidingWindow = 8_192, SupportsTools = true, SupportsVision = true },
        Moe("meta-llama/Llama-4-Maverick-17B-128E-Instruct", "Llama-4-Maverick", L4, 400, 17, 1_048_576, 48, 8, 128,
            "NVIDIA/TensorRT-LLM LLAMA_4_MAVERICK_TWO_LAYER_CONFIG ('reduced to 2 layers from 48', 8 KV heads, head_dim 128, chunk 8192, max_position_embeddings 1048576); " + Card("2025-04"),
            "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "llama4:maverick", "llama4:128x17b")
            with { SlidingWindowLayers = 36, SlidingWindow = 8_192, SupportsTools = true, SupportsVision = true },

        // ---- Qwen 2.5 -----------------------------------------------------------------------------------------------------
        Gqa("Qwen/Qwen2.5-0.5B-Instruct", "Qwen2.5-0.5B", Q, 0.49, 32_768, 24, 2, 64, Slime + "qwen2.5-0.5B.sh" + SlimeAt + " (896 / 14 heads = 64)" + Xinf,
            "Qwen/Qwen2.5-0.5B", "qwen2.5:0.5b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-1.5B-Instruct", "Qwen2.5-1.5B", Q, 1.54, 32_768, 28, 2, 128, Slime + "qwen2.5-1.5B.sh" + SlimeAt + Xinf,
            "Qwen/Qwen2.5-1.5B", "qwen2.5:1.5b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-3B-Instruct", "Qwen2.5-3B", Q, 3.09, 32_768, 36, 2, 128, Slime + "qwen2.5-3B.sh" + SlimeAt + "; " + Mlc + "qwen2.5_3b" + MlcAt + Xinf,
            "Qwen/Qwen2.5-3B", "qwen2.5:3b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-7B-Instruct", "Qwen2.5-7B", Q, 7.62, 32_768, 28, 4, 128, Slime + "qwen2.5-7B.sh" + SlimeAt + Xinf,
            "Qwen/Qwen2.5-7B", "qwen2.5", "qwen2.5:7b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-14B-Instruct", "Qwen2.5-14B", Q, 14.7, 32_768, 48, 8, 128, Card("2024-09") + Xinf,
            "Qwen/Qwen2.5-14B", "qwen2.5:14b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-32B-Instruct", "Qwen2.5-32B", Q, 32.8, 32_768, 64, 8, 128, Slime + "qwen2.5-32B.sh" + SlimeAt + Xinf,
            "Qwen/Qwen2.5-32B", "qwen2.5:32b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-72B-Instruct", "Qwen2.5-72B", Q, 72.7, 32_768, 80, 8, 128, Card("2024-09") + Xinf,
            "Qwen/Qwen2.5-72B", "qwen2.5:72b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-Coder-7B-Instruct", "Qwen2.5-Coder-7B", Q, 7.62, 32_768, 28, 4, 128, "the Qwen2.5-7B architecture: " + Slime + "qwen2.5-7B.sh" + SlimeAt + Xinf,
            "Qwen/Qwen2.5-Coder-7B", "qwen2.5-coder:7b") with { SupportsTools = true },
        Gqa("Qwen/Qwen2.5-Coder-32B-Instruct", "Qwen2.5-Coder-32B", Q, 32.8, 32_768, 64, 8, 128, "the Qwen2.5-32B architecture: " + Slime + "qwen2.5-32B.sh" + SlimeAt + Xinf,
            "Qwen/Qwen2.5-Coder-32B", "qwen2.5-coder", "qwen2.5-coder:32b") with { SupportsTools = true },

        // ---- Qwen 3 (dense and MoE) ---------------------------------------------------------------------------------------
        Gqa("Qwen/Qwen3-0.6B", "Qwen3-0.6B", Q, 0.6, 40_960, 28, 8, 128, Slime + "qwen3-0.6B.sh" + SlimeAt + "; " + Mlc + "qwen3_0.6b" + MlcAt + Xinf,
            "qwen3:0.6b") with { SupportsTools = true },
        Gqa("Qwen/Qwen3-1.7B", "Qwen3-1.7B", Q, 1.7, 40_960, 28, 8, 128, Slime + "qwen3-1.7B.sh" + SlimeAt + "; " + Mlc + "qwen3_1.7b" + MlcAt + Xinf,
            "qwen3:1.7b") with { SupportsTools = true },
        Gqa("Qwen/Qwen3-4B", "Qwen3-4B", Q, 4.0, 40_960, 36, 8, 128, Slime + "qwen3-4B.sh" + SlimeAt + Xinf,
            "qwen3:4b") with { SupportsTools = true },
        Gqa("Qwen/Qwen3-8B", "Qwen3-8B", Q, 8.2, 40_960, 36, 8, 128, Slime + "qwen3-8B.sh" + SlimeAt + Xinf,
            "qwen3", "qwen3:8b") with { SupportsTools = true },
        Gqa("Qwen/Qwen3-14B", "Qwen3-14B", Q, 14.8, 40_960, 40, 8, 128, Slime + "qwen3-14B.sh" + SlimeAt + Xinf,
            "qwen3:14b") with { SupportsTools = true },
        Gqa(ModelIds.Qwen3_32B, "Qwen3-32B", Q, 32.8, 40_960, 64, 8, 128, Slime + "qwen3-32B.sh" + SlimeAt + Xinf,
            "qwen3:32b") with { SupportsTools = true },
        Moe("Qwen/Qwen3-30B-A3B", "Qwen3-30B-A3B", Q, 30.5, 3.3, 40_960, 48, 4, 128, Slime + "qwen3-30B-A3B.sh" + SlimeAt + Xinf,
            "qwen3:30b", "qwen3:30b-a3b") with { SupportsTools = true },
        Moe("Qwen/Qwen3-235B-A22B", "Qwen3-235B-A22B", Q, 235, 22, 40_960, 94, 4, 128, Slime + "qwen3-235B-A22B.sh" + SlimeAt + Xinf,
            "qwen3:235b", "qwen3:235b-a22b") with { SupportsTools = true },
        Moe("Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen3-30B-A3B-Instruct-2507", Q, 30.5, 3.3, 262_144, 48, 4, 128,
            "the Qwen3-30B-A3B architecture: " + Slime + "qwen3-30B-A3B.sh" + SlimeAt + Xinf + " ('Qwen3-Instruct': 262,144)",
            "Qwen/Qwen3-30B-A3B-Thinking-2507") with { SupportsTools = true },
        Moe("Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen3-235B-A22B-Instruct-2507", Q, 235, 22, 262_144, 94, 4, 128,
            "the Qwen3-235B-A22B architecture: " + Slime + "qwen3-235B-A22B.sh" + SlimeAt + Xinf + " ('Qwen3-Instruct': 262,144)",
            "Qwen/Qwen3-235B-A22B-Thinking-2507", "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8") with { SupportsTools = true },
        Moe(ModelIds.Qwen3Coder_30B_A3B, "Qwen3-Coder-30B-A3B", Q, 30.5, 3.3, 262_144, 48, 4, 128,
            "the Qwen3-30B-A3B architecture: " + Slime + "qwen3-30B-A3B.sh" + SlimeAt + "; 'Cloud vs Iron' seed (30B/3B, 256K)" + Xinf,
            "qwen3-coder", "qwen3-coder:30b") with { SupportsTools = true },
        Moe("Qwen/Qwen3-Coder-480B-A35B-Instruct", "Qwen3-Coder-480B-A35B", Q, 480, 35, 262_144, 62, 8, 128, Card("2025-07") + Xinf,
            "qwen3-coder:480b", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8") with { SupportsTools = true },

        // ---- Qwen3-Next / Qwen 3.5: 3 Gated DeltaNet (linear attention) layers per gated-attention layer -------------------
        Moe("Qwen/Qwen3-Next-80B-A3B-Instruct", "Qwen3-Next-80B-A3B", Q, 80, 3, 262_144, 48, 2, 256,
            Slime + "qwen3-next-80B-A3B.sh" + SlimeAt + " (48 layers, 2 KV groups, kv-channels 256; full_attention_interval 4 in slime_plugins/models/qwen3_next.py); linear heads: " + Card("2025-09") + Xinf,
            "Qwen/Qwen3-Next-80B-A3B-Thinking", "qwen3-next", "qwen3-next:80b")
            with { AttentionLayers = 12, RecurrentKind = RecurrentLayerKind.LinearAttention, RecurrentLayers = 36, RecurrentHeads = 32, RecurrentKeyDim = 128, RecurrentValueDim = 128, SupportsTools = true },
        Moe(ModelIds.Qwen35_35B_A3B, "Qwen3.5-35B-A3B", Q, 35, 3, 262_144, 40, 2, 256,
            Slime + "qwen3.5-35B-A3B.sh" + SlimeAt + " (40 layers, 2 KV groups, kv-channels 256; full_attention_interval 4 in slime_plugins/models/qwen3_5.py); Gated DeltaNet 32 V heads of 128 x 128 (transformers docs/model_doc/qwen3_5_moe.md: the Qwen3-Next block; Qwen3.6-35B-A3B card); 'Cloud vs Iron' seed (35B/3B, 262K)" + Xinf,
            "qwen3.5:35b", "qwen3.5:35b-a3b", "Qwen/Qwen3.6-35B-A3B")
            with { AttentionLayers = 10, RecurrentKind = RecurrentLayerKind.LinearAttention, RecurrentLayers = 30, RecurrentHeads = 32, RecurrentKeyDim = 128, RecurrentValueDim = 128, SupportsTools = true, SupportsVision = true },
        new ModelSpec(ModelIds.Qwen35_122B_A10B, "Qwen3.5-122B-A10B", Q, 122, 10, 131_072, null, null, null,
            "'Cloud vs Iron' seed (122B/10B, 128K context)" + Xinf + "; a Gated DeltaNet hybrid whose layer and head counts no source read here gives, so its KV cache is left unsized")
            { SupportsTools = true, SupportsVision = true, RecurrentKind = RecurrentLayerKind.LinearAttention },

        // ---- DeepSeek: multi-head latent attention (kv_lora_rank 512 + qk_rope_head_dim 64), FP8 weights ------------------
        Mla("deepseek-ai/DeepSeek-V3", "DeepSeek-V3", Ds, 671, 37, 163_840, 61, Slime + "deepseek-v3.sh" + SlimeAt + Xinf, "deepseek-v3", "deepseek-v3:671b")
            with { SupportsTools = true },
        Mla("deepseek-ai/DeepSeek-V3-0324", "DeepSeek-V3-0324", Ds, 671, 37, 163_840, 61, "the DeepSeek-V3 architecture: " + Slime + "deepseek-v3.sh" + SlimeAt + Xinf)
            with { SupportsTools = true },
        Mla("deepseek-ai/DeepSeek-V3.1", "DeepSeek-V3.1", Ds, 671, 37, 131_072, 61, "the DeepSeek-V3 architecture: " + Slime + "deepseek-v3.sh" + SlimeAt + Xinf, "deepseek-v3.1", "deepseek-v3.1:671b")
            with { SupportsTools = true },
        Mla("deepseek-ai/DeepSeek-R1", "DeepSeek-R1", Ds, 671, 37, 163_840, 61, "the DeepSeek-V3 architecture: " + Slime + "deepseek-v3.sh" + SlimeAt + Xinf, "deepseek-r1:671b"),
        Mla("deepseek-ai/DeepSeek-R1-0528", "DeepSeek-R1-0528", Ds, 671, 37, 163_840, 61, "the DeepSeek-V3 architecture: " + Slime + "deepseek-v3.sh" + SlimeAt + Xinf)
            with { SupportsTools = true },
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", "DeepSeek-R1-Distill-Qwen-1.5B", Ds, 1.78, 131_072, 28, 2, 128,
            "the Qwen2.5-1.5B architecture: " + Slime + "qwen2.5-1.5B.sh" + SlimeAt + Xinf, "deepseek-r1:1.5b"),
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "DeepSeek-R1-Distill-Qwen-7B", Ds, 7.62, 131_072, 28, 4, 128,
            "the Qwen2.5-7B architecture: " + Slime + "qwen2.5-7B.sh" + SlimeAt + Xinf, "deepseek-r1:7b"),
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "DeepSeek-R1-Distill-Llama-8B", Ds, 8.03, 131_072, 32, 8, 128,
            "the Llama-3.1-8B architecture: " + Mlc + "llama3_1_8b" + MlcAt + Xinf),
        Gqa("deepseek-ai/DeepSeek-R1-0528-Qwen3-8B", "DeepSeek-R1-0528-Qwen3-8B", Ds, 8.2, 131_072, 36, 8, 128,
            "the Qwen3-8B architecture: " + Slime + "qwen3-8B.sh" + SlimeAt + Xinf, "deepseek-r1:8b"),
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "DeepSeek-R1-Distill-Qwen-14B", Ds, 14.8, 131_072, 48, 8, 128,
            "the Qwen2.5-14B architecture: " + Card("2025-01") + Xinf, "deepseek-r1:14b"),
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Qwen-32B", "DeepSeek-R1-Distill-Qwen-32B", Ds, 32.8, 131_072, 64, 8, 128,
            "the Qwen2.5-32B architecture: " + Slime + "qwen2.5-32B.sh" + SlimeAt + Xinf, "deepseek-r1:32b"),
        Gqa("deepseek-ai/DeepSeek-R1-Distill-Llama-70B", "DeepSeek-R1-Distill-Llama-70B", Ds, 70.6, 131_072, 80, 8, 128,
            "the Llama-3.3-70B architecture: " + Card("2025-01") + Xinf, "deepseek-r1:70b"),
        new ModelSpec(ModelIds.DeepSeekV4Pro, "DeepSeek V4 Pro", Ds, 1_600, 49, 1_048_576, null, null, null,
            "DeepSeek-V4 model card (2026-04): 1.6T/49B, 1M context; compressed sparse attention with per-layer compression ratios 0/4/128 (NVIDIA-NeMo/Megatron-Bridge deepseek_v4_bridge.py @067f987) that this catalog does not model, so the KV cache is left unsized; the seed says only 'Large MoE'")
            { NativeQuantization = Quantization.FP8, SupportsTools = true },

        // ---- Kimi (Moonshot): the DeepSeek-V3 layout with 384 experts ------------------------------------------------------
        Mla("moonshotai/Kimi-K2-Instruct", "Kimi K2", K, 1_000, 32, 131_072, 61, Slime + "kimi-k2.sh" + SlimeAt + "; " + Card("2025-07"), "kimi-k2")
            with { SupportsTools = true },
        Mla("moonshotai/Kimi-K2-Instruct-0905", "Kimi K2 0905", K, 1_000, 32, 262_144, 61, Slime + "kimi-k2.sh" + SlimeAt + "; " + Card("2025-09"))
            with { SupportsTools = true },
        Mla("moonshotai/Kimi-K2-Thinking", "Kimi K2 Thinking", K, 1_000, 32, 262_144, 61, Slime + "kimi-k2-thinking.sh" + SlimeAt + "; INT4 (W4A16, group 32) experts: " + Card("2025-11"), "kimi-k2-thinking")
            with { SupportsTools = true, NativeQuantization = Quantization.GPTQ4 },
        Mla("moonshotai/Kimi-K2.5", "Kimi K2.5", K, 1_000, 32, 262_144, 61, "the Kimi K2 layout: " + Slime + "kimi-k2.sh" + SlimeAt + Xinf, "kimi-k2.5")
            with { SupportsTools = true, SupportsVision = true, NativeQuantization = Quantization.BF16 },
        Mla(ModelIds.KimiK26, "Kimi K2.6", K, 1_000, 32, 262_144, 61,
            "Moonshot Kimi-K2.6 model card: 1T/32B, 61 layers, MLA, 256K context; MLA ranks of the Kimi K2 layout: " + Slime + "kimi-k2.sh" + SlimeAt + "; the seed says only 'MoE'", "kimi-k2.6")
            with { SupportsTools = true, SupportsVision = true, NativeQuantization = Quantization.BF16 },

        // ---- Mistral AI ---------------------------------------------------------------------------------------------------
        Gqa("mistralai/Mistral-7B-Instruct-v0.3", "Mistral-7B-v0.3", Ms, 7.25, 32_768, 32, 8, 128, Mlc + "mistral_7b_v03" + MlcAt + Xinf,
            "mistralai/Mistral-7B-v0.3", "mistral", "mistral:7b") with { SupportsTools = true },
        Moe("mistralai/Mixtral-8x7B-Instruct-v0.1", "Mixtral-8x7B", Ms, 46.7, 12.9, 32_768, 32, 8, 128, Mlc + "Mixtral-8x7B-v0.1" + MlcAt + Xinf,
            "mistralai/Mixtral-8x7B-v0.1", "mixtral", "mixtral:8x7b"),
        Moe("mistralai/Mixtral-8x22B-Instruct-v0.1", "Mixtral-8x22B", Ms, 141, 39, 65_536, 56, 8, 128, Card("2024-04") + Xinf,
            "mistralai/Mixtral-8x22B-v0.1", "mixtral:8x22b") with { SupportsTools = true },
        Gqa("mistralai/Mistral-Nemo-Instruct-2407", "Mistral-Nemo-12B", Ms, 12.2, 131_072, 40, 8, 128,
            Card("2024-07") + " (the card's 128K window; config.json says 1,024,000)" + Xinf,
            "mistralai/Mistral-Nemo-Base-2407", "mistral-nemo", "mistral-nemo:12b") with { SupportsTools = true },
        Gqa("mistralai/Mistral-Small-24B-Instruct-2501", "Mistral-Small-3-24B", Ms, 23.6, 32_768, 40, 8, 128, Card("2025-01"),
            "mistral-small", "mistral-small:24b") with { SupportsTools = true },
        Gqa("mistralai/Mistral-Small-3.1-24B-Instruct-2503", "Mistral-Small-3.1-24B", Ms, 24.0, 131_072, 40, 8, 128, Card("2025-03"),
            "mistral-small3.1", "mistral-small3.1:24b") with { SupportsTools = true, SupportsVision = true },
        Gqa(ModelIds.MistralSmall32_24B, "Mistral-Small-3.2-24B", Ms, 24.0, 131_072, 40, 8, 128, Card("2025-06"),
            "mistral-small3.2", "mistral-small3.2:24b") with { SupportsTools = true, SupportsVision = true },
        Gqa("mistralai/Mistral-Large-Instruct-2411", "Mistral-Large-2411", Ms, 123, 131_072, 88, 8, 128, Card("2024-11"),
            "mistralai/Mistral-Large-Instruct-2407", "mistral-large", "mistral-large:123b") with { SupportsTools = true },
        Gqa("mistralai/Magistral-Small-2506", "Magistral-Small-2506", Ms, 23.6, 131_072, 40, 8, 128, Card("2025-06") + " (128K window; the card advises staying under 40K)",
            "mistralai/Magistral-Small-2507", "magistral", "magistral:24b"),
        Gqa("mistralai/Magistral-Small-2509", "Magistral-Small-2509", Ms, 24.0, 131_072, 40, 8, 128, Card("2025-09"))
            with { SupportsVision = true },
        Gqa("mistralai/Devstral-Small-2505", "Devstral-Small-2505", Ms, 23.6, 131_072, 40, 8, 128, Card("2025-05"),
            "devstral", "devstral:24b") with { SupportsTools = true },
        Gqa("mistralai/Devstral-Small-2507", "Devstral-Small-2507", Ms, 23.6, 131_072, 40, 8, 128, Card("2025-07"))
            with { SupportsTools = true },
        Gqa("mistralai/Codestral-22B-v0.1", "Codestral-22B", Ms, 22.2, 32_768, 56, 8, 128, Card("2024-05") + Xinf + " (GGUF 'Codestral-22B-v0.1-{quantization}.gguf')",
            "codestral", "codestral:22b"),

        // ---- Gemma (Google): sliding-window layers (Gemma 2 every other one at 4,096; Gemma 3 five of six at 1,024) -----------
        Gqa("google/gemma-2-2b-it", "Gemma-2-2B", G, 2.61, 8_192, 26, 4, 256, Mlc + "gemma2_2b" + MlcAt,
            "google/gemma-2-2b", "gemma2:2b") with { SlidingWindowLayers = 13, SlidingWindow = 4_096 },
        Gqa("google/gemma-2-9b-it", "Gemma-2-9B", G, 9.24, 8_192, 42, 8, 256, Mlc + "gemma2_9b" + MlcAt,
            "google/gemma-2-9b", "gemma2", "gemma2:9b") with { SlidingWindowLayers = 21, SlidingWindow = 4_096 },
        Gqa("google/gemma-2-27b-it", "Gemma-2-27B", G, 27.2, 8_192, 46, 16, 128, Mlc + "gemma2_27b" + MlcAt,
            "google/gemma-2-27b", "gemma2:27b") with { SlidingWindowLayers = 23, SlidingWindow = 4_096 },
        Gqa("google/gemma-3-1b-it", "Gemma-3-1B", G, 1.0, 32_768, 26, 1, 256, Mlc + "gemma3_1b_it" + MlcAt + " (sliding_window 512, sliding_window_pattern 6: 4 global layers)" + Xinf,
            "gemma3:1b") with { SlidingWindowLayers = 22, SlidingWindow = 512 },
        Gqa("google/gemma-3-4b-it", "Gemma-3-4B", G, 4.3, 131_072, 34, 4, 256, Card("2025-03") + " (sliding_window 1024, pattern 6)" + Xinf,
            "gemma3", "gemma3:4b") with { SlidingWindowLayers = 29, SlidingWindow = 1_024, SupportsVision = true },
        Gqa("google/gemma-3-12b-it", "Gemma-3-12B", G, 12.2, 131_072, 48, 8, 256, Card("2025-03") + " (sliding_window 1024, pattern 6)" + Xinf,
            "gemma3:12b") with { SlidingWindowLayers = 40, SlidingWindow = 1_024, SupportsVision = true },
        Gqa(ModelIds.Gemma3_27B, "Gemma-3-27B", G, 27.4, 131_072, 62, 16, 128, Card("2025-03") + " (sliding_window 1024, pattern 6: 10 global layers)" + Xinf,
            "gemma3:27b") with { SlidingWindowLayers = 52, SlidingWindow = 1_024, SupportsVision = true },

        // ---- Phi (Microsoft) ----------------------------------------------------------------------------------------------
        Gqa("microsoft/Phi-3-mini-128k-instruct", "Phi-3-mini-128K", P, 3.82, 131_072, 32, 32, 96, Card("2024-04") + Xinf,
            "phi3", "phi3:3.8b", "phi3:mini"),
        Gqa("microsoft/Phi-3-medium-128k-instruct", "Phi-3-medium-128K", P, 14.0, 131_072, 40, 10, 128, Card("2024-05"),
            "phi3:14b", "phi3:medium"),
        Gqa("microsoft/Phi-3.5-mini-instruct", "Phi-3.5-mini", P, 3.82, 131_072, 32, 32, 96, Mlc + "phi-3_5" + MlcAt,
            "phi3.5", "phi3.5:3.8b"),
        Moe("microsoft/Phi-3.5-MoE-instruct", "Phi-3.5-MoE", P, 41.9, 6.6, 131_072, 32, 8, 128, Card("2024-08")),
        Gqa(ModelIds.Phi4_14B, "Phi-4-14B", P, 14.7, 16_384, 40, 10, 128, Card("2024-12"),
            "phi4", "phi4:14b"),
        Gqa("microsoft/Phi-4-mini-instruct", "Phi-4-mini", P, 3.84, 131_072, 32, 8, 128, Mlc + "phi-4" + MlcAt + " (the preset is Phi-4-mini-instruct: 3072 / 24 heads = 128)",
            "phi4-mini", "phi4-mini:3.8b") with { SupportsTools = true },
        Gqa("microsoft/Phi-4-reasoning", "Phi-4-reasoning", P, 14.7, 32_768, 40, 10, 128, "the Phi-4 architecture: " + Card("2025-04"),
            "microsoft/Phi-4-reasoning-plus", "phi4-reasoning", "phi4-reasoning:14b"),

        // ---- gpt-oss (OpenAI): alternating 128-token sliding window and full attention, MXFP4 experts ----------------------
        Moe("openai/gpt-oss-20b", "gpt-oss-20b", ModelFamily.GptOss, 20.9, 3.6, 131_072, 24, 8, 64,
            Card("2025-08") + " (layer_types: sliding_attention and full_attention alternating, sliding_window 128)" + Xinf,
            "gpt-oss:20b") with { SlidingWindowLayers = 12, SlidingWindow = 128, NativeQuantization = Quantization.MXFP4, SupportsTools = true },
        Moe(ModelIds.GptOss120B, "gpt-oss-120b", ModelFamily.GptOss, 116.8, 5.1, 131_072, 36, 8, 64,
            Card("2025-08") + " (layer_types alternating, sliding_window 128)" + Xinf,
            "gpt-oss:120b") with { SlidingWindowLayers = 18, SlidingWindow = 128, NativeQuantization = Quantization.MXFP4, SupportsTools = true },

        // ---- GLM (Z.ai) ---------------------------------------------------------------------------------------------------
        Gqa("zai-org/GLM-4-9B-0414", "GLM-4-9B-0414", Glm, 9.4, 32_768, 40, 2, 128, Slime + "glm4-9B.sh" + SlimeAt + " (4096 / 32 heads = 128)" + Xinf,
            "THUDM/GLM-4-9B-0414", "glm4", "glm4:9b") with { SupportsTools = true },
        Moe("zai-org/GLM-4.5", "GLM-4.5", Glm, 355, 32, 131_072, 92, 8, 128, Slime + "glm4.5-355B-A32B.sh" + SlimeAt + " (3 dense + 89 MoE layers)" + Xinf,
            "zai-org/GLM-4.5-FP8", "glm-4.5") with { SupportsTools = true },
        Moe("zai-org/GLM-4.5-Air", "GLM-4.5-Air", Glm, 106, 12, 131_072, 46, 8, 128, Slime + "glm4.5-106B-A12B.sh" + SlimeAt + " (1 dense + 45 MoE layers)" + Xinf,
            "zai-org/GLM-4.5-Air-FP8", "glm-4.5-air") with { SupportsTools = true },
        Moe("zai-org/GLM-4.6", "GLM-4.6", Glm, 355, 32, 202_752, 92, 8, 128, "the GLM-4.5 layout: " + Slime + "glm4.5-355B-A32B.sh" + SlimeAt + Xinf,
            "zai-org/GLM-4.6-FP8", "glm-4.6") with { SupportsTools = true },
        Moe("zai-org/GLM-4.7", "GLM-4.7", Glm, 355, 32, 202_752, 92, 8, 128, "the GLM-4.5 layout: " + Slime + "glm4.5-355B-A32B.sh" + SlimeAt + Xinf,
            "zai-org/GLM-4.7-FP8", "glm-4.7") with { SupportsTools = true },
        Mla("zai-org/GLM-4.7-Flash", "GLM-4.7-Flash", Glm, 30, 3, 202_752, 47, Slime + "glm4.7-30B-A3B.sh" + SlimeAt + " (1 dense + 46 MoE layers, kv-lora-rank 512, qk-pos-emb-head-dim 64)" + Xinf,
            "glm-4.7-flash") with { SupportsTools = true, NativeQuantization = Quantization.BF16 },
        Mla("zai-org/GLM-5", "GLM-5", Glm, 744, 40, 202_752, 78, Slime + "glm5-744B-A40B.sh" + SlimeAt + " (3 dense + 75 MoE layers, kv-lora-rank 512, qk-pos-emb-head-dim 64; the sparse-attention indexer's small key cache is not counted)" + Xinf,
            "zai-org/GLM-5-FP8", "glm-5") with { SupportsTools = true, SupportsVision = true, NativeQuantization = Quantization.BF16 },

        // ---- Granite (IBM) ------------------------------------------------------------------------------------------------
        Gqa("ibm-granite/granite-3.3-8b-instruct", "Granite-3.3-8B", Gr, 8.17, 131_072, 40, 8, 128, Card("2025-04"),
            "granite3.3", "granite3.3:8b") with { SupportsTools = true },
        Gqa("ibm-granite/granite-3.3-2b-instruct", "Granite-3.3-2B", Gr, 2.53, 131_072, 40, 8, 64, Card("2025-04"),
            "granite3.3:2b") with { SupportsTools = true },

        // ---- Command R / Command A (Cohere) ---------------------------------------------------------------------------------
        Gqa("CohereLabs/c4ai-command-r-v01", "Command R (v01)", C, 35.0, 131_072, 40, 64, 128, Card("2024-03") + " (multi-head attention: 64 KV heads)",
            "CohereForAI/c4ai-command-r-v01") with { SupportsTools = true },
        Gqa("CohereLabs/c4ai-command-r-08-2024", "Command R 08-2024", C, 32.3, 131_072, 40, 8, 128, Card("2024-08"),
            "CohereForAI/c4ai-command-r-08-2024", "command-r", "command-r:35b") with { SupportsTools = true },
        Gqa("CohereLabs/c4ai-command-r-plus-08-2024", "Command R+ 08-2024", C, 104, 131_072, 64, 8, 128, Card("2024-08"),
            "CohereForAI/c4ai-command-r-plus-08-2024", "command-r-plus", "command-r-plus:104b") with { SupportsTools = true },
        Gqa("CohereLabs/c4ai-command-r7b-12-2024", "Command R7B", C, 8.03, 131_072, 32, 8, 128, Card("2024-12") + " (sliding window 4096 on 3 of every 4 layers)",
            "CohereForAI/c4ai-command-r7b-12-2024", "command-r7b", "command-r7b:7b") with { SlidingWindowLayers = 24, SlidingWindow = 4_096, SupportsTools = true },
        Gqa("CohereLabs/c4ai-command-a-03-2025", "Command A", C, 111, 256_000, 64, 8, 128, Card("2025-03") + " (sliding window 4096 on 3 of every 4 layers)",
            "CohereForAI/c4ai-command-a-03-2025", "command-a", "command-a:111b") with { SlidingWindowLayers = 48, SlidingWindow = 4_096, SupportsTools = true },

        // ---- Nemotron (NVIDIA): Mamba2 hybrids ('M' Mamba2, '*' attention, 'E' MoE, '-' MLP in the layer pattern) -----------
        Moe(ModelIds.Nemotron30B, "Nemotron-30B (Omni)", N, 30, 3, 1_048_576, 52, 2, 128,
            "language backbone of Nemotron 3 Nano 30B-A3B: " + Bridge + "nemotron_3_nano.py" + BridgeAt + " (pattern MEMEM*EMEMEM*... : 52 layers, 6 attention, 23 Mamba2 with 64 heads x 64 dim x 128 state, 2 KV groups of 128); the Omni bridge maps the same hybrid config; 'Cloud vs Iron' seed (30B/3B, 1M context, Mamba2 hybrid)",
            "nemotron-3-nano-omni")
            with { AttentionLayers = 6, RecurrentKind = RecurrentLayerKind.Mamba2, RecurrentLayers = 23, RecurrentHeads = 64, RecurrentKeyDim = 128, RecurrentValueDim = 64, SupportsTools = true, SupportsVision = true },
        Moe("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16", "Nemotron-3-Nano-30B-A3B", N, 31.6, 3.2, 1_048_576, 52, 2, 128,
            Bridge + "nemotron_3_nano.py" + BridgeAt + " (52 layers: 6 attention, 23 Mamba2 of 64 heads x 64 dim x 128 state); 1M context: " + Card("2025-12"),
            "nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "nemotron-3-nano", "nemotron-3-nano:30b")
            with { AttentionLayers = 6, RecurrentKind = RecurrentLayerKind.Mamba2, RecurrentLayers = 23, RecurrentHeads = 64, RecurrentKeyDim = 128, RecurrentValueDim = 64, SupportsTools = true },
        Gqa("nvidia/NVIDIA-Nemotron-Nano-9B-v2", "Nemotron-Nano-9B-v2", N, 8.89, 131_072, 56, 8, 128,
            Bridge + "nemotron_nano_v2.py" + BridgeAt + " (pattern M-M-M-MM-M-M-M*-...: 56 layers, 4 attention, 27 Mamba2 of 128 heads x 80 dim x 128 state); context: " + Card("2025-08"),
            "nemotron-nano-9b-v2")
            with { AttentionLayers = 4, RecurrentKind = RecurrentLayerKind.Mamba2, RecurrentLayers = 27, RecurrentHeads = 128, RecurrentKeyDim = 128, RecurrentValueDim = 80, SupportsTools = true },
        Gqa("nvidia/NVIDIA-Nemotron-Nano-12B-v2", "Nemotron-Nano-12B-v2", N, 12.3, 131_072, 62, 8, 128,
            Bridge + "nemotron_nano_v2.py" + BridgeAt + " (pattern M-M-M-M*-...: 62 layers, 6 attention, 28 Mamba2 of 128 heads x 80 dim x 128 state); context: " + Card("2025-08"))
            with { AttentionLayers = 6, RecurrentKind = RecurrentLayerKind.Mamba2, RecurrentLayers = 28, RecurrentHeads = 128, RecurrentKeyDim = 128, RecurrentValueDim = 80, SupportsTools = true },
        Gqa("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", "Llama-3.1-Nemotron-70B", N, 70.6, 131_072, 80, 8, 128, "the Llama-3.1-70B architecture: " + Mlc + "llama3_1_70b" + MlcAt,
            "nemotron", "nemotron:70b") with { SupportsTools = true },

        // ---- MiniMax -----------------------------------------------------------------------------------------------------
        Moe("MiniMaxAI/MiniMax-M2", "MiniMax-M2", ModelFamily.MiniMax, 230, 10, 196_608, 62, 8, 128, Slime + "minimax-m2.sh" + SlimeAt + Xinf,
            "minimax-m2") with { SupportsTools = true, NativeQuantization = Quantization.FP8 },
    ];

    /// <summary>A card-only source: the vendor's model card and config.json as published in <paramref name="month"/>.</summary>
    private static string Card(string month) => "vendor model card and config.json on Hugging Face, " + month + NotReRead;

    private static ModelSpec Gqa(string id, string name, ModelFamily family, double billions, int context, int layers, int kvHeads, int headDim, string source, params string[] aliases)
        => new(id, name, family, billions, billions, context, layers, kvHeads, headDim, source) { Aliases = aliases };

    private static ModelSpec Moe(string id, string name, ModelFamily family, double total, double active, int context, int layers, int kvHeads, int headDim, string source, params string[] aliases)
        => new(id, name, family, total, active, context, layers, kvHeads, headDim, source) { Aliases = aliases };

    /// <summary>Multi-head latent attention with kv_lora_rank 512 and qk_rope_head_dim 64, FP8 weights (the DeepSeek-V3 layout).</summary>
    private static ModelSpec Mla(string id, string name, ModelFamily family, double total, double active, int context, int layers, string source, params string[] aliases)
        => new(id, name, family, total, active, context, layers, null, null, source)
        {
            Attention = AttentionKind.MultiHeadLatent,
            KvLoraRank = 512,
            RopeHeadDim = 64,
            NativeQuantization = Quantization.FP8,
            Aliases = aliases,
        };
}
