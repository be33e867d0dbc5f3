using System;
using System.Linq;
using System.Reflection;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

/// <summary>The Knowledge layer's vocabulary of a target's settings: the keys, what each takes, and how a bad value is told.</summary>
public sealed class SettingsVocabularyTests
{
    [Fact]
    public void The_target_keys_are_the_properties_of_InferenceTargetOptions_in_order()
        => Assert.Equal(
            typeof(InferenceTargetOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name),
            TargetKeys.Names);

    [Fact]
    public void Each_key_reads_its_examples_into_the_type_of_its_option()
    {
        foreach (SettingKey key in TargetKeys.All.Where(k => k.Kind != SettingKind.List))
        {
            string text = key.Kind switch
            {
                SettingKind.Choice or SettingKind.Names => key.Vocabulary!.Names[^1],
                SettingKind.Count or SettingKind.Number => key.Example,
                SettingKind.Usd => "2.69",
                SettingKind.Duration => key.Example,
                SettingKind.Flag => "true",
                _ => "text",
            };
            Type property = typeof(InferenceTargetOptions).GetProperty(key.Name)!.PropertyType;

            Assert.True(key.TryRead(text, out object? value, out string? problem), $"{key.Name}: {problem}");
            Assert.IsType(Nullable.GetUnderlyingType(property) ?? property, value);
        }
    }

    [Theory]
    [InlineData(typeof(GpuKind))]
    [InlineData(typeof(Quantization))]
    [InlineData(typeof(KvCacheDType))]
    [InlineData(typeof(EngineKind))]
    [InlineData(typeof(ProviderKind))]
    [InlineData(typeof(TargetTier))]
    [InlineData(typeof(CapacityType))]
    [InlineData(typeof(DeploymentProfile))]
    public void A_number_is_never_a_name_and_every_member_name_is_one(Type type)
    {
        SettingVocabulary vocabulary = SettingVocabulary.For(type);
        foreach (string number in new[] { "0", "1", "2", "-1" })
        {
            Assert.False(vocabulary.TryParse(number, out _), $"{type.Name} '{number}'");
        }

        foreach (string name in Enum.GetNames(type))
        {
            Assert.True(vocabulary.TryParse(name.ToLowerInvariant(), out object? value));
            Assert.Equal(name, value!.ToString());
        }
    }

    [Fact]
    public void A_misspelt_name_gets_the_nearest_name_and_every_name()
    {
        Assert.False(SettingVocabulary.For(typeof(Quantization)).TryParse("GgufQ8", out _));
        Assert.Equal(
            "Quantization is 'GgufQ8', which is not a weight format. Did you mean 'GgufQ8_0'? Use one of: " + string.Join(", ", Enum.GetNames<Quantization>()) + ".",
            SettingVocabulary.For(typeof(Quantization)).Problem("Quantization", "GgufQ8"));
    }

    [Theory]
    [InlineData("GpuCount", 0, "GpuCount is 0; it must be at least 1.")]
    [InlineData("MaxRetries", 11, "MaxRetries is 11; use 0 to 10.")]
    [InlineData("TokensPerSecond", 0.0, "TokensPerSecond is 0; it must be a positive number of tokens per second, e.g. 600.")]
    public void Values_set_in_code_are_range_checked_like_configuration_text(string name, object value, string message)
    {
        SettingKey key = TargetKeys.Find(name)!;

        Assert.False(key.TryRead(value, out _, out string? fromCode));
        Assert.False(key.TryRead(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out _, out string? fromText));
        Assert.Equal(message, fromCode);
        Assert.Equal(message, fromText);
    }

    [Fact]
    public void The_mapping_reads_ExpectedPromptTokens_and_EvaluatedForQuality_and_a_fallback_is_a_named_target()
    {
        var settings = new TargetSettings("t");
        settings.Set(TargetKeys.Model, "llama3.3:70b");
        settings.Set(TargetKeys.Quantization, "awq");
        settings.Set(TargetKeys.EvaluatedForQuality, "True");
        settings.Set(TargetKeys.ContextLength, "8192");
        settings.Set(TargetKeys.MaxOutputTokens, 4096);
        settings.Set(TargetKeys.ExpectedPromptTokens, "4097");
        settings.Set(TargetKeys.Capacity, CapacityType.Spot);
        settings.Set(TargetKeys.LatencyCritical, true);

        DeploymentReading reading = DeploymentSettings.Read(settings, DeploymentProfile.Production);

        Assert.Equal(ModelIds.Llama33_70B, reading.Description.ModelId);
        Assert.True(reading.Description.EvaluatedForQuality);
        Assert.Equal(4097, reading.Description.ExpectedPromptTokens);
        Assert.False(reading.Description.HasFallback);
        Assert.Equal(
            ["MaxOutputTokens INF1004 Error", "Fallback INF1008 Warning"],
            reading.Findings.Select(f => $"{f.Key} {f.RuleId} {f.Severity}"));
    }

    [Fact]
    public void A_rule_that_reads_an_unknown_key_is_skipped_and_the_others_are_not()
    {
        var settings = new TargetSettings(null);
        settings.Set(TargetKeys.Gpu, GpuKind.A100_80GB);
        settings.SetUnknown(TargetKeys.Quantization);
        settings.Set(TargetKeys.Engine, "Ollama");

        DeploymentReading reading = DeploymentSettings.Read(settings, DeploymentProfile.Production);

        Assert.Equal([RuleIds.DevelopmentEngineInProduction], reading.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void A_described_model_resolves_before_the_built_in_catalog()
    {
        var described = new ModelSpec("my-org/tiny-8k", "Tiny", ModelFamily.Llama3, 1, 1, 8_192, 16, 8, 64, "test");
        var settings = new TargetSettings("t");
        settings.Set(TargetKeys.Model, "my-org/tiny-8k");
        settings.Set(TargetKeys.Gpu, "L4");
        settings.Set(TargetKeys.MaxOutputTokens, "9000");

        DeploymentReading builtIn = DeploymentSettings.Read(settings, DeploymentProfile.Development);
        DeploymentReading withModel = DeploymentSettings.Read(settings, DeploymentProfile.Development, [described]);

        Assert.Equal([RuleIds.ModelNotInCatalog], builtIn.Findings.Select(f => f.RuleId));
        Assert.Equal([RuleIds.MaxOutputTokensOverContextWindow], withModel.Findings.Select(f => f.RuleId));
    }
}
