using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

public class MemoryEstimatorTests
{
    private static readonly ModelSpec Llama70B = Models.Get(ModelIds.Llama33_70B);

    private static MemoryEstimate Estimate70B(Quantization q, GpuKind gpu, int count, int context = 8_192, KvCacheDType kv = KvCacheDType.Auto)
        => MemoryEstimator.Estimate(Llama70B, q, kv, context, 1, gpu, count);

    [Fact]
    public void Llama70B_at_FP16_weighs_about_140_GB()
    {
        MemoryEstimate estimate = Estimate70B(Quantization.FP16, GpuKind.H100Sxm5, 1);

        Assert.InRange(estimate.WeightsGB, 139, 142);
    }

    [Fact]
    public void Llama70B_at_FP16_does_not_fit_one_H100()
    {
        MemoryEstimate estimate = Estimate70B(Quantization.FP16, GpuKind.H100Sxm5, 1);

        Assert.False(estimate.Fits);
        Assert.Equal(80, estimate.AvailableGB);
        Assert.True(estimate.MarginGB < -60, estimate.ToString());
    }

    [Fact]
    public void Llama70B_at_FP16_fits_two_H100s_with_room_for_an_8K_KV_cache()
    {
        MemoryEstimate estimate = Estimate70B(Quantization.FP16, GpuKind.H100Sxm5, 2);

        Assert.True(estimate.Fits, estimate.ToString());
        Assert.NotNull(estimate.KvCacheGB);
        // 2 × 80 layers × 8 KV heads × 128 × 2 bytes × 8,192 tokens = 2.68 GB.
        Assert.Equal(2.684, estimate.KvCacheGB!.Value, 3);
        Assert.True(estimate.MarginGB > 5, estimate.ToString());
        // The margin holds tens of thousands more tokens of FP16 KV cache (327,680 bytes per token).
        Assert.Equal((long)(estimate.MarginGB * 1e9 / 327_680), estimate.SpareKvCacheTokens);
        Assert.True(estimate.SpareKvCacheTokens > 20_000, estimate.ToString());
        Assert.Contains("more tokens of KV cache", estimate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Llama70B_at_FP16_on_one_H200_leaves_no_room_for_a_KV_cache_and_shows_the_margin()
    {
        MemoryEstimate weightsOnly = Estimate70B(Quantization.FP16, GpuKind.H200, 1, context: 0);

        Assert.Equal(141, weightsOnly.AvailableGB);
        Assert.False(weightsOnly.Fits);
        Assert.InRange(weightsOnly.MarginGB, -15, 0);
        Assert.Contains("does not fit (short by", weightsOnly.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, weightsOnly.SpareKvCacheTokens);
    }

    [Fact]
    public void Llama70B_at_FP8_fits_one_H200_comfortably_even_at_full_context()
    {
        MemoryEstimate estimate = Estimate70B(Quantization.FP8, GpuKind.H200, 1, context: 131_072, kv: KvCacheDType.FP8);

        Assert.True(estimate.Fits, estimate.ToString());
        Assert.True(estimate.MarginGB > 40, estimate.ToString());
    }

    [Fact]
    public void Llama70B_at_Q4_K_M_weighs_38_to_42_GiB_and_does_not_fit_an_RTX_5090()
    {
        MemoryEstimate estimate = Estimate70B(Quantization.GgufQ4KM, GpuKind.Rtx5090, 1);

        // The seed's 38-42 range is binary gigabytes (the real GGUF file is 42.5 GB = 39.6 GiB).
        double weightsGiB = estimate.WeightsGB * 1e9 / (1024.0 * 1024 * 1024);
        Assert.InRange(weightsGiB, 38, 42);
        Assert.InRange(estimate.WeightsGB, 41, 43);
        Assert.False(estimate.Fits);
        Assert.Equal(32, estimate.AvailableGB);
    }

    [Theory]
    [InlineData(Quantization.FP16, 26.0)]
    [InlineData(Quantization.INT8, 13.0)]
    [InlineData(Quantization.AWQ4, 7.0)]
    [InlineData(Quantization.GPTQ4, 7.0)]
    public void A_13B_model_weighs_26_13_and_7_GB_at_16_8_and_4_bits(Quantization quantization, double expectedGB)
    {
        MemoryEstimate estimate = MemoryEstimator.Estimate(Models.Get(ModelIds.Generic13B), quantization, KvCacheDType.Auto, 0, 1, GpuKind.A100_80GB, 1);

        Assert.Equal(expectedGB, estimate.WeightsGB, 0);
    }

    [Fact]
    public void An_FP8_KV_cache_is_half_the_size_of_an_FP16_one()
    {
        MemoryEstimate fp16 = Estimate70B(Quantization.FP8, GpuKind.H100Sxm5, 1, context: 32_768);
        MemoryEstimate fp8 = Estimate70B(Quantization.FP8, GpuKind.H100Sxm5, 1, context: 32_768, kv: KvCacheDType.FP8);

        Assert.Equal(fp16.KvCacheGB!.Value / 2, fp8.KvCacheGB!.Value, 6);
    }

    [Fact]
    public void The_KV_cache_grows_with_batch()
    {
        ModelSpec model = Models.Get(ModelIds.Llama31_8B);
        MemoryEstimate one = MemoryEstimator.Estimate(model, Quantization.BF16, KvCacheDType.Auto, 4_096, 1, GpuKind.L40S, 1);
        MemoryEstimate sixteen = MemoryEstimator.Estimate(model, Quantization.BF16, KvCacheDType.Auto, 4_096, 16, GpuKind.L40S, 1);

        Assert.Equal(one.KvCacheGB!.Value * 16, sixteen.KvCacheGB!.Value, 6);
    }

    [Fact]
    public void A_model_without_public_architecture_numbers_is_not_KV_sized_and_says_so()
    {
        MemoryEstimate estimate = MemoryEstimator.Estimate(Models.Get(ModelIds.DeepSeekV4Pro), Quantization.FP8, KvCacheDType.FP8, 8_192, 1, GpuKind.B200, 8);

        Assert.False(estimate.KvCacheSized);
        Assert.Null(estimate.KvCacheGB);
        Assert.Null(estimate.SpareKvCacheTokens);
        Assert.Contains("KV cache not sized", estimate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_the_parameter()
    {
        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => MemoryEstimator.Estimate(null!, Quantization.FP16, KvCacheDType.Auto, 1, 1, GpuKind.H100Sxm5, 1)).ParamName);
        Assert.Equal("contextTokens", Assert.Throws<ArgumentOutOfRangeException>(() => Estimate70B(Quantization.FP16, GpuKind.H100Sxm5, 1, context: -1)).ParamName);
        Assert.Equal("batch", Assert.Throws<ArgumentOutOfRangeException>(() => MemoryEstimator.Estimate(Llama70B, Quantization.FP16, KvCacheDType.Auto, 1, 0, GpuKind.H100Sxm5, 1)).ParamName);
        Assert.Equal("gpuCount", Assert.Throws<ArgumentOutOfRangeException>(() => Estimate70B(Quantization.FP16, GpuKind.H100Sxm5, 0)).ParamName);
        Assert.Equal("gpu", Assert.Throws<ArgumentOutOfRangeException>(() => Estimate70B(Quantization.FP16, (GpuKind)999, 1)).ParamName);
        Assert.Equal("quantization", Assert.Throws<ArgumentOutOfRangeException>(() => Estimate70B((Quantization)999, GpuKind.H100Sxm5, 1)).ParamName);
    }
}
