using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The deployment rules: a pure evaluation of a <see cref="DeploymentDescription"/> into <see cref="Finding"/>s. The
/// start-up validation and the Roslyn analyzers both reach it through <see cref="DeploymentSettings"/>, so they cannot disagree.
/// </summary>
public static class DeploymentRules
{
    /// <summary>Models with at least this many billion parameters need an evaluation before 4-bit serving (INF1003).</summary>
    public const double FourBitEvaluationThresholdBillions = 30;

    /// <summary>Context length from which FP8 KV cache pays off on Hopper (vLLM: decode break-even ≈ 7K tokens; INF1007).</summary>
    public const int Fp8KvCacheBreakEvenTokens = 7_000;

    private static readonly EngineKind[] Fp8KvCacheEngines = [EngineKind.Vllm, EngineKind.Sglang, EngineKind.TensorRtLlm];

    /// <summary>Evaluates every rule against a deployment.</summary>
    /// <param name="description">The deployment.</param>
    /// <returns>The findings, ordered by rule id; empty when nothing is wrong.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="description"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A count in <paramref name="description"/> is out of range; the message names the setting.</exception>
    public static IReadOnlyList<Finding> Evaluate(DeploymentDescription description)
    {
        _ = Guard.NotNull(description, nameof(description));
        Validate(description);

        ModelSpec? model = description.Model ?? (Models.TryGet(description.ModelId, out ModelSpec? found) ? found : null);
        GpuSpec? gpu = description.Gpu is GpuKind kind ? Gpus.Get(kind) : null;
        int? window = description.ContextLength ?? model?.ContextWindow;

        var findings = new List<Finding>();
        AddIfAny(findings, QuantizationNotNative(description, gpu));
        AddIfAny(findings, DoesNotFit(description, model, gpu, window));
        AddIfAny(findings, FourBitUnevaluated(description, model));
        AddIfAny(findings, description.MaxOutputTokens is int output ? OutputBudget(output, description.ContextLength, description.ExpectedPromptTokens, model) : null);
        AddIfAny(findings, EngineCannotLoadFormat(description));
        AddIfAny(findings, DevelopmentEngineInProduction(description));
        AddIfAny(findings, Fp8KvCacheOff(description, gpu, window));
        AddIfAny(findings, SpotWithoutFallback(description));
        return findings;
    }

    /// <summary>
    /// The output budget against the context: INF2001 when it is larger than a catalog model's window, INF2003 when it
    /// takes the whole context the engine serves (<paramref name="contextLength"/>, at most the window), INF1004 when it
    /// fills the configured context of a model the catalog does not know, or when it and the expected prompt overflow the context.
    /// </summary>
    internal static Finding? OutputBudget(int maxOutput, int? contextLength, int? expectedPrompt, ModelSpec? model)
    {
        int? served = model is null ? contextLength : Math.Min(contextLength ?? model.ContextWindow, model.ContextWindow);
        if (served is not int context)
        {
            return null;
        }

        if (model is not null && maxOutput > model.ContextWindow)
        {
            return new(RuleIds.MaxOutputTokensOverContextWindow, FindingSeverity.Error,
                Text("MaxOutputTokens {0} is larger than the {1}-token context window of '{2}': no request can ask for that many; ask for what the task needs (half the context leaves room for a prompt).",
                    maxOutput, model.ContextWindow, model.Id),
                Facts(("maxOutputTokens", Int(maxOutput)), ("contextWindow", Int(model.ContextWindow)), ("contextTokens", Int(context)), ("model", model.Id)));
        }

        if (maxOutput >= context)
        {
            return model is not null
                ? new(RuleIds.OutputBudgetLeavesNoPrompt, FindingSeverity.Error,
                    Text("MaxOutputTokens {0} takes the whole {1}-token context of '{2}', leaving no room for a prompt; lower it or raise ContextLength.", maxOutput, context, model.Id),
                    Facts(("maxOutputTokens", Int(maxOutput)), ("contextTokens", Int(context)), ("model", model.Id)))
                : new(RuleIds.TokenBudgetOverContext, FindingSeverity.Error,
                    Text("Max output tokens {0} are at least the context window of {1} tokens: no room is left for a prompt.", maxOutput, context),
                    Facts(("maxOutputTokens", Int(maxOutput)), ("contextWindow", Int(context)), ("contextTokens", Int(context))));
        }

        int prompt = expectedPrompt ?? 0;
        if (maxOutput + prompt <= context)
        {
            return null;
        }

        return new(RuleIds.TokenBudgetOverContext, FindingSeverity.Error,
            Text("Max output tokens {0} + expected prompt {1} = {2} tokens exceed the context window of {3} tokens by {4}.",
                maxOutput, prompt, maxOutput + prompt, context, maxOutput + prompt - context),
            Facts(("maxOutputTokens", Int(maxOutput)), ("expectedPromptTokens", Int(prompt)), ("contextWindow", Int(context)), ("contextTokens", Int(context))));
    }

    /// <summary>INF2002: the router's edge threshold against the context of the edge target it would overflow.</summary>
    internal static Finding? EdgeThreshold(int threshold, string? target, ModelSpec model, int context)
    {
        if (threshold <= context)
        {
            return null;
        }

        return new(RuleIds.EdgeThresholdOverContextWindow, FindingSeverity.Warning,
            Text("EdgeTokenThreshold {0} is larger than the {1}-token context of edge target '{2}' ({3}): prompts the router keeps on the edge would not fit; lower the threshold to at most {1}.",
                threshold, context, target, model.Id),
            Facts(("edgeTokenThreshold", Int(threshold)), ("contextTokens", Int(context)), ("target", target ?? string.Empty), ("model", model.Id)));
    }

    private static Finding? QuantizationNotNative(DeploymentDescription d, GpuSpec? gpu)
    {
        if (d.Quantization is not Quantization q || gpu is null)
        {
            return null;
        }

        QuantizationSpec format = Quantizations.Get(q);
        if (format.IsNativeOn(gpu.Architecture))
        {
            return null;
        }

        string native = string.Join(", ", format.NativeArchitectures);
        bool cannotRun = q == Quantization.NVFP4;
        string message = Text(
            "{0} does not run natively on {1} ({2}); it is native on {3}. {4}",
            format.DisplayName, gpu.DisplayName, gpu.Architecture, native,
            cannotRun
                ? "Use FP8 on Hopper or Ada, or move to a Blackwell GPU (B200, RTX 5090)."
                : "Engines fall back to slower kernels without its speed gain; formats native here: " + string.Join(", ", Quantizations.All.Where(f => f.IsNativeOn(gpu.Architecture)).Select(f => f.DisplayName)) + ".");
        return new(RuleIds.QuantizationNotNative, cannotRun ? FindingSeverity.Error : FindingSeverity.Warning, message,
            Facts(("quantization", format.DisplayName), ("gpu", gpu.DisplayName), ("architecture", gpu.Architecture.ToString()), ("nativeOn", native)));
    }

    private static Finding? DoesNotFit(DeploymentDescription d, ModelSpec? model, GpuSpec? gpu, int? window)
    {
        if (model is null || gpu is null)
        {
            return null;
        }

        MemoryEstimate estimate = MemoryEstimator.Estimate(model, d.Quantization ?? model.NativeQuantization, d.KvCacheDType, window ?? 0, 1, gpu.Kind, d.GpuCount);
        if (estimate.Fits)
        {
            return null;
        }

        return new(RuleIds.DoesNotFit, FindingSeverity.Error,
            estimate + ". Use more or larger GPUs, a smaller weight format, an FP8 KV cache or a shorter context length.",
            Facts(
                ("weightsGB", Number(estimate.WeightsGB)),
                ("kvCacheGB", estimate.KvCacheGB is double kv ? Number(kv) : "unknown"),
                ("overheadGB", Number(estimate.OverheadGB)),
                ("totalGB", Number(estimate.TotalGB)),
                ("availableGB", Number(estimate.AvailableGB)),
                ("marginGB", Number(estimate.MarginGB)),
                ("contextTokens", estimate.ContextTokens.ToString(CultureInfo.InvariantCulture))));
    }

    private static Finding? FourBitUnevaluated(DeploymentDescription d, ModelSpec? model)
    {
        if (d.Quantization is not Quantization q || model is null || d.EvaluatedForQuality)
        {
            return null;
        }

        QuantizationSpec format = Quantizations.Get(q);
        if (!format.IsFourBit || model.TotalParametersBillions < FourBitEvaluationThresholdBillions)
        {
            return null;
        }

        string message = Text(
            "{0} ({1:0.#}B parameters) in 4-bit {2} has not been evaluated on your task: Llama-3.3-70B lost 7.8 MMLU points at 4-bit (AWQ-4 −1.6 and GPTQ-4 −1.9 points on average). Prefer FP8 on Hopper or Ada, NVFP4 on Blackwell, or evaluate and set EvaluatedForQuality.",
            model.DisplayName, model.TotalParametersBillions, format.DisplayName);
        return new(RuleIds.FourBitUnevaluated, FindingSeverity.Warning, message,
            Facts(("model", model.Id), ("parametersBillions", Number(model.TotalParametersBillions)), ("quantization", format.DisplayName),
                ("thresholdBillions", Number(FourBitEvaluationThresholdBillions))));
    }

    private static Finding? EngineCannotLoadFormat(DeploymentDescription d)
    {
        if (d.Engine is not EngineKind engine || d.Quantization is not Quantization q)
        {
            return null;
        }

        QuantizationSpec format = Quantizations.Get(q);
        if (format.IsLoadableBy(engine))
        {
            return null;
        }

        string loaders = string.Join(", ", format.LoadableBy.Where(e => e != EngineKind.OpenAICompatible));
        return new(RuleIds.EngineCannotLoadFormat, FindingSeverity.Error,
            Text("{0} cannot load {1} weights; engines that load them: {2}.", engine, format.DisplayName, loaders),
            Facts(("engine", engine.ToString()), ("quantization", format.DisplayName), ("loadableBy", loaders)));
    }

    private static Finding? DevelopmentEngineInProduction(DeploymentDescription d)
    {
        if (d.Profile != DeploymentProfile.Production || d.Engine is not (EngineKind.Ollama or EngineKind.LlamaCpp))
        {
            return null;
        }

        return new(RuleIds.DevelopmentEngineInProduction, FindingSeverity.Warning,
            Text("{0} is a development engine: it lacks the batching, scheduling and throughput of vLLM, SGLang or TensorRT-LLM; serve production traffic with one of those.", d.Engine),
            Facts(("engine", d.Engine.ToString()!), ("profile", d.Profile.ToString())));
    }

    private static Finding? Fp8KvCacheOff(DeploymentDescription d, GpuSpec? gpu, int? window)
    {
        if (gpu is null || gpu.Architecture != GpuArchitecture.Hopper || d.KvCacheDType != KvCacheDType.Auto
            || window is not int context || context < Fp8KvCacheBreakEvenTokens
            || (d.Engine is EngineKind engine && Array.IndexOf(Fp8KvCacheEngines, engine) < 0))
        {
            return null;
        }

        return new(RuleIds.Fp8KvCacheOff, FindingSeverity.Warning,
            Text("FP8 KV cache is off on {0} (Hopper) with a {1}-token context: from about {2} tokens it pays off (vLLM measured +14.9% output throughput and −14.8% median ITL on Llama-3.1-8B) and halves KV-cache memory; set --kv-cache-dtype fp8.",
                gpu.DisplayName, context, Fp8KvCacheBreakEvenTokens),
            Facts(("gpu", gpu.DisplayName), ("contextTokens", Int(context)), ("breakEvenTokens", Int(Fp8KvCacheBreakEvenTokens))));
    }

    private static Finding? SpotWithoutFallback(DeploymentDescription d)
    {
        if (d.Capacity != CapacityType.Spot || !d.LatencyCritical || d.HasFallback)
        {
            return null;
        }

        return new(RuleIds.SpotWithoutFallback, FindingSeverity.Warning,
            "Spot capacity serves a latency-critical target with no fallback: an eviction takes it down and a cold start costs 60-120 seconds; add an on-demand or hosted fallback.",
            Facts(("capacity", d.Capacity.ToString()), ("latencyCritical", "true"), ("hasFallback", "false")));
    }

    private static void Validate(DeploymentDescription d)
    {
        Check(d.GpuCount >= 1, nameof(d.GpuCount), "must be at least 1");
        Check(d.ContextLength is null or > 0, nameof(d.ContextLength), "must be greater than 0");
        Check(d.MaxOutputTokens is null or > 0, nameof(d.MaxOutputTokens), "must be greater than 0");
        Check(d.ExpectedPromptTokens is null or >= 0, nameof(d.ExpectedPromptTokens), "must not be negative");
    }

    private static void Check(bool ok, string setting, string rule)
    {
        if (!ok)
        {
            throw new ArgumentException(nameof(DeploymentDescription) + "." + setting + " " + rule + ".", "description");
        }
    }

    private static void AddIfAny(List<Finding> findings, Finding? finding)
    {
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Facts(params (string Name, string Value)[] facts)
        => Array.AsReadOnly(facts.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToArray());

    private static string Text(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
