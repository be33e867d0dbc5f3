using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Tests.Knowledge;

/// <summary>A model described in configuration (<c>Inference:Models:{id}</c>) reads into the same <see cref="ModelSpec"/> a catalog entry is.</summary>
public class ModelSettingsTests
{
    [Theory]
    [InlineData(ModelIds.Qwen35_35B_A3B)]
    [InlineData(ModelIds.Llama33_70B)]
    [InlineData(ModelIds.KimiK26)]
    [InlineData(ModelIds.Nemotron30B)]
    [InlineData(ModelIds.Gemma3_27B)]
    public void A_catalog_entry_written_out_as_configuration_sizes_the_same_weights_and_kv_cache(string id)
    {
        ModelSpec catalog = Models.Get(id);
        var written = new TargetSettings("my-copy");
        foreach (SettingKey key in ModelKeys.All)
        {
            object? value = typeof(ModelSpec).GetProperty(key.Name)!.GetValue(catalog);
            written.Set(key.Name, value switch
            {
                null => null,
                IReadOnlyList<string> list => list.ToArray(),
                Enum e => e.ToString(),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        IReadOnlyList<SettingFinding> findings = ModelSettings.Read("my-copy", written, out ModelSpec? described);

        Assert.Empty(findings);
        Assert.Equal(catalog with { }, described! with { }, new SameNumbers());
        Assert.Equal(MemoryEstimator.KvCacheBytesPerToken(catalog, KvCacheDType.Auto), MemoryEstimator.KvCacheBytesPerToken(described!, KvCacheDType.Auto));
        Assert.True(Models.TryGet(catalog.Aliases.FirstOrDefault() ?? "my-copy", [described!], out ModelSpec? found) && ReferenceEquals(described, found));
    }

    [Fact]
    public void Each_problem_is_one_finding_on_its_key_and_no_model()
    {
        var written = new TargetSettings("m");
        written.Set("TotalParametersBillions", "32B");
        written.Set("Layrs", "64");
        written.Set("Attention", "Latent");

        IReadOnlyList<SettingFinding> findings = ModelSettings.Read("m", written, out ModelSpec? model);

        Assert.Null(model);
        Assert.Equal(["Attention", "ContextWindow", "Layrs", "TotalParametersBillions"], findings.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.All(findings, f => Assert.Equal(RuleIds.InvalidSetting, f.RuleId));
        Assert.Contains("Did you mean 'Layers'?", findings.Single(f => f.Key == "Layrs").Message, StringComparison.Ordinal);
    }

    private sealed class SameNumbers : IEqualityComparer<ModelSpec>
    {
        public bool Equals(ModelSpec? x, ModelSpec? y) =>
            x is not null && y is not null
            && ModelKeys.Names.Where(n => n is not ModelKeys.Aliases).All(n => Equals(typeof(ModelSpec).GetProperty(n)!.GetValue(x), typeof(ModelSpec).GetProperty(n)!.GetValue(y)))
            && x.Aliases.SequenceEqual(y.Aliases);

        public int GetHashCode(ModelSpec obj) => obj.ContextWindow;
    }
}
