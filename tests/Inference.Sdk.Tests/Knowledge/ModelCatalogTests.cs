using System;
using System.Linq;
using System.Text.RegularExpressions;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

/// <summary>The model catalog: its size and families, every entry recomputed from its source fields, fits for MoE, MLA and hybrids, and names.</summary>
public class ModelCatalogTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (ModelSpec model in Models.All)
        {
            data.Add(model.Id);
        }

        return data;
    }

    [Fact]
    public void The_catalog_holds_at_least_80_models_across_the_families_in_use()
    {
        Assert.True(Models.All.Count >= 80, $"{Models.All.Count} models");
        Assert.Equal(Models.All.Count, Models.All.Select(m => m.Id.ToUpperInvariant()).Distinct().Count());
        string[] expected =
        [
            "Llama-3.1", "Llama-3.3", "Llama-4", "Qwen2.5", "Qwen3-", "Qwen3.5", "Qwen2.5-Coder", "Qwen3-Coder", "DeepSeek-V3", "DeepSeek-R1",
            "DeepSeek-R1-Distill", "DeepSeek V4", "Mistral", "Mixtral", "Magistral", "Devstral", "Gemma-2", "Gemma-3", "Phi-3", "Phi-4",
            "gpt-oss-20b", "gpt-oss-120b", "Nemotron", "Kimi", "GLM", "Granite", "Command R", "Command A",
        ];
        Assert.All(expected, prefix => Assert.Contains(Models.All, m => m.DisplayName.StartsWith(prefix, StringComparison.Ordinal)));
        Assert.Contains(Models.All, m => m.IsMixtureOfExperts && m.Attention == AttentionKind.MultiHeadLatent);
        Assert.Contains(Models.All, m => m.RecurrentKind == RecurrentLayerKind.LinearAttention && m.CanSizeKvCache);
        Assert.Contains(Models.All, m => m.RecurrentKind == RecurrentLayerKind.Mamba2 && m.CanSizeKvCache);
        Assert.Contains(Models.All, m => m.SlidingWindowLayers > 0);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_entry_is_whole_and_names_a_dated_source(string id)
    {
        ModelSpec model = Models.Get(id);

        Assert.Empty(model.Check());
        Assert.Matches(new Regex(@"(19|20)\d\d-\d\d"), model.Source);
        Assert.True(model.ContextWindow >= 4_096, model.ContextWindow.ToString());
        Assert.True(model.ActiveParametersBillions <= model.TotalParametersBillions);
        Assert.Same(model, Models.Get(id.ToUpperInvariant()));
        Assert.All(model.Aliases, alias => Assert.Same(model, Models.Get(alias)));
    }

    /// <summary>
    /// Weights and KV bytes per token recomputed from the entry's source fields with the formulas written out here, apart from
    /// <see cref="MemoryEstimator"/>: weights = B × bits / 8; per token per attention layer 2 × KV heads × head dim (GQA) or
    /// kv_lora_rank + qk_rope_head_dim (MLA) elements; only layers that see the whole context count per token.
    /// </summary>
    [Theory]
    [MemberData(nameof(Ids))]
    public void Weights_and_KV_bytes_per_token_follow_from_the_source_fields(string id)
    {
        ModelSpec m = Models.Get(id);
        MemoryEstimate bf16 = MemoryEstimator.Estimate(m, Quantization.BF16, KvCacheDType.Auto, 0, 1, GpuKind.B300, 8);
        Assert.Equal(m.TotalParametersBillions * 2, bf16.WeightsGB, 6);

        if (m.Layers is null)
        {
            Assert.Null(MemoryEstimator.KvCacheBytesPerToken(m, KvCacheDType.Auto));
            return;
        }

        int attentionLayers = m.AttentionLayers ?? (m.Layers.Value - m.RecurrentLayers);
        long perLayer = m.Attention == AttentionKind.MultiHeadLatent
            ? m.KvLoraRank!.Value + m.RopeHeadDim!.Value
            : 2L * m.KvHeads!.Value * m.HeadDim!.Value;
        long fullContextLayers = attentionLayers - m.SlidingWindowLayers;

        Assert.Equal(perLayer * 2 * fullContextLayers, MemoryEstimator.KvCacheBytesPerToken(m, KvCacheDType.Auto));
        Assert.Equal(perLayer * fullContextLayers, MemoryEstimator.KvCacheBytesPerToken(m, KvCacheDType.FP8));

        // A whole window: sliding layers hold at most their window, recurrent layers a state per sequence.
        int context = m.ContextWindow;
        double expected = (perLayer * 2.0 * ((fullContextLayers * (double)context) + (m.SlidingWindowLayers * (double)Math.Min(context, m.SlidingWindow ?? context))))
            + (m.RecurrentLayers * (double)(m.RecurrentHeads ?? 0) * (m.RecurrentKeyDim ?? 0) * (m.RecurrentValueDim ?? 0) * 2);
        Assert.Equal(expected * 3, MemoryEstimator.KvCacheBytes(m, KvCacheDType.Auto, context, 3)!.Value, 0);
    }

    [Theory]
    [InlineData(ModelIds.Llama31_8B, 131_072)] // 128 KiB per token, the figure quoted for Llama 3 8B in BF16
    [InlineData(ModelIds.Llama33_70B, 327_680)] // 320 KiB
    [InlineData("deepseek-ai/DeepSeek-V3", 70_272)] // 61 layers × (512 + 64) × 2 bytes: the MLA latent, not 128 heads × 2 × 192
    [InlineData(ModelIds.KimiK26, 70_272)]
    [InlineData(ModelIds.Qwen35_35B_A3B, 20_480)] // 10 gated-attention layers × 2 × 2 × 256 × 2; 30 DeltaNet layers add nothing per token
    [InlineData(ModelIds.Nemotron30B, 6_144)] // 6 attention layers × 2 × 2 × 128 × 2 of 52
    [InlineData(ModelIds.GptOss120B, 36_864)] // 18 full layers × 2 × 8 × 64 × 2; the 18 sliding layers stop at 128 tokens
    [InlineData(ModelIds.Gemma3_27B, 81_920)] // 10 global layers of 62 × 2 × 16 × 128 × 2
    public void KV_bytes_per_token_match_the_published_layouts(string id, long bytesPerToken)
    {
        Assert.Equal(bytesPerToken, MemoryEstimator.KvCacheBytesPerToken(Models.Get(id), KvCacheDType.Auto));
    }

    [Fact]
    public void MoE_models_are_sized_by_all_their_parameters_not_the_active_ones()
    {
        ModelSpec qwen = Models.Get("Qwen/Qwen3-30B-A3B");

        MemoryEstimate onL4 = MemoryEstimator.Estimate(qwen, Quantization.FP8, KvCacheDType.FP8, 32_768, 1, GpuKind.L4, 1);
        MemoryEstimate onL40S = MemoryEstimator.Estimate(qwen, Quantization.FP8, KvCacheDType.FP8, 32_768, 1, GpuKind.L40S, 1);

        Assert.False(onL4.Fits); // 30.5 GB of FP8 weights on 24 GB, though only 3.3B are active per token
        Assert.True(onL40S.Fits);
        Assert.Equal(30.5, onL40S.WeightsGB, 6);
    }

    [Fact]
    public void MLA_models_fit_where_a_per_head_KV_cache_would_not()
    {
        ModelSpec v3 = Models.Get("deepseek-ai/DeepSeek-V3");

        MemoryEstimate eightH200 = MemoryEstimator.Estimate(v3, v3.NativeQuantization, KvCacheDType.Auto, 163_840, 8, GpuKind.H200, 8);
        MemoryEstimate eightH100 = MemoryEstimator.Estimate(v3, v3.NativeQuantization, KvCacheDType.Auto, 163_840, 1, GpuKind.H100Sxm5, 8);

        Assert.Equal(Quantization.FP8, v3.NativeQuantization);
        Assert.Equal(8.0 * 163_840 * 70_272 / 1e9, eightH200.KvCacheGB!.Value, 6); // 92 GB for 8 full windows
        Assert.True(eightH200.Fits, eightH200.ToString());
        Assert.False(eightH100.Fits, eightH100.ToString()); // 671 GB of FP8 weights on 640 GB

        // Read as 128 heads of 192 + 128 per layer (what the GQA formula would do) the same batch needs 3.3 TB of KV cache.
        ModelSpec perHead = new(v3.Id, v3.DisplayName, v3.Family, 671, 37, 163_840, 61, 128, 160, v3.Source);
        Assert.False(MemoryEstimator.Estimate(perHead, Quantization.FP8, KvCacheDType.Auto, 163_840, 8, GpuKind.H200, 8).Fits);
    }

    [Fact]
    public void Hybrid_models_count_only_their_attention_layers_per_token()
    {
        ModelSpec qwen = Models.Get(ModelIds.Qwen35_35B_A3B);
        ModelSpec naive = new(qwen.Id, qwen.DisplayName, qwen.Family, 35, 3, 262_144, 40, 2, 256, qwen.Source); // all 40 layers as attention

        MemoryEstimate hybrid = MemoryEstimator.Estimate(qwen, Quantization.FP8, KvCacheDType.Auto, 262_144, 1, GpuKind.L40S, 1);
        MemoryEstimate counted = MemoryEstimator.Estimate(naive, Quantization.FP8, KvCacheDType.Auto, 262_144, 1, GpuKind.L40S, 1);

        Assert.True(hybrid.Fits, hybrid.ToString()); // 35 GB + 5.4 GB of KV cache + 31 MB of DeltaNet state
        Assert.False(counted.Fits, counted.ToString()); // 21.5 GB of KV cache if every layer were attention
        Assert.Equal(((262_144L * 20_480) + (30L * 32 * 128 * 128 * 2)) / 1e9, hybrid.KvCacheGB!.Value, 9);

        ModelSpec nemotron = Models.Get("nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16");
        Assert.True(MemoryEstimator.Estimate(nemotron, Quantization.BF16, KvCacheDType.Auto, 1_048_576, 1, GpuKind.H100Sxm5, 1).Fits);
        ModelSpec allAttention = new(nemotron.Id, nemotron.DisplayName, nemotron.Family, 31.6, 3.2, 1_048_576, 52, 2, 128, nemotron.Source);
        Assert.False(MemoryEstimator.Estimate(allAttention, Quantization.BF16, KvCacheDType.Auto, 1_048_576, 1, GpuKind.H100Sxm5, 1).Fits);
    }

    [Fact]
    public void Sliding_window_layers_stop_growing_at_their_window()
    {
        ModelSpec gemma = Models.Get(ModelIds.Gemma3_27B);

        double at1K = MemoryEstimator.KvCacheBytes(gemma, KvCacheDType.Auto, 1_024, 1)!.Value;
        double at2K = MemoryEstimator.KvCacheBytes(gemma, KvCacheDType.Auto, 2_048, 1)!.Value;

        Assert.Equal(62L * 8_192 * 1_024, at1K); // below the window every layer grows
        Assert.Equal(at1K + (10L * 8_192 * 1_024), at2K); // past it only the 10 global layers do
        Assert.True(MemoryEstimator.Estimate(gemma, Quantization.BF16, KvCacheDType.Auto, 131_072, 1, GpuKind.H100Sxm5, 1).Fits);
    }

    [Theory]
    [InlineData("Qwen3-30B-A3B-Q4_K_M.gguf", "Qwen/Qwen3-30B-A3B")]
    [InlineData("/models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf", ModelIds.Llama31_8B)]
    [InlineData("Qwen3.5-35B-A3B-UD-Q4_K_XL.gguf", ModelIds.Qwen35_35B_A3B)]
    [InlineData("gpt-oss-120b-mxfp4-00001-of-00003.gguf", ModelIds.GptOss120B)]
    [InlineData("google_gemma-3-27b-it-Q4_K_M.gguf", ModelIds.Gemma3_27B)]
    [InlineData("unsloth/Qwen3-30B-A3B-GGUF", "Qwen/Qwen3-30B-A3B")]
    [InlineData("hf.co/bartowski/google_gemma-3-27b-it-GGUF:Q4_K_M", ModelIds.Gemma3_27B)]
    [InlineData("Qwen/Qwen3-32B-AWQ", ModelIds.Qwen3_32B)]
    [InlineData("RedHatAI/Llama-3.3-70B-Instruct-FP8-dynamic", ModelIds.Llama33_70B)]
    [InlineData("hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4", ModelIds.Llama31_8B)]
    [InlineData("qwen3:30b-a3b-q4_K_M", "Qwen/Qwen3-30B-A3B")]
    [InlineData("gpt-oss:20b", "openai/gpt-oss-20b")]
    [InlineData("gemma3:latest", "google/gemma-3-4b-it")]
    [InlineData("mistral-small3.2:24b", ModelIds.MistralSmall32_24B)]
    [InlineData("deepseek-r1:70b", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B")]
    [InlineData("Mistral-Small-3.2-24B-Instruct-2506", ModelIds.MistralSmall32_24B)]
    public void Models_are_found_by_GGUF_names_quantized_repositories_and_Ollama_tags(string name, string id)
    {
        Assert.True(Models.TryGet(name, out ModelSpec? model), name);
        Assert.Equal(id, model!.Id);
    }

    [Theory]
    [InlineData("acme/unknown-7b")]
    [InlineData("Qwen3-31B-Q4_K_M.gguf")]
    [InlineData("q4_k_m")]
    [InlineData("")]
    public void Unknown_names_are_not_guessed(string name)
    {
        Assert.False(Models.TryGet(name, out _));
    }

    [Fact]
    public void A_described_model_wins_over_the_catalog_and_is_found_by_its_aliases()
    {
        var own = new ModelSpec("acme/Widget-9B", "Widget-9B", ModelFamily.Generic, 9, 9, 32_768, 36, 8, 128, "acme model card, 2026-06") { Aliases = ["widget:9b"] };
        var shadow = new ModelSpec(ModelIds.Llama31_8B, "My Llama", ModelFamily.Llama3, 8.03, 8.03, 16_384, 32, 8, 128, "our fine-tune, 2026-06");

        Assert.True(Models.TryGet("widget:9b", [own, shadow], out ModelSpec? found));
        Assert.Same(own, found);
        Assert.True(Models.TryGet(ModelIds.Llama31_8B, [own, shadow], out found));
        Assert.Equal(16_384, found!.ContextWindow);
        Assert.True(Models.TryGet("qwen3:8b", [own], out found));
        Assert.Equal("Qwen/Qwen3-8B", found!.Id);
        Assert.False(Models.TryGet("widget:9b", out _));
    }

    [Fact]
    public void Check_names_the_property_of_an_incomplete_description()
    {
        var mla = new ModelSpec("acme/latent", "Latent", ModelFamily.Generic, 10, 2, 8_192, 20, null, null, "acme, 2026-01") { Attention = AttentionKind.MultiHeadLatent };
        var hybrid = new ModelSpec("acme/hybrid", "Hybrid", ModelFamily.Generic, 10, 10, 8_192, 20, 4, 128, "acme, 2026-01") { RecurrentLayers = 15 };
        var windowed = new ModelSpec("acme/window", "Window", ModelFamily.Generic, 10, 10, 8_192, 20, 4, 128, "acme, 2026-01") { SlidingWindowLayers = 30, SlidingWindow = 512 };
        var moe = new ModelSpec("acme/moe", "Moe", ModelFamily.Generic, 10, 12, 8_192, 20, 4, 128, "acme, 2026-01");

        Assert.Contains(mla.Check(), p => p.Contains(nameof(ModelSpec.KvLoraRank), StringComparison.Ordinal));
        Assert.Contains(hybrid.Check(), p => p.Contains(nameof(ModelSpec.RecurrentHeads), StringComparison.Ordinal));
        Assert.Contains(windowed.Check(), p => p.Contains(nameof(ModelSpec.SlidingWindowLayers), StringComparison.Ordinal));
        Assert.Contains(moe.Check(), p => p.Contains(nameof(ModelSpec.ActiveParametersBillions), StringComparison.Ordinal));
        Assert.False(mla.CanSizeKvCache);
        Assert.Null(MemoryEstimator.Estimate(mla, Quantization.BF16, KvCacheDType.Auto, 8_192, 1, GpuKind.L4, 1).KvCacheGB);
    }

    [Fact]
    public void Unset_quantization_sizes_the_published_weights()
    {
        var onH200 = new DeploymentDescription { ModelId = ModelIds.GptOss120B, Gpu = GpuKind.H100Sxm5, ContextLength = 131_072 };
        var deepSeek = new DeploymentDescription { ModelId = "deepseek-ai/DeepSeek-V3", Gpu = GpuKind.H200, GpuCount = 8, ContextLength = 32_768 };

        Assert.DoesNotContain(DeploymentRules.Evaluate(onH200), f => f.RuleId == RuleIds.DoesNotFit); // MXFP4: ~62 GB, not 234 GB of BF16
        Assert.DoesNotContain(DeploymentRules.Evaluate(deepSeek), f => f.RuleId == RuleIds.DoesNotFit); // FP8: 671 GB on 1,128 GB
    }
}
