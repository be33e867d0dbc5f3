using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// Turns the constants of one target into diagnostics: the Knowledge layer's <see cref="DeploymentRules"/> (the very
/// rules the runtime validator runs) plus the token-budget checks. Pure: no Roslyn operations, so C# and JSON share it.
/// </summary>
internal static class TargetEvaluator
{
    // The properties each rule reads. A finding whose inputs include a value only known at run time is dropped.
    private static readonly Dictionary<string, string[]> Inputs = new(StringComparer.Ordinal)
    {
        [RuleIds.QuantizationNotNative] = new[] { "Gpu", "Quantization" },
        [RuleIds.DoesNotFit] = new[] { "Model", "Gpu", "GpuCount", "Quantization", "KvCacheDType", "ContextLength" },
        [RuleIds.FourBitUnevaluated] = new[] { "Model", "Quantization" },
        [RuleIds.TokenBudgetOverContext] = new[] { "Model", "ContextLength", "MaxOutputTokens" },
        [RuleIds.EngineCannotLoadFormat] = new[] { "Engine", "Quantization" },
        [RuleIds.DevelopmentEngineInProduction] = new[] { "Engine" },
        [RuleIds.Fp8KvCacheOff] = new[] { "Model", "Gpu", "KvCacheDType", "ContextLength" },
        [RuleIds.SpotWithoutFallback] = new[] { "Capacity", "LatencyCritical", "Fallback" },
    };

    // Where each finding is reported: the first of these properties that is written, else the target itself.
    private static readonly Dictionary<string, string[]> Culprits = new(StringComparer.Ordinal)
    {
        [RuleIds.QuantizationNotNative] = new[] { "Quantization", "Gpu" },
        [RuleIds.DoesNotFit] = new[] { "GpuCount", "Gpu", "Model" },
        [RuleIds.FourBitUnevaluated] = new[] { "Quantization", "Model" },
        [RuleIds.TokenBudgetOverContext] = new[] { "MaxOutputTokens", "ContextLength", "Model" },
        [RuleIds.EngineCannotLoadFormat] = new[] { "Engine", "Quantization" },
        [RuleIds.DevelopmentEngineInProduction] = new[] { "Engine" },
        [RuleIds.Fp8KvCacheOff] = new[] { "KvCacheDType", "ContextLength", "Gpu" },
        [RuleIds.SpotWithoutFallback] = new[] { "Capacity", "LatencyCritical" },
    };

    /// <summary>Evaluates one target and reports what it finds.</summary>
    public static void Evaluate(TargetSettings target, DeploymentProfile profile, Action<Diagnostic> report)
    {
        var budgetReported = CheckOutputBudget(target, report);
        var description = Describe(target, profile);
        foreach (var finding in Findings(description))
        {
            if (DiagDescriptors.ForRule(finding.RuleId) is not { } descriptor
                || DependsOnUnknown(target, finding.RuleId)
                || (budgetReported && finding.RuleId == RuleIds.TokenBudgetOverContext))
            {
                continue;
            }

            var properties = FixFor(finding.RuleId, target, description);
            report(Diagnostic.Create(descriptor, Culprit(target, finding.RuleId), properties, finding.Message));
        }
    }

    /// <summary>
    /// INF2001 (<c>MaxOutputTokens</c> over the model's window) and INF2003 (over the context the engine serves, or
    /// equal to it: no room for a prompt). Returns whether one was reported.
    /// </summary>
    public static bool CheckOutputBudget(TargetSettings target, Action<Diagnostic> report)
    {
        if (target.MaxOutputTokens is not { } output || target.IsUnknown("MaxOutputTokens") || target.IsUnknown("Model")
            || target.Model is null || !Models.TryGet(target.Model, out var model))
        {
            return false;
        }

        var context = target.ContextLength is { } length && length > 0 && length < model.ContextWindow && !target.IsUnknown("ContextLength")
            ? length
            : model.ContextWindow;
        return CheckOutputBudget(output, context, model, target.LocationOf("MaxOutputTokens") ?? target.Location, report);
    }

    /// <summary>The same checks for a <c>ChatOptions</c> (<paramref name="context"/> is the model's window there).</summary>
    public static bool CheckOutputBudget(int output, int context, ModelSpec model, Location location, Action<Diagnostic> report)
    {
        DiagnosticDescriptor descriptor;
        object[] arguments;
        if (output > model.ContextWindow)
        {
            descriptor = DiagDescriptors.MaxOutputTokensOverContextWindow;
            arguments = new object[] { output, model.ContextWindow, model.Id };
        }
        else if (output >= context)
        {
            descriptor = DiagDescriptors.OutputBudgetLeavesNoPrompt;
            arguments = new object[] { output, context, model.Id };
        }
        else
        {
            return false;
        }

        // The fix keeps half of the context for the prompt: clamping to the window itself would leave no room for one.
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.MaxOutputTokens, (context / 2).ToString(CultureInfo.InvariantCulture));
        report(Diagnostic.Create(descriptor, location, properties, arguments));
        return true;
    }

    /// <summary>The description the runtime validator would build from the same options.</summary>
    public static DeploymentDescription Describe(TargetSettings target, DeploymentProfile profile) => new()
    {
        Provider = target.Provider ?? ProviderKind.Local,
        Engine = target.Engine,
        Gpu = target.Gpu,
        GpuCount = target.GpuCount ?? 1,
        ModelId = target.Model,
        Quantization = target.Quantization,
        KvCacheDType = target.KvCacheDType ?? KvCacheDType.Auto,
        ContextLength = target.ContextLength,
        MaxOutputTokens = target.MaxOutputTokens,
        Capacity = target.Capacity ?? CapacityType.OnDemand,
        LatencyCritical = target.LatencyCritical ?? false,
        HasFallback = !string.IsNullOrWhiteSpace(target.Fallback),
        Profile = profile,
    };

    private static bool DependsOnUnknown(TargetSettings target, string ruleId)
        => Inputs.TryGetValue(ruleId, out var inputs) && inputs.Any(target.IsUnknown);

    private static Location Culprit(TargetSettings target, string ruleId)
    {
        if (Culprits.TryGetValue(ruleId, out var properties))
        {
            foreach (var property in properties)
            {
                if (target.LocationOf(property) is { } location)
                {
                    return location;
                }
            }
        }

        return target.Location;
    }

    private static ImmutableDictionary<string, string?> FixFor(string ruleId, TargetSettings target, DeploymentDescription description)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (ruleId == RuleIds.QuantizationNotNative && target.Gpu is { } gpu && target.LocationOf("Quantization") is not null)
        {
            // FP8 on a GPU without FP8 units → INT8 (the same 8 bits, native from Ampere on); NVFP4 before Blackwell →
            // FP8 where the GPU has it, else INT8.
            var replacement = description.Quantization switch
            {
                Knowledge.Quantization.FP8 => Knowledge.Quantization.INT8,
                Knowledge.Quantization.NVFP4 => Gpus.Get(gpu).SupportsFp8 ? Knowledge.Quantization.FP8 : Knowledge.Quantization.INT8,
                _ => (Quantization?)null,
            };
            if (replacement is { } q)
            {
                properties = properties.Add(DiagnosticProperties.Quantization, q.ToString());
            }
        }
        else if (ruleId == RuleIds.DoesNotFit)
        {
            if (!target.IsUnknown("GpuCount"))
            {
                for (var count = description.GpuCount + 1; count <= 8; count++)
                {
                    if (Fits(description with { GpuCount = count }))
                    {
                        properties = properties.Add(DiagnosticProperties.GpuCount, count.ToString(CultureInfo.InvariantCulture));
                        break;
                    }
                }
            }

            if (target.LocationOf("Gpu") is not null)
            {
                foreach (var spec in Gpus.All.OrderBy(g => g.MemoryGB))
                {
                    var candidate = description with { Gpu = spec.Kind };
                    if (spec.Kind != description.Gpu && IsServer(spec.Kind) == IsServer(target.Gpu!.Value) && Fits(candidate)
                        && !Findings(candidate).Any(f => f.RuleId == RuleIds.QuantizationNotNative))
                    {
                        properties = properties.Add(DiagnosticProperties.Gpu, spec.Kind.ToString());
                        break;
                    }
                }
            }
        }

        return properties;
    }

    // A fix stays in the same class of hardware: a data-center deployment is not moved to a laptop or a Jetson.
    private static bool IsServer(GpuKind gpu) => gpu is not (GpuKind.AppleM4Max or GpuKind.JetsonAgxOrin);

    private static bool Fits(DeploymentDescription description)
        => !Findings(description).Any(f => f.RuleId == RuleIds.DoesNotFit);

    // Unknown and out-of-range values never reach the rules (see TargetSettings); an exception here would be a bug in
    // the analyzer, which must not take the build down with it, so it yields no finding.
    private static IReadOnlyList<Finding> Findings(DeploymentDescription description)
    {
        try
        {
            return DeploymentRules.Evaluate(description);
        }
        catch (ArgumentException)
        {
            return Array.Empty<Finding>();
        }
    }
}
