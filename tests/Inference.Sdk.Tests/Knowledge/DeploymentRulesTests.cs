using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

public class DeploymentRulesTests
{
    // A healthy baseline: Llama-3.1-8B in FP8 on one H100 with vLLM, FP8 KV cache, 8K context, on demand.
    private static readonly DeploymentDescription Healthy = new()
    {
        Provider = ProviderKind.RunPod,
        Engine = EngineKind.Vllm,
        Gpu = GpuKind.H100Sxm5,
        ModelId = ModelIds.Llama31_8B,
        Quantization = Quantization.FP8,
        KvCacheDType = KvCacheDType.FP8,
        ContextLength = 8_192,
        MaxOutputTokens = 1_024,
        ExpectedPromptTokens = 2_000,
        Capacity = CapacityType.OnDemand,
        Profile = DeploymentProfile.Production,
    };

    private static Finding Single(DeploymentDescription description, string ruleId)
    {
        IReadOnlyList<Finding> findings = DeploymentRules.Evaluate(description);
        return Assert.Single(findings, f => f.RuleId == ruleId);
    }

    private static void None(DeploymentDescription description, string ruleId)
        => Assert.DoesNotContain(DeploymentRules.Evaluate(description), f => f.RuleId == ruleId);

    private static string Fact(Finding finding, string name) => finding.Facts.Single(f => f.Key == name).Value;

    [Fact]
    public void The_healthy_baseline_has_no_findings()
    {
        Assert.Empty(DeploymentRules.Evaluate(Healthy));
    }

    [Fact]
    public void INF1001_fires_for_FP8_on_an_A100()
    {
        Finding finding = Single(Healthy with { Gpu = GpuKind.A100_80GB }, RuleIds.QuantizationNotNative);

        Assert.Equal("INF1001", finding.RuleId);
        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("A100", finding.Message, StringComparison.Ordinal);
        Assert.Equal("Ampere", Fact(finding, "architecture"));
    }

    [Fact]
    public void INF1001_is_an_error_for_NVFP4_on_Hopper_and_silent_on_Blackwell()
    {
        Assert.Equal(FindingSeverity.Error, Single(Healthy with { Quantization = Quantization.NVFP4, Gpu = GpuKind.H200 }, RuleIds.QuantizationNotNative).Severity);
        None(Healthy with { Quantization = Quantization.NVFP4, Gpu = GpuKind.B200 }, RuleIds.QuantizationNotNative);
    }

    [Fact]
    public void INF1001_does_not_fire_for_INT8_on_an_A100()
    {
        None(Healthy with { Gpu = GpuKind.A100_80GB, Quantization = Quantization.INT8 }, RuleIds.QuantizationNotNative);
    }

    [Fact]
    public void INF1002_fires_for_70B_FP16_on_one_H100_with_the_numbers()
    {
        Finding finding = Single(Healthy with { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.FP16, KvCacheDType = KvCacheDType.Auto }, RuleIds.DoesNotFit);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("80", Fact(finding, "availableGB"));
        Assert.True(double.Parse(Fact(finding, "marginGB"), System.Globalization.CultureInfo.InvariantCulture) < 0);
        Assert.Contains("GB", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void INF1002_does_not_fire_for_70B_FP16_on_two_H100s()
    {
        None(Healthy with { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.FP16, GpuCount = 2 }, RuleIds.DoesNotFit);
    }

    [Fact]
    public void INF1002_sizes_the_models_full_window_when_no_context_length_is_set()
    {
        // 70B FP8 + a 128K FP16 KV cache (42.9 GB) does not fit 80 GB; capped at 8K it does.
        var fullWindow = Healthy with { ModelId = ModelIds.Llama33_70B, ContextLength = null, KvCacheDType = KvCacheDType.Auto, MaxOutputTokens = null };

        Assert.Equal("131072", Fact(Single(fullWindow, RuleIds.DoesNotFit), "contextTokens"));
        None(fullWindow with { ContextLength = 8_192 }, RuleIds.DoesNotFit);
    }

    [Fact]
    public void INF1003_fires_for_AWQ4_on_70B_without_an_evaluation()
    {
        Finding finding = Single(Healthy with { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.AWQ4 }, RuleIds.FourBitUnevaluated);

        Assert.Equal(FindingSeverity.Warning, finding.Severity);
        Assert.Contains("7.8", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void INF1003_does_not_fire_once_evaluated_or_on_an_8B_model()
    {
        None(Healthy with { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.AWQ4, EvaluatedForQuality = true }, RuleIds.FourBitUnevaluated);
        None(Healthy with { Quantization = Quantization.AWQ4 }, RuleIds.FourBitUnevaluated);
        None(Healthy with { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.FP8 }, RuleIds.FourBitUnevaluated);
    }

    [Fact]
    public void INF1004_fires_when_output_plus_prompt_exceed_the_window()
    {
        Finding finding = Single(Healthy with { MaxOutputTokens = 4_096, ExpectedPromptTokens = 4_097 }, RuleIds.TokenBudgetOverContext);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("exceed the context window of 8192 tokens by 1", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void INF1004_does_not_fire_when_output_plus_prompt_exactly_fill_the_window()
    {
        None(Healthy with { MaxOutputTokens = 4_096, ExpectedPromptTokens = 4_096 }, RuleIds.TokenBudgetOverContext);
    }

    [Fact]
    public void INF2003_not_INF1004_fires_when_max_output_alone_fills_a_catalog_models_window()
    {
        DeploymentDescription fills = Healthy with { ModelId = ModelIds.Generic7B, ContextLength = null, MaxOutputTokens = 4_096, ExpectedPromptTokens = null, Quantization = Quantization.FP16 };
        Finding finding = Single(fills, RuleIds.OutputBudgetLeavesNoPrompt);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Contains("leaving no room for a prompt", finding.Message, StringComparison.Ordinal);
        None(fills, RuleIds.TokenBudgetOverContext);
        None(fills with { MaxOutputTokens = 4_095 }, RuleIds.OutputBudgetLeavesNoPrompt);
    }

    [Fact]
    public void INF2001_fires_when_max_output_is_larger_than_the_models_window_whatever_the_engine_context()
    {
        Finding finding = Single(Healthy with { MaxOutputTokens = 200_000, ExpectedPromptTokens = null }, RuleIds.MaxOutputTokensOverContextWindow);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("8192", Fact(finding, "contextTokens")); // the context the engine serves: the code fix keeps half of it
        None(Healthy with { MaxOutputTokens = 200_000 }, RuleIds.TokenBudgetOverContext);
    }

    [Fact]
    public void INF1004_fires_when_max_output_fills_the_configured_context_of_a_model_the_catalog_does_not_know()
    {
        Finding finding = Single(Healthy with { ModelId = "my-org/private-model", ContextLength = 4_096, MaxOutputTokens = 4_096, ExpectedPromptTokens = null }, RuleIds.TokenBudgetOverContext);

        Assert.Contains("no room is left for a prompt", finding.Message, StringComparison.Ordinal);
        None(Healthy with { ModelId = "my-org/private-model", ContextLength = 4_096, MaxOutputTokens = 4_095, ExpectedPromptTokens = null }, RuleIds.TokenBudgetOverContext);
    }

    [Theory]
    [InlineData(EngineKind.TensorRtLlm, Quantization.GgufQ4KM)]
    [InlineData(EngineKind.Vllm, Quantization.GgufQ8_0)]
    [InlineData(EngineKind.Ollama, Quantization.AWQ4)]
    [InlineData(EngineKind.LlamaCpp, Quantization.GPTQ4)]
    [InlineData(EngineKind.Tgi, Quantization.NVFP4)]
    public void INF1005_fires_when_the_engine_cannot_load_the_format(EngineKind engine, Quantization quantization)
    {
        Finding finding = Single(Healthy with { Engine = engine, Quantization = quantization, Profile = DeploymentProfile.Development }, RuleIds.EngineCannotLoadFormat);

        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal(engine.ToString(), Fact(finding, "engine"));
    }

    [Theory]
    [InlineData(EngineKind.LlamaCpp, Quantization.GgufQ4KM)]
    [InlineData(EngineKind.Vllm, Quantization.AWQ4)]
    [InlineData(EngineKind.TensorRtLlm, Quantization.FP8)]
    [InlineData(EngineKind.OpenAICompatible, Quantization.GgufQ4KM)]
    public void INF1005_does_not_fire_when_the_engine_loads_the_format(EngineKind engine, Quantization quantization)
    {
        None(Healthy with { Engine = engine, Quantization = quantization }, RuleIds.EngineCannotLoadFormat);
    }

    [Theory]
    [InlineData(EngineKind.Ollama)]
    [InlineData(EngineKind.LlamaCpp)]
    public void INF1006_fires_for_a_development_engine_in_production(EngineKind engine)
    {
        Assert.Equal(FindingSeverity.Warning, Single(Healthy with { Engine = engine, Quantization = Quantization.GgufQ4KM }, RuleIds.DevelopmentEngineInProduction).Severity);
    }

    [Fact]
    public void INF1006_does_not_fire_in_development_or_for_vLLM()
    {
        None(Healthy with { Engine = EngineKind.Ollama, Quantization = Quantization.GgufQ4KM, Profile = DeploymentProfile.Development }, RuleIds.DevelopmentEngineInProduction);
        None(Healthy, RuleIds.DevelopmentEngineInProduction);
    }

    [Fact]
    public void INF1007_fires_for_an_FP16_KV_cache_on_Hopper_at_long_context()
    {
        Finding finding = Single(Healthy with { KvCacheDType = KvCacheDType.Auto, ContextLength = 32_768 }, RuleIds.Fp8KvCacheOff);

        Assert.Equal("32768", Fact(finding, "contextTokens"));
        Assert.Equal("7000", Fact(finding, "breakEvenTokens"));
    }

    [Fact]
    public void INF1007_does_not_fire_below_the_break_even_off_Hopper_or_with_FP8_on()
    {
        None(Healthy with { KvCacheDType = KvCacheDType.Auto, ContextLength = 6_999, MaxOutputTokens = 512, ExpectedPromptTokens = 512 }, RuleIds.Fp8KvCacheOff);
        None(Healthy with { KvCacheDType = KvCacheDType.Auto, ContextLength = 32_768, Gpu = GpuKind.L40S }, RuleIds.Fp8KvCacheOff);
        None(Healthy with { ContextLength = 32_768 }, RuleIds.Fp8KvCacheOff);
    }

    [Fact]
    public void INF1008_fires_for_latency_critical_spot_without_fallback()
    {
        Assert.Equal(FindingSeverity.Warning, Single(Healthy with { Capacity = CapacityType.Spot, LatencyCritical = true }, RuleIds.SpotWithoutFallback).Severity);
    }

    [Fact]
    public void INF1008_does_not_fire_with_a_fallback_or_when_not_latency_critical()
    {
        None(Healthy with { Capacity = CapacityType.Spot, LatencyCritical = true, HasFallback = true }, RuleIds.SpotWithoutFallback);
        None(Healthy with { Capacity = CapacityType.Spot, LatencyCritical = false }, RuleIds.SpotWithoutFallback);
        None(Healthy with { Capacity = CapacityType.OnDemand, LatencyCritical = true }, RuleIds.SpotWithoutFallback);
    }

    [Fact]
    public void Unknown_models_are_not_sized_but_other_rules_still_apply()
    {
        IReadOnlyList<Finding> findings = DeploymentRules.Evaluate(Healthy with { ModelId = "acme/private-70b", Gpu = GpuKind.A100_80GB });

        Assert.Equal([RuleIds.QuantizationNotNative], findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Bad_descriptions_name_the_parameter_and_the_setting()
    {
        Assert.Equal("description", Assert.Throws<ArgumentNullException>(() => DeploymentRules.Evaluate(null!)).ParamName);
        ArgumentException bad = Assert.Throws<ArgumentException>(() => DeploymentRules.Evaluate(Healthy with { GpuCount = 0 }));
        Assert.Equal("description", bad.ParamName);
        Assert.Contains("GpuCount", bad.Message, StringComparison.Ordinal);
        Assert.Contains("MaxOutputTokens", Assert.Throws<ArgumentException>(() => DeploymentRules.Evaluate(Healthy with { MaxOutputTokens = -1 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rule_ids_are_unique_and_follow_the_INF_scheme()
    {
        string[] ids = typeof(RuleIds).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToArray();

        Assert.Equal(13, ids.Length);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^INF[12][0-9]{3}$", id));
    }
}
