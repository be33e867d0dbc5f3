using System;
using System.Globalization;
using System.Text.Json;

namespace Inference.Sdk.Engines;

/// <summary>The fields of an engine's error body, whichever of the known shapes it came in.</summary>
/// <remarks>
/// Shapes: nested <c>{"error":{"message","type","param","code"}}</c> (OpenAI, vLLM ≥ 0.10.2, llama.cpp with
/// <c>n_prompt_tokens</c>/<c>n_ctx</c>, TGI mid-stream with <c>http_status_code</c>); flat
/// <c>{"object":"error","message","type","param","code"}</c> (vLLM ≤ 0.10.1, SGLang, TRT-LLM); TGI
/// <c>{"error":"…","error_type":"…"}</c>; Ollama <c>{"error":"…"}</c>; FastAPI <c>{"detail":…}</c>.
/// </remarks>
internal readonly record struct EngineError(string? Message, string? Type, string? Param, string? Code, int? StatusCode, int? PromptTokens, int? ContextWindow)
{
    private const int MaxMessageLength = 300;

    /// <summary>Reads an error body; a body that is not JSON gives its first line as the message.</summary>
    public static EngineError Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (JsonDocument.TryParseValue(ref reader, out JsonDocument? document))
            {
                using (document)
                {
                    if (document.RootElement.ValueKind == JsonValueKind.Object)
                    {
                        return FromObject(document.RootElement);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall through to the raw text.
        }

        return new EngineError(Clip(System.Text.Encoding.UTF8.GetString(body)), null, null, null, null, null, null);
    }

    private static EngineError FromObject(JsonElement root)
    {
        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                return Read(error, root);
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return new EngineError(Clip(error.GetString()), String(root, "error_type"), null, null, null, null, null);
            }
        }

        if (root.TryGetProperty("detail", out JsonElement detail))
        {
            string? text = detail.ValueKind == JsonValueKind.String ? detail.GetString() : detail.GetRawText();
            return new EngineError(Clip(text), null, null, null, null, null, null);
        }

        return Read(root, root);
    }

    private static EngineError Read(JsonElement error, JsonElement root)
    {
        string? code = null;
        int? status = Int(error, "http_status_code");
        if (error.TryGetProperty("code", out JsonElement c))
        {
            if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out int n))
            {
                code = n.ToString(CultureInfo.InvariantCulture);
                status ??= n is >= 100 and <= 599 ? n : null;
            }
            else if (c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }
        }

        return new EngineError(
            Clip(String(error, "message") ?? String(root, "message")),
            String(error, "type"),
            String(error, "param"),
            code,
            status,
            Int(error, "n_prompt_tokens"),
            Int(error, "n_ctx"));
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

    /// <summary>Keeps engine text short and on one line: it goes into exception messages.</summary>
    private static string? Clip(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim().ReplaceLineEndings(" ");
        return text.Length <= MaxMessageLength ? text : string.Concat(text.AsSpan(0, MaxMessageLength), "…");
    }
}
