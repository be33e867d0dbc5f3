namespace Inference.Sdk.Knowledge;

/// <summary>
/// Stable ids of the deployment rules. They are the analyzer diagnostic ids too: one source of truth for the
/// runtime validation and the compile-time warning.
/// </summary>
public static class RuleIds
{
    /// <summary>The weight format does not run natively on the GPU (FP8 on Ampere, NVFP4 before Blackwell).</summary>
    public const string QuantizationNotNative = "INF1001";

    /// <summary>Weights + KV cache + overhead do not fit in the GPUs' memory.</summary>
    public const string DoesNotFit = "INF1002";

    /// <summary>A 4-bit format on a 30B+ model that was not evaluated on the team's task.</summary>
    public const string FourBitUnevaluated = "INF1003";

    /// <summary>Max output tokens + expected prompt tokens exceed the context window.</summary>
    public const string TokenBudgetOverContext = "INF1004";

    /// <summary>The engine cannot load the weight format.</summary>
    public const string EngineCannotLoadFormat = "INF1005";

    /// <summary>A development-only engine (Ollama, llama.cpp) in a production profile.</summary>
    public const string DevelopmentEngineInProduction = "INF1006";

    /// <summary>FP8 KV cache off on Hopper with a long context.</summary>
    public const string Fp8KvCacheOff = "INF1007";

    /// <summary>Spot capacity for a latency-critical target with no fallback.</summary>
    public const string SpotWithoutFallback = "INF1008";
}
