using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// The names an enum setting is written with: its members' names plus documented aliases ("A100", "Q4_K_M",
/// "llama-server", "Interruptible"), matched ignoring case, spaces and punctuation. Numbers are not names: "2" is an
/// error, not the third member. The analyzer and the start-up validation both parse through it, so a value one
/// accepts the other accepts.
/// </summary>
internal sealed class SettingVocabulary
{
    private static readonly ConcurrentDictionary<Type, SettingVocabulary> Cache = new();

    private readonly Dictionary<string, object> _byKey;

    private SettingVocabulary(Type type, string noun, Dictionary<string, object> byKey)
    {
        Type = type;
        Noun = noun;
        Names = Array.AsReadOnly(Enum.GetNames(type));
        _byKey = byKey;
    }

    /// <summary>Gets the enum type.</summary>
    public Type Type { get; }

    /// <summary>Gets what a value is called in a message: "GPU", "weight format", "provider".</summary>
    public string Noun { get; }

    /// <summary>Gets the members' names, in declaration order: the names the documentation lists.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets the vocabulary of an enum type (Knowledge enums with their aliases, any other enum with its names).</summary>
    public static SettingVocabulary For(Type enumType) => Cache.GetOrAdd(enumType, Create);

    /// <summary>Parses a name or alias; <see langword="false"/> for anything else, numbers included.</summary>
    public bool TryParse(string text, out object? value)
    {
        value = null;
        if (Type == typeof(GpuKind))
        {
            bool found = Gpus.TryParse(text, out GpuKind gpu);
            value = found ? gpu : null;
            return found;
        }

        if (Type == typeof(Quantization))
        {
            bool found = Quantizations.TryParse(text, out Quantization quantization);
            value = found ? quantization : null;
            return found;
        }

        return _byKey.TryGetValue(Knowledge.Names.Key(text), out value);
    }

    /// <summary>Whether a typed value (a C# constant or a bound option) is a member of the enum.</summary>
    public bool IsMember(object value, out object? member)
    {
        member = null;
        if (value.GetType() == Type || value is int or long or short or byte)
        {
            object candidate = Enum.ToObject(Type, value);
            if (Enum.IsDefined(Type, candidate))
            {
                member = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>The message for a value that is not a name: what it is not, the nearest name, and every name.</summary>
    public string Problem(string key, string text)
    {
        string? suggestion = Suggestions.Closest(text, Names);
        return key + " is '" + text + "', which is not a " + Noun + ". "
            + (suggestion is null ? string.Empty : "Did you mean '" + suggestion + "'? ")
            + "Use one of: " + string.Join(", ", Names) + ".";
    }

    private static SettingVocabulary Create(Type type)
    {
        var byKey = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (object member in Enum.GetValues(type))
        {
            byKey[Knowledge.Names.Key(member.ToString()!)] = member;
        }

        foreach ((string alias, object value) in Aliases(type))
        {
            byKey[Knowledge.Names.Key(alias)] = value;
        }

        return new SettingVocabulary(type, NounOf(type), byKey);
    }

    // The documented aliases (docs/configuration.md, "Names and aliases"); GPUs and weight formats keep theirs in their catalogs.
    private static IEnumerable<(string Alias, object Value)> Aliases(Type type)
    {
        if (type == typeof(ProviderKind))
        {
            return
            [
                ("Azure", ProviderKind.AzureOpenAI), ("Amazon", ProviderKind.Aws), ("Google", ProviderKind.Gcp), ("Google Cloud", ProviderKind.Gcp),
                ("Lambda Cloud", ProviderKind.Lambda), ("Lambda Labs", ProviderKind.Lambda), ("OpenAI", ProviderKind.OpenAICompatible),
            ];
        }

        if (type == typeof(EngineKind))
        {
            return
            [
                ("llama-server", EngineKind.LlamaCpp), ("TRT-LLM", EngineKind.TensorRtLlm), ("trtllm-serve", EngineKind.TensorRtLlm),
                ("text-generation-inference", EngineKind.Tgi), ("OpenAI", EngineKind.OpenAICompatible),
            ];
        }

        if (type == typeof(TargetTier))
        {
            return [("Pod", TargetTier.CloudPod), ("Hosted", TargetTier.HostedApi)];
        }

        if (type == typeof(CapacityType))
        {
            return [("Interruptible", CapacityType.Spot), ("Preemptible", CapacityType.Spot)];
        }

        if (type == typeof(KvCacheDType))
        {
            // vLLM --kv-cache-dtype values: both FP8 layouts take one byte per element.
            return [("fp8_e4m3", KvCacheDType.FP8), ("fp8_e5m2", KvCacheDType.FP8)];
        }

        if (type == typeof(ModelCapabilities))
        {
            return [("FunctionCalling", ModelCapabilities.Tools), ("JsonSchema", ModelCapabilities.StructuredOutput), ("Images", ModelCapabilities.Vision), ("Thinking", ModelCapabilities.Reasoning)];
        }

        if (type == typeof(DeploymentProfile))
        {
            return [("Dev", DeploymentProfile.Development), ("Prod", DeploymentProfile.Production)];
        }

        return Enumerable.Empty<(string, object)>();
    }

    private static string NounOf(Type type) => type.Name switch
    {
        nameof(ProviderKind) => "provider",
        nameof(EngineKind) => "engine",
        nameof(GpuKind) => "GPU",
        nameof(Knowledge.Quantization) => "weight format",
        nameof(TargetTier) => "target tier",
        nameof(CapacityType) => "capacity type",
        nameof(KvCacheDType) => "KV-cache data type",
        nameof(DeploymentProfile) => "deployment profile",
        nameof(ModelCapabilities) => "capability",
        "PiiPolicy" => "PII policy",
        "CostWindow" => "cost window",
        "SlowFirstTokenAction" => "slow-first-token action",
        "TaskType" => "task type",
        _ => type.Name,
    };
}
