using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Providers.RunPod;

/// <summary>Pure readers of what worker-vllm's <c>openai_route</c> handler puts in a job's <c>output</c>.</summary>
internal static partial class RunPodOpenAIOutput
{
    /// <summary>The OpenAI chat completion JSON of a completed non-streaming job: an object, a one-item list of it (aggregated generator output), or a JSON string.</summary>
    public static string Completion(string targetName, RunPodJob job)
    {
        JsonElement output = job.Output
            ?? throw new InferenceProtocolException($"Job '{job.Id}' on target '{targetName}' completed without an output.") { TargetName = targetName };
        switch (output.ValueKind)
        {
            case JsonValueKind.Object:
                ThrowIfError(targetName, output);
                return output.GetRawText();
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (JsonElement item in output.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        ThrowIfError(targetName, item);
                        return item.GetRawText();
                    }

                    if (item.ValueKind == JsonValueKind.String)
                    {
                        text.Append(item.GetString());
                    }
                }

                return FromString(targetName, job, text.ToString());
            case JsonValueKind.String:
                return FromString(targetName, job, output.GetString()!);
            default:
                throw new InferenceProtocolException($"Job '{job.Id}' on target '{targetName}' completed with an output that is not a chat completion ({output.ValueKind}).") { TargetName = targetName };
        }
    }

    /// <summary>The server-sent-event text of one streamed output: raw SSE bytes (a string), a chunk object, or a batch (an array) of them.</summary>
    public static string StreamText(string targetName, JsonElement output)
    {
        switch (output.ValueKind)
        {
            case JsonValueKind.String:
                return output.GetString()!;
            case JsonValueKind.Object:
                if (RelayedVllmError(output) is { } relayed)
                {
                    // A mid-stream error event, as the engines' stream reader expects it.
                    return IsJsonObject(relayed.Body)
                        ? "data: {\"error\":" + relayed.Body + "}\n\n"
                        : throw ProviderErrors.FromResponse(targetName, relayed.Status, relayed.Body);
                }

                ThrowIfError(targetName, output);
                return "data: " + output.GetRawText() + "\n\n";
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (JsonElement item in output.EnumerateArray())
                {
                    text.Append(StreamText(targetName, item));
                }

                return text.ToString();
            default:
                return string.Empty;
        }
    }

    /// <summary>Throws the typed error for worker-vllm's <c>{"error":{"message":"vLLM returned HTTP 400: …","type":"worker_error"}}</c>.</summary>
    public static void ThrowIfError(string targetName, JsonElement output)
    {
        if (!output.TryGetProperty("error", out JsonElement error) || error.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (RelayedVllmError(output) is { } relayed)
        {
            throw new RelayedErrorException(relayed.Status, relayed.Body);
        }

        (string? code, string? detail) = ProviderErrors.ParseErrorElement(output);
        throw new ProviderApiException($"Target '{targetName}' answered with a worker error: {ProviderErrors.Truncate(detail ?? "no message")}")
        {
            TargetName = targetName,
            ErrorCode = code,
        };
    }

    /// <summary>The vLLM answer worker-vllm relays as <c>"vLLM returned HTTP {status}: {body}"</c>, when the error is one.</summary>
    public static (int Status, string Body)? RelayedVllmError(JsonElement output)
    {
        JsonElement error = JsonRead.Property(output, "error") ?? default;
        string? message = error.ValueKind == JsonValueKind.Object ? JsonRead.String(error, "message") : null;
        return message is not null && VllmStatus().Match(message) is { Success: true } match
            ? (int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value)
            : null;
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string FromString(string targetName, RunPodJob job, string text)
    {
        using JsonDocument document = Parse(targetName, job, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InferenceProtocolException($"Job '{job.Id}' on target '{targetName}' completed with an output that is not a chat completion.") { TargetName = targetName };
        }

        ThrowIfError(targetName, document.RootElement);
        return text;
    }

    private static JsonDocument Parse(string targetName, RunPodJob job, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InferenceProtocolException($"Job '{job.Id}' on target '{targetName}' completed with an output that is not JSON.", e) { TargetName = targetName };
        }
    }

    [GeneratedRegex(@"^vLLM returned HTTP (\d{3}): (.*)$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex VllmStatus();
}
