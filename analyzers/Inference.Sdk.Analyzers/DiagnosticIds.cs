using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers;

/// <summary>
/// The diagnostic ids: the Knowledge layer's rule ids (one source of truth with the start-up validation) — INF1000 settings,
/// INF1xxx deployment rules, INF2xxx token budgets — and INF3xxx secrets, which only code can leak.
/// </summary>
internal static class DiagnosticIds
{
    public const string InvalidSetting = RuleIds.InvalidSetting;
    public const string QuantizationNotNative = RuleIds.QuantizationNotNative;
    public const string DoesNotFitVram = RuleIds.DoesNotFit;
    public const string FourBitOnLargeModel = RuleIds.FourBitUnevaluated;
    public const string OutputOverContextWindow = RuleIds.TokenBudgetOverContext;
    public const string EngineCannotLoadFormat = RuleIds.EngineCannotLoadFormat;
    public const string DevelopmentEngineInProduction = RuleIds.DevelopmentEngineInProduction;
    public const string Fp8KvCacheOff = RuleIds.Fp8KvCacheOff;
    public const string SpotWithoutFallback = RuleIds.SpotWithoutFallback;
    public const string ModelNotInCatalog = RuleIds.ModelNotInCatalog;

    public const string MaxOutputTokensOverContextWindow = RuleIds.MaxOutputTokensOverContextWindow;
    public const string EdgeThresholdOverContextWindow = RuleIds.EdgeThresholdOverContextWindow;
    public const string OutputBudgetLeavesNoPrompt = RuleIds.OutputBudgetLeavesNoPrompt;

    public const string ApiKeyLiteral = "INF3001";

    /// <summary>Help pages live next to the code: <c>docs/diagnostics/{id}.md</c>.</summary>
    public const string HelpLinkFormat = "https://github.com/inference-sdk/inference-sdk/blob/main/docs/diagnostics/{0}.md";
}
