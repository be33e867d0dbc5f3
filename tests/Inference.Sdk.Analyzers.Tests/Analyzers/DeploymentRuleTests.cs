using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Analyzers;

/// <summary>INF1001–INF1008 over C# constants: initializers, const fields, enum members, registration lambdas.</summary>
public sealed class DeploymentRuleTests
{
    private static readonly DeploymentDescription Fp8OnA100 = new()
    {
        Gpu = GpuKind.A100_80GB, Quantization = Quantization.FP8, Profile = DeploymentProfile.Production,
    };

    [Fact]
    public Task INF1001_fires_on_the_quantization_of_FP8_on_an_A100()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object M() => new InferenceTargetOptions
                {
                    Gpu = GpuKind.A100_80GB,
                    Quantization = {|#0:Quantization.FP8|},
                };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.QuantizationNotNative).WithLocation(0).WithArguments(Rules.Message(RuleIds.QuantizationNotNative, Fp8OnA100)));

    [Fact]
    public Task INF1001_reads_const_fields_and_folded_casts()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            static class Deployment
            {
                public const GpuKind Gpu = GpuKind.A100_80GB;
                public const Quantization Format = Quantization.FP8;
            }

            class C
            {
                object M() => new InferenceTargetOptions { Gpu = Deployment.Gpu, Quantization = {|#0:Deployment.Format|} };
                object N() => new InferenceTargetOptions { Gpu = (GpuKind)4, Quantization = {|#1:(Quantization)2|} };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.QuantizationNotNative).WithLocation(0).WithArguments(Rules.Message(RuleIds.QuantizationNotNative, Fp8OnA100)),
            Verify.Diagnostic(DiagDescriptors.QuantizationNotNative).WithLocation(1).WithArguments(Rules.Message(RuleIds.QuantizationNotNative, Fp8OnA100)));

    [Fact]
    public Task INF1001_does_not_fire_on_FP8_on_a_Hopper_GPU_or_on_values_known_only_at_run_time()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object H100() => new InferenceTargetOptions { Gpu = GpuKind.H100Sxm5, Quantization = Quantization.FP8 };
                object Int8() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, Quantization = Quantization.INT8 };
                object RunTime(GpuKind gpu) => new InferenceTargetOptions { Gpu = gpu, Quantization = Quantization.FP8 };
                object NoInitializer() => new InferenceTargetOptions();
            }
            """);

    [Fact]
    public Task Rules_run_on_the_assignments_of_a_registration_lambda()
        => Verify.AnalyzerAsync("""
            using System;
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            static class Registration
            {
                public static void AddTarget(string name, Action<InferenceTargetOptions> configure) { }
            }

            class C
            {
                void M() => Registration.AddTarget("a100", t =>
                {
                    t.Gpu = GpuKind.A100_80GB;
                    t.Quantization = {|#0:Quantization.FP8|};
                });
            }
            """,
            Verify.Diagnostic(DiagDescriptors.QuantizationNotNative).WithLocation(0).WithArguments(Rules.Message(RuleIds.QuantizationNotNative, Fp8OnA100)));

    [Fact]
    public Task INF1002_fires_when_the_model_does_not_fit_and_not_when_it_does()
    {
        var description = new DeploymentDescription
        {
            ModelId = ModelIds.Llama33_70B, Gpu = GpuKind.H100Sxm5, GpuCount = 1, Quantization = Quantization.FP16,
            ContextLength = 8192, KvCacheDType = KvCacheDType.FP8, Profile = DeploymentProfile.Production,
        };
        return Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object TooSmall() => new InferenceTargetOptions
                {
                    Model = "meta-llama/Llama-3.3-70B-Instruct",
                    Gpu = GpuKind.H100Sxm5,
                    GpuCount = {|#0:1|},
                    Quantization = Quantization.FP16,
                    ContextLength = 8192,
                    KvCacheDType = KvCacheDType.FP8,
                };

                object Fits() => new InferenceTargetOptions
                {
                    Model = "meta-llama/Llama-3.3-70B-Instruct",
                    Gpu = GpuKind.H100Sxm5,
                    GpuCount = 2,
                    Quantization = Quantization.FP16,
                    ContextLength = 8192,
                    KvCacheDType = KvCacheDType.FP8,
                };

                object CountAtRunTime(int count) => new InferenceTargetOptions
                {
                    Model = "meta-llama/Llama-3.3-70B-Instruct",
                    Gpu = GpuKind.H100Sxm5,
                    GpuCount = count,
                    Quantization = Quantization.FP16,
                    ContextLength = 8192,
                    KvCacheDType = KvCacheDType.FP8,
                };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.DoesNotFitVram).WithLocation(0).WithArguments(Rules.Message(RuleIds.DoesNotFit, description)));
    }

    [Fact]
    public Task INF1006_fires_on_a_development_engine_in_the_default_production_profile()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object M() => new InferenceTargetOptions { Engine = {|#0:EngineKind.Ollama|} };
                object N() => new InferenceTargetOptions { Engine = EngineKind.Vllm };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.DevelopmentEngineInProduction).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.DevelopmentEngineInProduction, new DeploymentDescription { Engine = EngineKind.Ollama, Profile = DeploymentProfile.Production })));

    [Fact]
    public Task INF1006_does_not_fire_when_appsettings_sets_the_development_profile()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object M() => new InferenceTargetOptions { Engine = EngineKind.Ollama };
            }
            """,
            """{ "Inference": { "Profile": "Development" } }""");

    [Fact]
    public Task INF1008_fires_on_latency_critical_spot_without_fallback_and_not_with_one()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object M() => new InferenceTargetOptions { Capacity = {|#0:CapacityType.Spot|}, LatencyCritical = true };
                object N() => new InferenceTargetOptions { Capacity = CapacityType.Spot, LatencyCritical = true, Fallback = "hosted" };
                object O(string fallback) => new InferenceTargetOptions { Capacity = CapacityType.Spot, LatencyCritical = true, Fallback = fallback };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.SpotWithoutFallback).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.SpotWithoutFallback, new DeploymentDescription { Capacity = CapacityType.Spot, LatencyCritical = true, Profile = DeploymentProfile.Production })));

    [Fact]
    public Task INF1003_fires_on_4_bit_on_a_70B_model_and_not_on_an_8B_one()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object Large() => new InferenceTargetOptions { Model = ModelIds.Llama33_70B, Quantization = {|#0:Quantization.AWQ4|} };
                object Small() => new InferenceTargetOptions { Model = ModelIds.Llama31_8B, Quantization = Quantization.AWQ4 };
                object Eight() => new InferenceTargetOptions { Model = ModelIds.Llama33_70B, Quantization = Quantization.INT8 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.FourBitOnLargeModel).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.FourBitUnevaluated, new DeploymentDescription { ModelId = ModelIds.Llama33_70B, Quantization = Quantization.AWQ4 })));

    [Fact]
    public Task INF1004_fires_on_an_output_budget_filling_the_engine_context_of_an_unknown_model()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;

            class C
            {
                object Full() => new InferenceTargetOptions { Model = "my-org/private-model", ContextLength = 4096, MaxOutputTokens = {|#0:4096|} };
                object Room() => new InferenceTargetOptions { Model = "my-org/private-model", ContextLength = 4096, MaxOutputTokens = 1024 };
                object Invalid() => new InferenceTargetOptions { ContextLength = {|#1:0|}, MaxOutputTokens = 1024 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.OutputOverContextWindow).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.TokenBudgetOverContext, new DeploymentDescription { ModelId = "my-org/private-model", ContextLength = 4096, MaxOutputTokens = 4096 })),
            Verify.Diagnostic(DiagDescriptors.InvalidSetting).WithLocation(1).WithArguments("ContextLength is 0; it must be at least 1."));

    [Fact]
    public Task INF1005_fires_on_the_format_of_GGUF_on_vLLM_and_not_on_llama_cpp()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object Vllm() => new InferenceTargetOptions { Engine = EngineKind.Vllm, Quantization = {|#0:Quantization.GgufQ4KM|} };
                object Sglang() => new InferenceTargetOptions { Engine = EngineKind.Sglang, Quantization = Quantization.AWQ4 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.EngineCannotLoadFormat).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.EngineCannotLoadFormat, new DeploymentDescription { Engine = EngineKind.Vllm, Quantization = Quantization.GgufQ4KM })));

    [Fact]
    public Task INF1007_fires_on_a_long_context_on_Hopper_without_FP8_KV_cache()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object Off() => new InferenceTargetOptions { Gpu = GpuKind.H100Sxm5, ContextLength = {|#0:32768|} };
                object On() => new InferenceTargetOptions { Gpu = GpuKind.H100Sxm5, ContextLength = 32768, KvCacheDType = KvCacheDType.FP8 };
                object Short() => new InferenceTargetOptions { Gpu = GpuKind.H100Sxm5, ContextLength = 4096 };
                object Ampere() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, ContextLength = 32768 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.Fp8KvCacheOff).WithLocation(0).WithArguments(
                Rules.Message(RuleIds.Fp8KvCacheOff, new DeploymentDescription { Gpu = GpuKind.H100Sxm5, ContextLength = 32768 })));
}
