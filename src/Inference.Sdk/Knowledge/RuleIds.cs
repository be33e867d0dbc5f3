namespace Inference.Sdk.Knowledge;

/// <summary>
/// Stable ids of the settings and deployment rules. They are the analyzer diagnostic ids too: one source of truth for
/// the start-up validation and the build diagnostic, which report each with the same severity on the same key.
/// </summary>
public static class RuleIds
{
    /// <summary>A setting the package does not understand: an unknown key, a value that is none of the key's names, a malformed number or one out of range.</summary>
    public const string InvalidSetting = "INF1000";

    /// <summary>The weight format does not run natively on the GPU (FP8 on Ampere, NVFP4 before Blackwell).</summary>
    public const string QuantizationNotNative = "INF1001";

    /// <summary>Weights + KV cache + overhead do not fit in the GPUs' memory.</summary>
    public const string DoesNotFit = "INF1002";

    /// <summary>A 4-bit format on a 30B+ model that was not evaluated on the team's task.</summary>
    public const string FourBitUnevaluated = "INF1003";

    /// <summary>Max output tokens + expected prompt tokens exceed the context window (or, for a model not in the catalog, max output tokens fill the configured context).</summary>
    public const string TokenBudgetOverContext = "INF1004";

    /// <summary>The engine cannot load the weight format.</summary>
    public const string EngineCannotLoadFormat = "INF1005";

    /// <summary>A development-only engine (Ollama, llama.cpp) in a production profile.</summary>
    public const string DevelopmentEngineInProduction = "INF1006";

    /// <summary>FP8 KV cache off on Hopper with a long context.</summary>
    public const string Fp8KvCacheOff = "INF1007";

    /// <summary>Spot capacity for a latency-critical target with no fallback.</summary>
    public const string SpotWithoutFallback = "INF1008";

    /// <summary>A self-hosted target's model is not in the model catalog (nor described in configuration), so its context window and memory are not checked.</summary>
    public const string ModelNotInCatalog = "INF1009";

    /// <summary>Max output tokens larger than the model's context window.</summary>
    public const string MaxOutputTokensOverContextWindow = "INF2001";

    /// <summary>The router's edge token threshold is larger than the context of an edge target.</summary>
    public const string EdgeThresholdOverContextWindow = "INF2002";

    /// <summary>Max output tokens take the whole context the engine serves, leaving no room for a prompt.</summary>
    public const string OutputBudgetLeavesNoPrompt = "INF2003";
}
