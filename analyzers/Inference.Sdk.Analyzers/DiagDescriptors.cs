using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Inference.Sdk.Analyzers;

/// <summary>Every diagnostic the package reports, in one place (the dotnet/extensions <c>DiagDescriptors</c> style).</summary>
internal static class DiagDescriptors
{
    private const string Deployment = nameof(Deployment);
    private const string Usage = nameof(Usage);
    private const string Security = nameof(Security);
    private const string Configuration = nameof(Configuration);

    // The settings and deployment rules carry their own message, numbers included, from the Knowledge layer, and their own
    // severity: the default below is the usual one; a finding reports the severity the start-up validation gives it.
    public static readonly DiagnosticDescriptor InvalidSetting = new DiagnosticDescriptor(
        DiagnosticIds.InvalidSetting, "Setting is not valid", "{0}", Configuration, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "An unknown key, a value that is none of the key's names, a malformed number or one out of range: the host does not start with it.", HelpLink(DiagnosticIds.InvalidSetting));

    public static readonly DiagnosticDescriptor QuantizationNotNative = new DiagnosticDescriptor(
        DiagnosticIds.QuantizationNotNative, "Quantization is not native on the GPU", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "The GPU has no hardware support for this weight format: the engine refuses it or emulates it slowly.", HelpLink(DiagnosticIds.QuantizationNotNative));

    public static readonly DiagnosticDescriptor DoesNotFitVram = new DiagnosticDescriptor(
        DiagnosticIds.DoesNotFitVram, "Model does not fit the GPUs' memory", "{0}", Deployment, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "Weights plus KV cache plus runtime overhead exceed the memory of the GPUs serving one replica.", HelpLink(DiagnosticIds.DoesNotFitVram));

    public static readonly DiagnosticDescriptor FourBitOnLargeModel = new DiagnosticDescriptor(
        DiagnosticIds.FourBitOnLargeModel, "4-bit quantization on a 30B+ model", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "4-bit formats cost measurable quality on large models; evaluate on your task before serving.", HelpLink(DiagnosticIds.FourBitOnLargeModel));

    public static readonly DiagnosticDescriptor OutputOverContextWindow = new DiagnosticDescriptor(
        DiagnosticIds.OutputOverContextWindow, "Output plus prompt exceed the context window", "{0}", Deployment, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "The output budget and the expected prompt do not fit the context the engine serves.", HelpLink(DiagnosticIds.OutputOverContextWindow));

    public static readonly DiagnosticDescriptor EngineCannotLoadFormat = new DiagnosticDescriptor(
        DiagnosticIds.EngineCannotLoadFormat, "Engine cannot load the weight format", "{0}", Deployment, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "The engine does not load weights in this format.", HelpLink(DiagnosticIds.EngineCannotLoadFormat));

    public static readonly DiagnosticDescriptor DevelopmentEngineInProduction = new DiagnosticDescriptor(
        DiagnosticIds.DevelopmentEngineInProduction, "Development engine in a production target", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "Ollama and llama.cpp are built for one user; production traffic needs a serving engine with continuous batching.", HelpLink(DiagnosticIds.DevelopmentEngineInProduction));

    public static readonly DiagnosticDescriptor Fp8KvCacheOff = new DiagnosticDescriptor(
        DiagnosticIds.Fp8KvCacheOff, "FP8 KV cache off on Hopper with a long context", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "On Hopper, an FP8 KV cache halves KV memory for long contexts at negligible quality cost.", HelpLink(DiagnosticIds.Fp8KvCacheOff));

    public static readonly DiagnosticDescriptor SpotWithoutFallback = new DiagnosticDescriptor(
        DiagnosticIds.SpotWithoutFallback, "Latency-critical spot target without a fallback", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "Spot capacity can be evicted at any time; latency-critical traffic needs a fallback target.", HelpLink(DiagnosticIds.SpotWithoutFallback));

    public static readonly DiagnosticDescriptor ModelNotInCatalog = new DiagnosticDescriptor(
        DiagnosticIds.ModelNotInCatalog, "Model is not in the catalog", "{0}", Deployment, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "A self-hosted target's model is not in the model catalog: its context window and memory cannot be checked until it is described under Inference:Models.", HelpLink(DiagnosticIds.ModelNotInCatalog));

    public static readonly DiagnosticDescriptor MaxOutputTokensOverContextWindow = new DiagnosticDescriptor(
        DiagnosticIds.MaxOutputTokensOverContextWindow, "MaxOutputTokens is larger than the model's context window",
        "{0}", Usage, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "A model cannot generate more tokens than its context window holds; the request fails or is truncated.", HelpLink(DiagnosticIds.MaxOutputTokensOverContextWindow));

    public static readonly DiagnosticDescriptor EdgeThresholdOverContextWindow = new DiagnosticDescriptor(
        DiagnosticIds.EdgeThresholdOverContextWindow, "Router edge token threshold is larger than the edge model's context window",
        "{0}", Usage, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "Prompts the router sends to the edge must fit the edge model's context, with room for the output.", HelpLink(DiagnosticIds.EdgeThresholdOverContextWindow));

    public static readonly DiagnosticDescriptor OutputBudgetLeavesNoPrompt = new DiagnosticDescriptor(
        DiagnosticIds.OutputBudgetLeavesNoPrompt, "Output budget leaves no room for a prompt",
        "{0}", Usage, DiagnosticSeverity.Error, isEnabledByDefault: true,
        "The prompt and the output share the context window; an output budget as large as the context leaves none for the prompt.", HelpLink(DiagnosticIds.OutputBudgetLeavesNoPrompt));

    public static readonly DiagnosticDescriptor ApiKeyLiteral = new DiagnosticDescriptor(
        DiagnosticIds.ApiKeyLiteral, "API key written in code",
        "The API key is a string literal in code; read it from configuration, user secrets or the environment", Security, DiagnosticSeverity.Warning, isEnabledByDefault: true,
        "Keys in source code end up in repositories, builds and logs.", HelpLink(DiagnosticIds.ApiKeyLiteral));

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.Create(
        InvalidSetting, QuantizationNotNative, DoesNotFitVram, FourBitOnLargeModel, OutputOverContextWindow, EngineCannotLoadFormat,
        DevelopmentEngineInProduction, Fp8KvCacheOff, SpotWithoutFallback, ModelNotInCatalog,
        MaxOutputTokensOverContextWindow, EdgeThresholdOverContextWindow, OutputBudgetLeavesNoPrompt, ApiKeyLiteral);

    /// <summary>Finds the descriptor of a rule id; <see langword="null"/> for an id this version does not know.</summary>
    public static DiagnosticDescriptor? ForRule(string ruleId)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Id == ruleId)
            {
                return descriptor;
            }
        }

        return null;
    }

    private static string HelpLink(string id)
        => string.Format(System.Globalization.CultureInfo.InvariantCulture, DiagnosticIds.HelpLinkFormat, id);
}
