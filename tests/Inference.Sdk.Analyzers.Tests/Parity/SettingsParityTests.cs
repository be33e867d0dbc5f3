extern alias sdk;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using SdkKnowledge = sdk::Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// The analyzer and the start-up validation never disagree: each appsettings snippet of the corpus goes through the analyzer
/// (diagnostics located in the JSON file) and through start-up validation (binding, then the checks), and both report the
/// same diagnostic ids, severities, keys and messages.
/// </summary>
public sealed class SettingsParityTests
{
    public static TheoryData<string> Cases => [.. ParityCorpus.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_analyzer_and_the_startup_validation_report_the_same_id_severity_key_and_message(string name)
    {
        ParityCase parityCase = ParityCorpus.Get(name);

        IReadOnlyList<Reported> analyzer = await AnalyzerRun.AnalyzeAsync(parityCase.Json);
        IReadOnlyList<Reported> startup = StartupRun.Validate(parityCase.Json).Problems;

        Assert.DoesNotContain(startup, p => p.Id == "(no id)"); // nothing only the host checks: the whole answer is compared
        Assert.Equal(Sorted(startup), Sorted(analyzer));
        Assert.Equal(startup.OrderBy(p => p.ToString()).Select(p => p.Message), analyzer.OrderBy(p => p.ToString()).Select(p => p.Message));
        if (parityCase.Expected is { } expected)
        {
            Assert.Equal(expected.Order(StringComparer.Ordinal), Sorted(startup));
        }
        else
        {
            Assert.DoesNotContain(startup, p => p.Id == RuleIds.InvalidSetting);
        }
    }

    [Fact]
    public void The_corpus_has_every_documented_value_each_alias_and_a_trigger_of_every_rule()
    {
        IReadOnlyList<ParityCase> corpus = ParityCorpus.All;
        string[] rules =
        [
            RuleIds.InvalidSetting, RuleIds.QuantizationNotNative, RuleIds.DoesNotFit, RuleIds.FourBitUnevaluated, RuleIds.TokenBudgetOverContext,
            RuleIds.EngineCannotLoadFormat, RuleIds.DevelopmentEngineInProduction, RuleIds.Fp8KvCacheOff, RuleIds.SpotWithoutFallback,
            RuleIds.ModelNotInCatalog, RuleIds.MaxOutputTokensOverContextWindow, RuleIds.EdgeThresholdOverContextWindow, RuleIds.OutputBudgetLeavesNoPrompt,
        ];

        Assert.True(corpus.Count >= 60, $"{corpus.Count} snippets");
        Assert.Equal(corpus.Count, corpus.Select(c => c.Name).Distinct().Count());
        Assert.All(rules, id => Assert.Contains(corpus, c => c.Expected?.Any(e => e.StartsWith(id + " ", StringComparison.Ordinal)) == true));
        Assert.True(corpus.Count(c => c.Name.StartsWith("near miss", StringComparison.Ordinal)) >= rules.Length);
        Assert.True(corpus.Count(c => c.Name.Contains("(alias of", StringComparison.Ordinal)) >= 50);
    }

    [Theory]
    [InlineData("Profile", typeof(DeploymentProfile))]
    [InlineData("Provider", typeof(ProviderKind))]
    [InlineData("Engine", typeof(EngineKind))]
    [InlineData("Tier", typeof(TargetTier))]
    [InlineData("Gpu", typeof(GpuKind))]
    [InlineData("Quantization", typeof(Quantization))]
    [InlineData("KvCacheDType", typeof(KvCacheDType))]
    [InlineData("Capacity", typeof(CapacityType))]
    public void The_configuration_doc_lists_every_name_of_every_enum_setting(string key, Type type)
        => Assert.Equal(Enum.GetNames(type), DocumentedValues.Names(key));

    [Fact]
    public void Each_documented_alias_means_its_documented_name_in_the_knowledge_layer_and_in_the_bound_options()
    {
        foreach ((string key, bool targetKey) in DocumentedValues.EnumKeys)
        {
            Type type = typeof(GpuKind).Assembly.GetType("Inference.Sdk.Knowledge." + key switch
            {
                "Profile" => nameof(DeploymentProfile),
                "Provider" => nameof(ProviderKind),
                "Engine" => nameof(EngineKind),
                "Tier" => nameof(TargetTier),
                "Gpu" => nameof(GpuKind),
                "Capacity" => nameof(CapacityType),
                _ => key,
            })!;
            foreach ((string alias, string name) in DocumentedValues.Aliases(key))
            {
                Assert.True(SettingVocabulary.For(type).TryParse(alias, out object? value), $"{key}: '{alias}'");
                Assert.Equal(name, value!.ToString());

                var options = StartupRun.Validate(targetKey ? ParityCorpus.Snippet($$"""{ "{{key}}": "{{alias}}" }""") : ParityCorpus.Snippet("{ }", profile: alias)).Options;
                object? bound = targetKey
                    ? typeof(sdk::Inference.Sdk.Hosting.InferenceTargetOptions).GetProperty(key)!.GetValue(options.Targets["t"])
                    : options.Profile;
                Assert.Equal(name, bound?.ToString());
            }
        }
    }

    [Fact]
    public void The_analyzer_compiles_the_same_vocabulary_the_package_runs()
    {
        // Both copies of the Knowledge files parse the same way (the analyzer's is compiled for netstandard2.0).
        Assert.True(SdkKnowledge.Gpus.TryParse("A100", out SdkKnowledge.GpuKind runtime));
        Assert.True(Gpus.TryParse("A100", out GpuKind analyzer));
        Assert.Equal(runtime.ToString(), analyzer.ToString());
        Assert.Equal(SdkKnowledge.TargetKeys.Names, TargetKeys.Names);
    }

    private static IEnumerable<string> Sorted(IEnumerable<Reported> reported) => reported.Select(r => r.ToString()).Order(StringComparer.Ordinal);
}
