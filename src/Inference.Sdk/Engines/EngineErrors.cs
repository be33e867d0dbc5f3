using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Engines;

/// <summary>Maps what an engine answered (status, error body, transport failure) to the typed <see cref="InferenceException"/>s. Pure.</summary>
internal static partial class EngineErrors
{
    /// <summary>Maps an HTTP error answer, or a mid-stream error event (<paramref name="status"/> <see langword="null"/>).</summary>
    public static InferenceException FromAnswer(
        EngineProfile profile, string target, int? status, EngineError error, TimeSpan? retryAfter, bool outputCommitted, Exception? inner)
    {
        int? effectiveStatus = status ?? error.StatusCode;
        string what = status is int s ? $"answered HTTP {s}" : "sent an error event mid-stream";
        string detail = error.Message is null ? string.Empty : $": {error.Message}";

        if (IsContextOverflow(effectiveStatus, error))
        {
            var (prompt, output, window) = OverflowNumbers(error);
            return new ContextWindowExceededException(
                $"The {profile.ProviderName} target '{target}' rejected the request because it does not fit the context window " +
                $"(prompt tokens: {Show(prompt)}, requested output tokens: {Show(output)}, context window: {Show(window)}){detail}", inner)
            {
                TargetName = target,
                StatusCode = effectiveStatus,
                OutputCommitted = outputCommitted,
                PromptTokens = prompt,
                RequestedOutputTokens = output,
                ContextWindow = window,
            };
        }

        if (status is not null && MissingCapability(error.Message) is { } missing)
        {
            return new CapabilityNotSupportedException(
                $"The {profile.ProviderName} target '{target}' does not serve {Describe(missing)} ({what}){detail}", inner)
            {
                TargetName = target,
                StatusCode = status,
                OutputCommitted = outputCommitted,
                Capability = missing,
            };
        }

        if (IsLoading(effectiveStatus, error))
        {
            return new EngineLoadingException($"The {profile.ProviderName} target '{target}' is still loading its model ({what}){detail}", inner)
            {
                TargetName = target,
                StatusCode = effectiveStatus,
                OutputCommitted = outputCommitted,
            };
        }

        // The status says the rest (Failures.OfStatus), except that a mid-stream error event is a protocol error unless it says overloaded.
        FailureKind kind = effectiveStatus is int known && (status is not null || Failures.OfStatus(known) == FailureKind.Overloaded)
            ? Failures.OfStatus(known)
            : FailureKind.Protocol;
        switch (kind)
        {
            case FailureKind.Overloaded:
                string wait = retryAfter is TimeSpan r ? $", retry after {r.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s" : string.Empty;
                return new TargetOverloadedException($"The {profile.ProviderName} target '{target}' is overloaded ({what}{wait}){detail}", inner)
                {
                    TargetName = target,
                    StatusCode = effectiveStatus,
                    OutputCommitted = outputCommitted,
                    RetryAfter = retryAfter,
                };
            case FailureKind.Protocol:
                return new InferenceProtocolException($"The {profile.ProviderName} target '{target}' {what}{Code(error)}{detail}", inner)
                {
                    TargetName = target,
                    StatusCode = effectiveStatus,
                    OutputCommitted = outputCommitted,
                };
            case FailureKind.Unavailable:
                return new TargetUnavailableException($"The {profile.ProviderName} target '{target}' failed ({what}){detail}", inner)
                {
                    TargetName = target,
                    StatusCode = status,
                    OutputCommitted = outputCommitted,
                };
            default:
                string cause = kind switch
                {
                    FailureKind.Credentials => "rejected the credentials",
                    FailureKind.NotServedHere => "does not serve this request",
                    _ => "rejected the request",
                };
                return new InferenceException($"The {profile.ProviderName} target '{target}' {cause} ({what}){detail}", inner)
                {
                    TargetName = target,
                    StatusCode = status,
                    OutputCommitted = outputCommitted,
                };
        }
    }

    /// <summary>Maps a failure to reach or read from the target; <see langword="null"/> when the exception is not one.</summary>
    public static InferenceException? FromTransport(EngineProfile profile, string target, Exception exception, bool outputCommitted)
    {
        switch (exception)
        {
            case JsonException:
                return new InferenceProtocolException($"The {profile.ProviderName} target '{target}' answered malformed JSON: {exception.Message}", exception)
                {
                    TargetName = target,
                    OutputCommitted = outputCommitted,
                };
            case HttpRequestException http:
                return Unavailable(profile, target, Describe(http), exception, outputCommitted, (int?)http.StatusCode);
            case SocketException or IOException or AuthenticationException:
                return Unavailable(profile, target, exception.Message, exception, outputCommitted, null);
            default:
                return exception.InnerException is { } inner && FromTransport(profile, target, inner, outputCommitted) is { } mapped
                    ? mapped
                    : null;
        }
    }

    /// <summary>The target did not answer within the timeout.</summary>
    public static TargetUnavailableException Timeout(EngineProfile profile, string target, TimeSpan timeout, Exception inner, bool outputCommitted) =>
        new($"The {profile.ProviderName} target '{target}' did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s", inner)
        {
            TargetName = target,
            OutputCommitted = outputCommitted,
            DeclaredKind = FailureKind.TimedOut,
        };

    private static TargetUnavailableException Unavailable(EngineProfile profile, string target, string cause, Exception inner, bool committed, int? status) =>
        new($"The {profile.ProviderName} target '{target}' could not be reached: {cause}", inner)
        {
            TargetName = target,
            StatusCode = status,
            OutputCommitted = committed,
        };

    private static string Describe(HttpRequestException http)
    {
        string kind = http.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "DNS name resolution failed",
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.ResponseEnded => "the response ended prematurely",
            HttpRequestError.InvalidResponse => "the response was not valid HTTP",
            HttpRequestError.ProxyTunnelError => "the proxy tunnel failed",
            _ => "the request failed",
        };
        string? cause = http.InnerException?.Message ?? http.Message;
        return $"{kind} ({cause})";
    }

    private static bool IsContextOverflow(int? status, EngineError error)
    {
        if (status is not (null or 400 or 413 or 422))
        {
            return false;
        }

        if (error.Type == "exceed_context_size_error" || error.Code == "context_length_exceeded" || error.Param is "input_tokens" or "input_text")
        {
            return true;
        }

        string? message = error.Message;
        return message is not null && (
            message.Contains("context length", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("context size", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("context window", StringComparison.OrdinalIgnoreCase) ||
            message.Contains("`inputs` tokens + `max_new_tokens` must be", StringComparison.Ordinal) ||
            message.Contains("`max_new_tokens` must be <=", StringComparison.Ordinal) ||
            message.Contains("`inputs` must have less than", StringComparison.Ordinal) ||
            message.Contains("exceeds the maximum allowed length", StringComparison.Ordinal));
    }

    /// <summary>
    /// The capability an engine's error message says the target lacks; <see langword="null"/> when it says something else. Read
    /// from the message, not the status: llama.cpp answers these with HTTP 500 (<c>tools/server/server-common.cpp</c>, commit
    /// de3ff815: "image input is not supported - hint: …provide the mmproj", "audio input is not supported…", "tools param
    /// requires --jinja flag", "…model does not support multimodal requests"); vLLM with 400 ("\"auto\" tool choice requires
    /// --enable-auto-tool-choice and --tool-call-parser to be set", "…is not a multimodal model"); Ollama with 400
    /// (<c>server/routes.go</c>: "{model} does not support tools", "…does not support vision", "…does not support thinking").
    /// </summary>
    internal static Knowledge.ModelCapabilities? MissingCapability(string? message)
    {
        if (message is null)
        {
            return null;
        }

        if (message.Contains("image input is not supported", StringComparison.OrdinalIgnoreCase)
            || message.Contains("audio input is not supported", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not support multimodal", StringComparison.OrdinalIgnoreCase)
            || message.Contains("is not a multimodal model", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not support vision", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not support images", StringComparison.OrdinalIgnoreCase))
        {
            return Knowledge.ModelCapabilities.Vision;
        }

        if (message.Contains("tools param requires --jinja", StringComparison.OrdinalIgnoreCase)
            || message.Contains("requires --enable-auto-tool-choice", StringComparison.OrdinalIgnoreCase)
            || message.Contains("requires --tool-call-parser", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not support tools", StringComparison.OrdinalIgnoreCase))
        {
            return Knowledge.ModelCapabilities.Tools;
        }

        return message.Contains("does not support thinking", StringComparison.OrdinalIgnoreCase) ? Knowledge.ModelCapabilities.Reasoning : null;
    }

    private static string Describe(Knowledge.ModelCapabilities capability) => capability switch
    {
        Knowledge.ModelCapabilities.Vision => "images (Vision)",
        Knowledge.ModelCapabilities.Tools => "tool calls (Tools)",
        Knowledge.ModelCapabilities.Reasoning => "reasoning (Reasoning)",
        _ => capability.ToString(),
    };

    private static bool IsLoading(int? status, EngineError error) =>
        status is null or 503 &&
        error.Message is string m && m.Contains("loading model", StringComparison.OrdinalIgnoreCase);

    private static (int? Prompt, int? Output, int? Window) OverflowNumbers(EngineError error)
    {
        int? prompt = error.PromptTokens, output = null, window = error.ContextWindow;
        if (error.Message is string message)
        {
            foreach (Regex pattern in OverflowPatterns)
            {
                Match match = pattern.Match(message);
                if (match.Success)
                {
                    prompt ??= Group(match, "p");
                    output ??= Group(match, "o");
                    window ??= Group(match, "c");
                }
            }
        }

        return (prompt, output, window);
    }

    private static int? Group(Match match, string name) =>
        match.Groups[name] is { Success: true } g && int.TryParse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : null;

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    private static string Code(EngineError error) => error.Type is null ? string.Empty : $" ({error.Type})";

    private static readonly Regex[] OverflowPatterns =
    [
        VllmWindow(), VllmPrompt(), VllmOutput(), VllmSum(), VllmOld(),
        LlamaRequest(), LlamaOld(),
        SglangInput(), SglangTotal(), SglangAllowed(),
        TgiSum(), TgiInputs(), TgiMaxNew(),
    ];

    [GeneratedRegex(@"maximum context length is (?<c>\d+)")]
    private static partial Regex VllmWindow();

    [GeneratedRegex(@"prompt contains (?:at least )?(?<p>\d+) input tokens")]
    private static partial Regex VllmPrompt();

    [GeneratedRegex(@"requested (?<o>\d+) output tokens")]
    private static partial Regex VllmOutput();

    [GeneratedRegex(@"\((?<p>\d+) \+ (?<o>\d+) = \d+ > (?<c>\d+)\)")]
    private static partial Regex VllmSum();

    [GeneratedRegex(@"requested \d+ tokens \((?<p>\d+) in the messages, (?<o>\d+) in the completion\)")]
    private static partial Regex VllmOld();

    [GeneratedRegex(@"request \((?<p>\d+) tokens\) exceeds (?:the available )?context size \((?<c>\d+) tokens\)")]
    private static partial Regex LlamaRequest();

    [GeneratedRegex(@"input \((?<p>\d+) tokens\) is larger than the max context size \((?<c>\d+) tokens\)")]
    private static partial Regex LlamaOld();

    [GeneratedRegex(@"input \((?<p>\d+) tokens\) is longer than the model's context length \((?<c>\d+) tokens\)", RegexOptions.IgnoreCase)]
    private static partial Regex SglangInput();

    [GeneratedRegex(@"maximum context length of (?<c>\d+) tokens\. You requested a total of \d+ tokens: (?<p>\d+) tokens from the input messages and (?<o>\d+) tokens for the completion")]
    private static partial Regex SglangTotal();

    [GeneratedRegex(@"Input length \((?<p>\d+) tokens\) exceeds the maximum allowed length \((?<c>\d+) tokens\)")]
    private static partial Regex SglangAllowed();

    [GeneratedRegex(@"`inputs` tokens \+ `max_new_tokens` must be <= (?<c>\d+)\. Given: (?<p>\d+) `inputs` tokens and (?<o>\d+) `max_new_tokens`")]
    private static partial Regex TgiSum();

    [GeneratedRegex(@"`inputs` must have less than (?<c>\d+) tokens\. Given: (?<p>\d+)")]
    private static partial Regex TgiInputs();

    /// <summary>TGI ≤ 2.0 (<c>ValidationError::MaxNewTokens</c>): the output cap asked for is over what the window leaves.</summary>
    [GeneratedRegex(@"^(?:Input validation error: )?`max_new_tokens` must be <= \d+\. Given: (?<o>\d+)")]
    private static partial Regex TgiMaxNew();
}
