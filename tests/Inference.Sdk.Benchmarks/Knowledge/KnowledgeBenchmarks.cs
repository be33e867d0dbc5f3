using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Benchmarks.Knowledge;

/// <summary>
/// The Knowledge calls that run per request (cost, parsing) or per keystroke (the analyzers evaluate the rules).
/// Run: dotnet run -c Release --project tests/Inference.Sdk.Benchmarks -- --filter '*KnowledgeBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class KnowledgeBenchmarks
{
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
        Profile = DeploymentProfile.Production,
    };

    private static readonly DeploymentDescription Broken = Healthy with
    {
        Engine = EngineKind.Ollama,
        Gpu = GpuKind.A100_80GB,
        ModelId = ModelIds.Llama33_70B,
        Quantization = Quantization.AWQ4,
        ContextLength = null,
        Capacity = CapacityType.Spot,
        LatencyCritical = true,
    };

    // The same target as configuration text, as the analyzer reads an appsettings target and the start-up validation a bound one.
    private static readonly TargetSettings HealthySettings = Settings(
        ("Provider", "RunPod"), ("Engine", "Vllm"), ("Gpu", "H100Sxm5"), ("Model", ModelIds.Llama31_8B), ("Quantization", "FP8"),
        ("KvCacheDType", "FP8"), ("ContextLength", "8192"), ("MaxOutputTokens", "1024"), ("ExpectedPromptTokens", "2000"));

    [Benchmark(Baseline = true)]
    public IReadOnlyList<Finding> EvaluateHealthy() => DeploymentRules.Evaluate(Healthy);

    /// <summary>Names, units, ranges, the mapping and the rules: what one appsettings target costs the analyzer.</summary>
    [Benchmark]
    public int ReadHealthySettings() => DeploymentSettings.Read(HealthySettings, DeploymentProfile.Production).Findings.Count;

    [Benchmark]
    public IReadOnlyList<Finding> EvaluateBroken() => DeploymentRules.Evaluate(Broken);

    [Benchmark]
    public MemoryEstimate Estimate70B() => MemoryEstimator.Estimate(Models.Get(ModelIds.Llama33_70B), Quantization.FP8, KvCacheDType.FP8, 32_768, 8, GpuKind.H100Sxm5, 2);

    [Benchmark]
    public decimal EffectiveCost() => CostMath.EffectiveUsdPerMillionTokens(2.69m, 600, 0.45);

    [Benchmark]
    public bool ParseGpu() => Gpus.TryParse("NVIDIA H100 80GB HBM3", out _);

    [Benchmark]
    public bool LookUpModel() => Models.TryGet("llama3.1:8b", out _);

    [Benchmark]
    public bool ParseQuantizationName() => SettingVocabulary.For(typeof(Quantization)).TryParse("GgufQ8_0", out _);

    [Benchmark]
    public PriceOffer? FindOffer() => OfferCatalog.Default.Find(ProviderKind.Aws, GpuKind.H100Sxm5, CapacityType.OnDemand);

    private static TargetSettings Settings(params (string Key, string Value)[] values)
    {
        var settings = new TargetSettings("t");
        foreach ((string key, string value) in values)
        {
            settings.Set(key, value);
        }

        return settings;
    }
}
