using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// The diagnostic ids. INF1xxx are the Knowledge layer's deployment rule ids (one source of truth with the runtime
/// validator); INF2xxx are token budgets; INF3xxx are secrets.
/// </summary>
internal static class DiagnosticIds
{
    public const string QuantizationNotNative = RuleIds.QuantizationNotNative;
    public const string DoesNotFitVram = RuleIds.DoesNotFit;
    public const string FourBitOnLargeModel = RuleIds.FourBitUnevaluated;
    public const string OutputOverContextWindow = RuleIds.TokenBudgetOverContext;
    public const string EngineCannotLoadFormat = RuleIds.EngineCannotLoadFormat;
    public const string DevelopmentEngineInProduction = RuleIds.DevelopmentEngineInProduction;
    public const string Fp8KvCacheOff = RuleIds.Fp8KvCacheOff;
    public const string SpotWithoutFallback = RuleIds.SpotWithoutFallback;

    public const string MaxOutputTokensOverContextWindow = "INF2001";
    public const string EdgeThresholdOverContextWindow = "INF2002";
    public const string OutputBudgetLeavesNoPrompt = "INF2003";

    public const string ApiKeyLiteral = "INF3001";

    /// <summary>Help pages live next to the code: <c>docs/diagnostics/{id}.md</c>.</summary>
    public const string HelpLinkFormat = "https://github.com/inference-sdk/inference-sdk/blob/main/docs/diagnostics/{0}.md";
}
