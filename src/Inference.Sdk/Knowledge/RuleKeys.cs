using System;
using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// For each rule: the target key it blames (the one a user changes: the start-up message names it, the analyzer reports
/// on it), the keys it reads (a rule that reads a key whose value is unknown is skipped), and the keys the analyzer may
/// point at instead when the blamed one is not written.
/// </summary>
internal static class RuleKeys
{
    private static readonly Dictionary<string, (string[] PointAt, string[] Inputs)> Table = new(StringComparer.Ordinal)
    {
        [RuleIds.QuantizationNotNative] = ([TargetKeys.Quantization, TargetKeys.Gpu], [TargetKeys.Gpu, TargetKeys.Quantization]),
        [RuleIds.DoesNotFit] = ([TargetKeys.GpuCount, TargetKeys.Gpu, TargetKeys.Model],
            [TargetKeys.Model, TargetKeys.Gpu, TargetKeys.GpuCount, TargetKeys.Quantization, TargetKeys.KvCacheDType, TargetKeys.ContextLength]),
        [RuleIds.FourBitUnevaluated] = ([TargetKeys.Quantization, TargetKeys.Model], [TargetKeys.Model, TargetKeys.Quantization, TargetKeys.EvaluatedForQuality]),
        [RuleIds.TokenBudgetOverContext] = ([TargetKeys.MaxOutputTokens, TargetKeys.ExpectedPromptTokens, TargetKeys.ContextLength],
            [TargetKeys.Model, TargetKeys.ContextLength, TargetKeys.MaxOutputTokens, TargetKeys.ExpectedPromptTokens]),
        [RuleIds.MaxOutputTokensOverContextWindow] = ([TargetKeys.MaxOutputTokens], [TargetKeys.Model, TargetKeys.ContextLength, TargetKeys.MaxOutputTokens]),
        [RuleIds.OutputBudgetLeavesNoPrompt] = ([TargetKeys.MaxOutputTokens, TargetKeys.ContextLength], [TargetKeys.Model, TargetKeys.ContextLength, TargetKeys.MaxOutputTokens]),
        [RuleIds.EngineCannotLoadFormat] = ([TargetKeys.Quantization, TargetKeys.Engine], [TargetKeys.Engine, TargetKeys.Quantization]),
        [RuleIds.DevelopmentEngineInProduction] = ([TargetKeys.Engine], [TargetKeys.Engine]),
        [RuleIds.Fp8KvCacheOff] = ([TargetKeys.KvCacheDType, TargetKeys.ContextLength, TargetKeys.Gpu],
            [TargetKeys.Model, TargetKeys.Gpu, TargetKeys.KvCacheDType, TargetKeys.ContextLength, TargetKeys.Engine]),
        [RuleIds.SpotWithoutFallback] = ([TargetKeys.Fallback, TargetKeys.Capacity, TargetKeys.LatencyCritical],
            [TargetKeys.Capacity, TargetKeys.LatencyCritical, TargetKeys.Fallback]),
        [RuleIds.ModelNotInCatalog] = ([TargetKeys.Model], [TargetKeys.Model, TargetKeys.Gpu, TargetKeys.Engine, TargetKeys.Tier, TargetKeys.Provider]),
    };

    /// <summary>The key a rule's finding blames.</summary>
    public static string Blamed(string ruleId) => Table.TryGetValue(ruleId, out var keys) ? keys.PointAt[0] : string.Empty;

    /// <summary>The keys to point at, blamed key first.</summary>
    public static IReadOnlyList<string> PointAt(string ruleId) => Table.TryGetValue(ruleId, out var keys) ? keys.PointAt : Array.Empty<string>();

    /// <summary>The keys a rule reads.</summary>
    public static IReadOnlyList<string> Inputs(string ruleId) => Table.TryGetValue(ruleId, out var keys) ? keys.Inputs : Array.Empty<string>();
}
