using System;
using System.Globalization;
using System.Text.Json;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Engines;

/// <summary>
/// Reads what each engine says about its model into an <see cref="EngineModelInfo"/>. Pure: a field that is missing or typed
/// otherwise reads as unknown, never as an error. The routes, and the field each one's served context comes from:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>vLLM and SGLang <c>GET /v1/models</c>: <c>max_model_len</c> of the card of the served model (vLLM <c>--max-model-len</c>,
/// SGLang <c>model_config.context_len</c>); a LoRA card (with a <c>parent</c>) is not the model;</item>
/// <item>llama.cpp <c>GET /props</c>: <c>default_generation_settings.n_ctx</c>, the context of one slot, which is what one request
/// may fill (the server divides <c>-c</c> among its <c>--parallel</c> slots and caps each at the trained context); its
/// <c>GET /v1/models</c> adds <c>meta</c>: <c>n_ctx_train</c>, <c>n_params</c>, <c>n_embd</c>;</item>
/// <item>Ollama <c>POST /api/show</c>: <c>model_info</c> under the architecture's prefix (<c>{arch}.context_length</c> is the
/// trained window, <c>block_count</c>, <c>attention.head_count</c>, <c>attention.head_count_kv</c>, <c>attention.key_length</c>,
/// <c>embedding_length</c>, <c>general.parameter_count</c>); the served context is the model's <c>num_ctx</c> parameter, or
/// <c>context_length</c> of the loaded model in <c>GET /api/ps</c> (the server's default depends on its VRAM, so nothing else says it);</item>
/// <item>SGLang <c>GET /get_model_info</c>: <c>model_path</c> and <c>architectures</c>;</item>
/// <item>TGI <c>GET /info</c>: <c>max_total_tokens</c> (prompt plus output) and <c>model_id</c>.</item>
/// </list>
/// </remarks>
internal static class EngineModelInfoReader
{
    /// <summary>An OpenAI-style model list: the card whose id (or root) is <paramref name="model"/>, else the first base model.</summary>
    public static EngineModelInfo? FromModelList(JsonElement root, string? model, string source)
    {
        if (Property(root, "data") is not { ValueKind: JsonValueKind.Array } data)
        {
            return null;
        }

        JsonElement? chosen = null;
        foreach (JsonElement card in data.EnumerateArray())
        {
            if (card.ValueKind != JsonValueKind.Object || String(card, "parent") is not null)
            {
                continue; // an adapter, not the model
            }

            if (model is not null && (Same(String(card, "id"), model) || Same(String(card, "root"), model)))
            {
                chosen = card;
                break;
            }

            chosen ??= card;
        }

        if (chosen is not JsonElement c)
        {
            return null;
        }

        JsonElement? meta = Property(c, "meta");
        return new EngineModelInfo
        {
            Source = source,
            ServedModel = String(c, "id"),
            ContextTokens = Positive(Int(c, "max_model_len")) ?? (meta is { } m ? Positive(Int(m, "n_ctx")) : null),
            TrainedContextTokens = meta is { } t ? Positive(Int(t, "n_ctx_train")) : null,
            ParameterCount = meta is { } p ? Positive(Long(p, "n_params")) : null,
            HiddenSize = meta is { } e ? Positive(Int(e, "n_embd")) : null,
        };
    }

    /// <summary>llama.cpp <c>GET /props</c>: the context of one slot; <see langword="null"/> for a router-mode answer, which serves no one model.</summary>
    public static EngineModelInfo? FromLlamaCppProps(JsonElement root, string source)
    {
        int? slot = Property(root, "default_generation_settings") is { } settings ? Positive(Int(settings, "n_ctx")) : null;
        if (slot is null && String(root, "model_path") is null)
        {
            return null;
        }

        // modalities.vision: the server loaded the model's image encoder (--mmproj). chat_template_caps.supports_tool_calls false:
        // the template cannot render tool calls. True says nothing: whether the server was started with --jinja is not in /props.
        var supported = ModelCapabilities.None;
        var reported = ModelCapabilities.None;
        if (Property(root, "modalities") is { } modalities && Bool(modalities, "vision") is bool vision)
        {
            reported |= ModelCapabilities.Vision;
            supported |= vision ? ModelCapabilities.Vision : ModelCapabilities.None;
        }

        if (Property(root, "chat_template_caps") is { } caps && Bool(caps, "supports_tool_calls") is false)
        {
            reported |= ModelCapabilities.Tools;
        }

        return new EngineModelInfo
        {
            Source = source,
            ServedModel = String(root, "model_alias") ?? String(root, "model_path"),
            ContextTokens = slot,
            Capabilities = supported,
            ReportedCapabilities = reported,
        };
    }

    /// <summary>Ollama <c>POST /api/show</c>.</summary>
    public static EngineModelInfo? FromOllamaShow(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        JsonElement? info = Property(root, "model_info");
        string? arch = info is { } i ? String(i, "general.architecture") : null;
        string prefix = arch is null ? "\0" : arch + ".";
        int? heads = Number(info, prefix + "attention.head_count");
        int? embedding = Number(info, prefix + "embedding_length");
        // capabilities (Ollama ≥ 0.6): "completion", "tools", "vision", "thinking", "insert", "embedding"; absent on older servers.
        var supported = ModelCapabilities.None;
        var reported = ModelCapabilities.None;
        if (Property(root, "capabilities") is { ValueKind: JsonValueKind.Array } capabilities)
        {
            reported = ModelCapabilities.Tools | ModelCapabilities.Vision | ModelCapabilities.Reasoning;
            foreach (JsonElement capability in capabilities.EnumerateArray())
            {
                supported |= capability.ValueKind != JsonValueKind.String ? ModelCapabilities.None : capability.GetString() switch
                {
                    "tools" => ModelCapabilities.Tools,
                    "vision" => ModelCapabilities.Vision,
                    "thinking" => ModelCapabilities.Reasoning,
                    _ => ModelCapabilities.None,
                };
            }
        }

        return new EngineModelInfo
        {
            Source = source,
            Capabilities = supported,
            ReportedCapabilities = reported,
            Architecture = arch ?? (Property(root, "details") is { } d ? String(d, "family") : null),
            ContextTokens = NumCtx(String(root, "parameters")),
            TrainedContextTokens = Number(info, prefix + "context_length"),
            ParameterCount = info is { } pc ? Positive(Long(pc, "general.parameter_count")) : null,
            Layers = Number(info, prefix + "block_count"),
            AttentionHeads = heads,
            KvHeads = Number(info, prefix + "attention.head_count_kv"),
            HeadDim = Number(info, prefix + "attention.key_length") ?? (heads is > 0 && embedding is > 0 ? embedding / heads : null),
            HiddenSize = embedding,
        };
    }

    /// <summary>Ollama <c>GET /api/ps</c>: the context the loaded <paramref name="model"/> runs with; <see langword="null"/> when it is not loaded.</summary>
    public static int? FromOllamaPs(JsonElement root, string? model)
    {
        if (model is null || Property(root, "models") is not { ValueKind: JsonValueKind.Array } models)
        {
            return null;
        }

        foreach (JsonElement loaded in models.EnumerateArray())
        {
            if (Same(String(loaded, "name"), model) || Same(String(loaded, "model"), model)
                || Same(String(loaded, "name"), model + ":latest"))
            {
                return Positive(Int(loaded, "context_length"));
            }
        }

        return null;
    }

    /// <summary>SGLang <c>GET /get_model_info</c> (no context there: SGLang's <c>/v1/models</c> says it).</summary>
    public static EngineModelInfo? FromSglangModelInfo(JsonElement root, string source) =>
        String(root, "model_path") is { } path
            ? new EngineModelInfo
            {
                Source = source,
                ServedModel = path,
                Architecture = Property(root, "architectures") is { ValueKind: JsonValueKind.Array } a && a.GetArrayLength() > 0 && a[0].ValueKind == JsonValueKind.String
                    ? a[0].GetString()
                    : String(root, "model_type"),
            }
            : null;

    /// <summary>TGI <c>GET /info</c>: <c>max_total_tokens</c> bounds prompt plus output of one request.</summary>
    public static EngineModelInfo? FromTgiInfo(JsonElement root, string source) =>
        root.ValueKind == JsonValueKind.Object && (Int(root, "max_total_tokens") is not null || String(root, "model_id") is not null)
            ? new EngineModelInfo { Source = source, ServedModel = String(root, "model_id"), ContextTokens = Positive(Int(root, "max_total_tokens")) }
            : null;

    /// <summary>Both descriptions in one: what <paramref name="first"/> says wins, <paramref name="second"/> fills the gaps.</summary>
    public static EngineModelInfo? Merge(EngineModelInfo? first, EngineModelInfo? second) => (first, second) switch
    {
        (null, _) => second,
        (_, null) => first,
        _ => new EngineModelInfo
        {
            Source = first.Source + ", " + second.Source,
            ServedModel = first.ServedModel ?? second.ServedModel,
            ContextTokens = first.ContextTokens ?? second.ContextTokens,
            TrainedContextTokens = first.TrainedContextTokens ?? second.TrainedContextTokens,
            ParameterCount = first.ParameterCount ?? second.ParameterCount,
            Layers = first.Layers ?? second.Layers,
            AttentionHeads = first.AttentionHeads ?? second.AttentionHeads,
            KvHeads = first.KvHeads ?? second.KvHeads,
            HeadDim = first.HeadDim ?? second.HeadDim,
            HiddenSize = first.HiddenSize ?? second.HiddenSize,
            Architecture = first.Architecture ?? second.Architecture,
            Capabilities = (first.Capabilities & first.ReportedCapabilities) | (second.Capabilities & second.ReportedCapabilities & ~first.ReportedCapabilities),
            ReportedCapabilities = first.ReportedCapabilities | second.ReportedCapabilities,
        },
    };

    /// <summary>The <c>num_ctx</c> line of Ollama's <c>parameters</c> text (<c>"num_ctx 4096"</c>, one parameter per line).</summary>
    internal static int? NumCtx(string? parameters)
    {
        if (parameters is null)
        {
            return null;
        }

        foreach (string line in parameters.Split('\n'))
        {
            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "num_ctx" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A number of <c>model_info</c>; some architectures write one per layer (an array), read as the largest.</summary>
    private static int? Number(JsonElement? info, string name)
    {
        if (info is not { } i || Property(i, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            int? largest = null;
            foreach (JsonElement item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Number && item.TryGetInt32(out int n) && n > (largest ?? 0))
                {
                    largest = n;
                }
            }

            return largest;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int single) ? Positive(single) : null;
    }

    private static bool Same(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static int? Positive(int? value) => value is > 0 ? value : null;

    private static long? Positive(long? value) => value is > 0 ? value : null;

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool? Bool(JsonElement element, string name) =>
        Property(element, name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long? Long(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out long l) ? l : null;

    private static int? Int(JsonElement element, string name) =>
        Long(element, name) is long l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;
}
