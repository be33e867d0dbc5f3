using System;
using System.Linq;
using System.Text.Json;

namespace Inference.Sdk.Providers;

/// <summary>Maps a provider's error answer to the package's typed exceptions (a pure function of status and body).</summary>
internal static class ProviderErrors
{
    private const int MaxDetailLength = 400;

    /// <summary>Builds the exception for a non-success HTTP answer.</summary>
    public static InferenceException FromResponse(string targetName, int statusCode, string? body, TimeSpan? retryAfter = null)
    {
        (string? code, string? detail) = ParseErrorBody(body);
        string message = $"Target '{targetName}' answered HTTP {statusCode}"
            + (code is null ? string.Empty : $" ({code})")
            + (detail is null ? string.Empty : $": {Truncate(detail)}");

        if (statusCode == 524)
        {
            return new TargetUnavailableException(
                $"Target '{targetName}' timed out behind Cloudflare (HTTP 524: the origin sent no answer within 100 s). Stream long requests or use a queue endpoint.")
            { TargetName = targetName, StatusCode = statusCode };
        }

        return Failures.OfStatus(statusCode) switch
        {
            FailureKind.Overloaded => new TargetOverloadedException(message) { TargetName = targetName, StatusCode = statusCode, RetryAfter = retryAfter },
            FailureKind.Unavailable => new TargetUnavailableException(message) { TargetName = targetName, StatusCode = statusCode },
            _ => new ProviderApiException(message) { TargetName = targetName, StatusCode = statusCode, ErrorCode = code },
        };
    }

    /// <summary>
    /// Reads the error shapes the providers use: Lambda <c>{"error":{"code","message","suggestion"}}</c>, OpenAI-style
    /// <c>{"error":{"message","type","code"}}</c>, RFC 9457 <c>{"type","title","status","detail","errors"}</c>,
    /// RunPod <c>{"error":"…"}</c> and <c>{"message":"…"}</c>. Anything else yields no code and no detail.
    /// </summary>
    public static (string? Code, string? Detail) ParseErrorBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return ParseErrorElement(document.RootElement);
        }
        catch (JsonException)
        {
            return (null, "the body is not JSON");
        }
    }

    /// <summary>Reads an error object (see <see cref="ParseErrorBody"/>).</summary>
    public static (string? Code, string? Detail) ParseErrorElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        if (root.TryGetProperty("error", out JsonElement error))
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                string? code = JsonRead.String(error, "code") ?? JsonRead.String(error, "type");
                string? text = JsonRead.String(error, "message");
                string? suggestion = JsonRead.String(error, "suggestion");
                return (code, suggestion is null ? text : $"{text} (suggestion: {suggestion})");
            }

            return (null, error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText());
        }

        string? title = JsonRead.String(root, "title");
        string? problemDetail = JsonRead.String(root, "detail");
        if (title is not null || problemDetail is not null)
        {
            string? type = JsonRead.String(root, "type");
            string? errors = root.TryGetProperty("errors", out JsonElement list) && list.ValueKind == JsonValueKind.Array
                ? string.Join("; ", list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()))
                : null;
            string? code = type is null or "about:blank" ? title : type;
            string? detail = problemDetail ?? title;
            return (code, string.IsNullOrEmpty(errors) ? detail : $"{detail} [{errors}]");
        }

        return (null, JsonRead.String(root, "message"));
    }

    /// <summary>Shortens provider text put into exception messages.</summary>
    public static string Truncate(string text) => text.Length <= MaxDetailLength ? text : string.Concat(text.AsSpan(0, MaxDetailLength), "…");
}
