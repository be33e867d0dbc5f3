using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Inference.Sdk.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace Inference.Sdk.Analyzers.Tests.CodeFixes;

public sealed class CodeFixTests
{
    [Fact]
    public Task INF1001_switches_FP8_to_INT8_on_A100_everywhere_with_fix_all()
        => FixAsync<UseNativeQuantizationCodeFix>(
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, Quantization = {|INF1001:Quantization.FP8|} };
                object B() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, Quantization = {|INF1001:Quantization.FP8|} };
            }
            """,
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, Quantization = Quantization.INT8 };
                object B() => new InferenceTargetOptions { Gpu = GpuKind.A100_80GB, Quantization = Quantization.INT8 };
            }
            """,
            UseNativeQuantizationCodeFix.EquivalenceKey);

    [Fact]
    public Task INF1002_raises_the_gpu_count_to_the_smallest_that_fits()
        => FixAsync<FitGpuMemoryCodeFix>(
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions
                {
                    Model = "meta-llama/Llama-3.3-70B-Instruct",
                    Gpu = GpuKind.H100Sxm5,
                    GpuCount = {|INF1002:1|},
                    Quantization = Quantization.FP16,
                    ContextLength = 8192,
                    KvCacheDType = KvCacheDType.FP8,
                };
            }
            """,
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions
                {
                    Model = "meta-llama/Llama-3.3-70B-Instruct",
                    Gpu = GpuKind.H100Sxm5,
                    GpuCount = 2,
                    Quantization = Quantization.FP16,
                    ContextLength = 8192,
                    KvCacheDType = KvCacheDType.FP8,
                };
            }
            """,
            FitGpuMemoryCodeFix.RaiseGpuCountKey);

    [Fact]
    public Task INF1002_adds_the_gpu_count_when_it_is_not_written()
        => FixAsync<FitGpuMemoryCodeFix>(
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Model = "meta-llama/Llama-3.3-70B-Instruct", Gpu = {|INF1002:GpuKind.H100Sxm5|}, Quantization = Quantization.FP16, ContextLength = 8192, KvCacheDType = KvCacheDType.FP8 };
            }
            """,
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Model = "meta-llama/Llama-3.3-70B-Instruct", Gpu = GpuKind.H100Sxm5, GpuCount = 2, Quantization = Quantization.FP16, ContextLength = 8192, KvCacheDType = KvCacheDType.FP8 };
            }
            """,
            FitGpuMemoryCodeFix.RaiseGpuCountKey);

    [Fact]
    public Task INF1002_picks_the_smallest_gpu_that_fits()
        => FixAsync<FitGpuMemoryCodeFix>(
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Model = "meta-llama/Llama-3.3-70B-Instruct", Gpu = {|INF1002:GpuKind.H100Sxm5|}, Quantization = Quantization.FP16, ContextLength = 8192, KvCacheDType = KvCacheDType.FP8 };
            }
            """,
            """
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object A() => new InferenceTargetOptions { Model = "meta-llama/Llama-3.3-70B-Instruct", Gpu = GpuKind.B200, Quantization = Quantization.FP16, ContextLength = 8192, KvCacheDType = KvCacheDType.FP8 };
            }
            """,
            FitGpuMemoryCodeFix.SmallestGpuKey);

    [Fact]
    public Task INF2001_clamps_MaxOutputTokens_with_fix_all()
        => FixAsync<ClampMaxOutputTokensCodeFix>(
            """
            using Microsoft.Extensions.AI;

            class C
            {
                object A() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = {|INF2001:100_000|} };
                object B() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = {|INF2003:4096|} };
            }
            """,
            """
            using Microsoft.Extensions.AI;

            class C
            {
                object A() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = 2048 };
                object B() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = 2048 };
            }
            """,
            ClampMaxOutputTokensCodeFix.EquivalenceKey);

    [Fact]
    public Task INF3001_moves_literal_keys_to_the_environment_with_fix_all()
        => FixAsync<MoveApiKeyToEnvironmentCodeFix>(
            """
            using System.ClientModel;
            using Inference.Sdk.Hosting;

            class C
            {
                object A() => new InferenceTargetOptions { ApiKey = {|INF3001:"sk-live-1"|} };
                object B() => new ApiKeyCredential({|INF3001:"sk-live-2"|});
            }
            """,
            """
            using System.ClientModel;
            using Inference.Sdk.Hosting;

            class C
            {
                object A() => new InferenceTargetOptions { ApiKey = System.Environment.GetEnvironmentVariable("INFERENCE_API_KEY") };
                object B() => new ApiKeyCredential(System.Environment.GetEnvironmentVariable("INFERENCE_API_KEY") ?? throw new System.InvalidOperationException("Set the INFERENCE_API_KEY environment variable."));
            }
            """,
            MoveApiKeyToEnvironmentCodeFix.EquivalenceKey);

    private static Task FixAsync<TFix>(string source, string fixedSource, string equivalenceKey)
        where TFix : CodeFixProvider, new()
    {
        var test = new InferenceAnalyzerTest<TFix>
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfFixAllIterations = 1,
        };
        test.CodeActionValidationMode = CodeActionValidationMode.SemanticStructure;
        return test.RunAsync();
    }
}
