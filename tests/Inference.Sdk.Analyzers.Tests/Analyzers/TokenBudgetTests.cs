using System.Threading.Tasks;
using Inference.Sdk.Analyzers.Tests.Infrastructure;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Analyzers;

/// <summary>INF2001–INF2003: output budgets and router thresholds against context windows from the model catalog.</summary>
public sealed class TokenBudgetTests
{
    private static readonly int Llama2Window = Models.Get(ModelIds.Generic7B).ContextWindow;

    [Fact]
    public Task INF2001_fires_on_ChatOptions_larger_than_the_window_with_ModelIds_constants()
        => Verify.AnalyzerAsync("""
            using Microsoft.Extensions.AI;

            class C
            {
                const int Huge = 200_000;
                object M() => new ChatOptions { ModelId = "meta-llama/Llama-3.1-8B-Instruct", MaxOutputTokens = {|#0:Huge|} };
                object N() => new ChatOptions { ModelId = "meta-llama/Llama-3.1-8B-Instruct", MaxOutputTokens = 4096 };
                object UnknownModel() => new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 200_000 };
                object NoModel() => new ChatOptions { MaxOutputTokens = 200_000 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.MaxOutputTokensOverContextWindow).WithLocation(0).WithArguments(Rules.OutputBudget(200_000, ModelIds.Llama31_8B)));

    [Fact]
    public Task INF2003_fires_when_the_output_takes_the_whole_window()
        => Verify.AnalyzerAsync($$"""
            using Microsoft.Extensions.AI;

            class C
            {
                object M() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = {|#0:{{Llama2Window}}|} };
                object N() => new ChatOptions { ModelId = "meta-llama/Llama-2-7b-hf", MaxOutputTokens = {{Llama2Window - 1}} };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.OutputBudgetLeavesNoPrompt).WithLocation(0).WithArguments(Rules.OutputBudget(Llama2Window, ModelIds.Generic7B)));

    [Fact]
    public Task INF2001_and_INF2003_on_target_options_use_the_engine_context_length()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Hosting;
            using Inference.Sdk.Knowledge;

            class C
            {
                object Over() => new InferenceTargetOptions { Model = ModelIds.Llama31_8B, MaxOutputTokens = {|#0:1_000_000|} };
                object Fills() => new InferenceTargetOptions { Model = ModelIds.Llama31_8B, ContextLength = 8192, MaxOutputTokens = {|#1:8192|} };
                object Fine() => new InferenceTargetOptions { Model = ModelIds.Llama31_8B, ContextLength = 8192, MaxOutputTokens = 2048 };
            }
            """,
            Verify.Diagnostic(DiagDescriptors.MaxOutputTokensOverContextWindow).WithLocation(0).WithArguments(Rules.OutputBudget(1_000_000, ModelIds.Llama31_8B)),
            Verify.Diagnostic(DiagDescriptors.OutputBudgetLeavesNoPrompt).WithLocation(1).WithArguments(Rules.OutputBudget(8192, ModelIds.Llama31_8B, 8192)));

    private const string EdgeTargets = """
        {
          "Inference": {
            "Targets": {
              "edge": { "Model": "meta-llama/Llama-3.1-8B-Instruct", "ContextLength": 4096 },
              "cloud": { "Tier": "HostedApi", "Model": "meta-llama/Llama-2-7b-hf" },
            },
            "Router": { "EdgeTokenThreshold": {|#1:8000|} },
          },
        }
        """;

    [Fact]
    public Task INF2002_fires_on_a_threshold_over_the_edge_context_in_code_and_in_json()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Routing;

            class C
            {
                object M() => new HybridRouterOptions { EdgeTokenThreshold = {|#0:6000|} };
                object N() => new HybridRouterOptions { EdgeTokenThreshold = 2048 };
                void Set(HybridRouterOptions o) => o.EdgeTokenThreshold = {|#2:5000|};
            }
            """,
            EdgeTargets,
            Verify.Diagnostic(DiagDescriptors.EdgeThresholdOverContextWindow).WithLocation(0).WithArguments(Rules.EdgeThreshold(6000, "edge", ModelIds.Llama31_8B, 4096)),
            Verify.Diagnostic(DiagDescriptors.EdgeThresholdOverContextWindow).WithLocation(1).WithArguments(Rules.EdgeThreshold(8000, "edge", ModelIds.Llama31_8B, 4096)),
            Verify.Diagnostic(DiagDescriptors.EdgeThresholdOverContextWindow).WithLocation(2).WithArguments(Rules.EdgeThreshold(5000, "edge", ModelIds.Llama31_8B, 4096)));

    [Fact]
    public Task INF2002_is_skipped_without_an_edge_target_in_appsettings()
        => Verify.AnalyzerAsync("""
            using Inference.Sdk.Routing;

            class C
            {
                object M() => new HybridRouterOptions { EdgeTokenThreshold = 1_000_000 };
            }
            """);
}
