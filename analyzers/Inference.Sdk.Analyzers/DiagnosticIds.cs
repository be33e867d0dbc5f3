namespace Inference.Sdk.Analyzers;

/// <summary>
/// The diagnostic ids. INF1xxx are the Knowledge layer's deployment rule ids (one source of truth with the runtime
/// validator); INF2xxx are token budgets; INF3xxx are secrets.
/// </summary>
internal static class DiagnosticIds
{
    public const string QuantizationNotNative = "INF1001";
    public const string DoesNotFitVram = "INF1002";
    public const string FourBitOnLargeModel = "INF1003";
    public const string OutputOverContextWindow = "INF1004";
    public const string EngineCannotLoadFormat = "INF1005";
    public const string DevelopmentEngineInProduction = "INF1006";
    public const string Fp8KvCacheOff = "INF1007";
    public const string SpotWithoutFallback = "INF1008";

    public const string MaxOutputTokensOverContextWindow = "INF2001";
    public const string EdgeThresholdOverContextWindow = "INF2002";
    public const string OutputBudgetLeavesNoPrompt = "INF2003";

    public const string ApiKeyLiteral = "INF3001";

    /// <summary>Help pages live next to the code: <c>docs/diagnostics/{id}.md</c>.</summary>
    public const string HelpLinkFormat = "https://github.com/inference-sdk/inference-sdk/blob/main/docs/diagnostics/{0}.md";
}
