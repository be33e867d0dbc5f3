using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Inference.Sdk.Knowledge;
using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// Turns the Knowledge layer's findings into diagnostics: each with the finding's severity (an error stops the host at
/// start, so it fails the build), on the key it blames, with the key and any computed fix in its properties. Pure: no
/// Roslyn operations, so C# and JSON share it.
/// </summary>
internal static class TargetEvaluator
{
    /// <summary>Reads one target and reports its findings.</summary>
    public static void Evaluate(LocatedTarget target, DeploymentProfile profile, IReadOnlyCollection<ModelSpec> described, Action<Diagnostic> report)
        => Report(target, target.Reading ?? Read(target, profile, described), report);

    /// <summary>Reads one target's settings through the Knowledge layer, with the models the appsettings files describe (<c>Inference:Models</c>).</summary>
    public static DeploymentReading Read(LocatedTarget target, DeploymentProfile profile, IReadOnlyCollection<ModelSpec> described)
        => DeploymentSettings.Read(target.Settings, profile, described);

    /// <summary>Reports the findings of a reading.</summary>
    public static void Report(LocatedTarget target, DeploymentReading reading, Action<Diagnostic> report)
    {
        foreach (var finding in reading.Findings)
        {
            Report(finding, target.Locate(finding), FixFor(finding, target, reading), report);
        }
    }

    /// <summary>Reports one finding at a location, with its key (<see cref="DiagnosticProperties.Key"/>) and any fix.</summary>
    public static void Report(SettingFinding finding, Location location, ImmutableDictionary<string, string?> properties, Action<Diagnostic> report)
    {
        if (DiagDescriptors.ForRule(finding.RuleId) is { } descriptor)
        {
            report(Diagnostic.Create(
                descriptor, location, SeverityOf(finding.Severity), additionalLocations: null,
                properties.SetItem(DiagnosticProperties.Key, finding.Key), finding.Message));
        }
    }

    /// <summary>
    /// The output budget of a <c>ChatOptions</c> against a catalog model's window (INF2001, INF2003): the same Knowledge rule
    /// a target's <c>MaxOutputTokens</c> is checked with.
    /// </summary>
    public static void CheckOutputBudget(int output, ModelSpec model, Location location, Action<Diagnostic> report)
    {
        if (DeploymentRules.OutputBudget(output, contextLength: null, expectedPrompt: null, model) is { } finding)
        {
            var keyed = new SettingFinding(TargetKeys.MaxOutputTokens, finding);
            Report(keyed, location, ClampFor(keyed), report);
        }
    }

    private static DiagnosticSeverity SeverityOf(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Error => DiagnosticSeverity.Error,
        FindingSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    // The fixes carry their value: half of the context for an output budget (clamping to the window itself would leave no
    // room for a prompt), a native format, the smallest GPU count or GPU that fits.
    private static ImmutableDictionary<string, string?> FixFor(SettingFinding finding, LocatedTarget target, DeploymentReading reading)
    {
        var properties = ImmutableDictionary<string, string?>.Empty;
        var description = reading.Description;
        switch (finding.RuleId)
        {
            case RuleIds.MaxOutputTokensOverContextWindow:
            case RuleIds.OutputBudgetLeavesNoPrompt:
                return ClampFor(finding);
            case RuleIds.QuantizationNotNative when description.Gpu is { } gpu && target.IsWritten(TargetKeys.Quantization):
                // FP8 on a GPU without FP8 units → INT8 (the same 8 bits, native from Ampere on); NVFP4 before Blackwell →
                // FP8 where the GPU has it, else INT8.
                var replacement = description.Quantization switch
                {
                    Quantization.FP8 => Quantization.INT8,
                    Quantization.NVFP4 => Gpus.Get(gpu).SupportsFp8 ? Quantization.FP8 : Quantization.INT8,
                    _ => (Quantization?)null,
                };
                return replacement is { } q ? properties.Add(DiagnosticProperties.Quantization, q.ToString()) : properties;
            case RuleIds.DoesNotFit:
                for (var count = description.GpuCount + 1; count <= 8; count++)
                {
                    if (Fits(description with { GpuCount = count }))
                    {
                        properties = properties.Add(DiagnosticProperties.GpuCount, count.ToString(CultureInfo.InvariantCulture));
                        break;
                    }
                }

                if (target.IsWritten(TargetKeys.Gpu) && description.Gpu is { } current)
                {
                    foreach (var spec in Gpus.All.OrderBy(g => g.MemoryGB))
                    {
                        var candidate = description with { Gpu = spec.Kind };
                        if (spec.Kind != current && IsServer(spec.Kind) == IsServer(current) && Fits(candidate)
                            && !Findings(candidate).Any(f => f.RuleId == RuleIds.QuantizationNotNative))
                        {
                            properties = properties.Add(DiagnosticProperties.Gpu, spec.Kind.ToString());
                            break;
                        }
                    }
                }

                return properties;
            default:
                return properties;
        }
    }

    private static ImmutableDictionary<string, string?> ClampFor(SettingFinding finding)
    {
        var context = finding.Finding.Facts.FirstOrDefault(f => f.Key == "contextTokens").Value;
        return int.TryParse(context, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tokens)
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.MaxOutputTokens, (tokens / 2).ToString(CultureInfo.InvariantCulture))
            : ImmutableDictionary<string, string?>.Empty;
    }

    // A fix stays in the same class of hardware: a data-center deployment is not moved to a laptop or a Jetson.
    private static bool IsServer(GpuKind gpu) => gpu is not (GpuKind.AppleM4Max or GpuKind.JetsonAgxOrin);

    private static bool Fits(DeploymentDescription description)
        => !Findings(description).Any(f => f.RuleId == RuleIds.DoesNotFit);

    // Unknown and out-of-range values never reach the rules (DeploymentSettings reads them first); an exception here would
    // be a bug in the analyzer, which must not take the build down with it, so it yields no finding.
    private static System.Collections.Generic.IReadOnlyList<Finding> Findings(DeploymentDescription description)
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
