using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace Inference.Sdk.Benchmarks.Pipeline;

/// <summary>Baseline (a): the chat completions protocol by hand, <see cref="HttpClient"/> + System.Text.Json (source-generated).</summary>
internal sealed class RawOpenAIClient(HttpClient http, Uri openAIBase, string model)
{
    private readonly Uri _completions = new(openAIBase.AbsoluteUri.TrimEnd('/') + "/chat/completions");

    public async Task<string?> CompleteAsync(string prompt, CancellationToken cancellationToken = default)
    {
        using var request = Request(prompt, stream: false);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var completion = await JsonSerializer.DeserializeAsync(body, RawJson.Default.RawCompletion, cancellationToken).ConfigureAwait(false);
        return completion?.Choices is [{ Message.Content: var content }, ..] ? content : null;
    }

    /// <summary>Streams; returns after the first content delta when <paramref name="firstOnly"/>, else at <c>[DONE]</c>.</summary>
    public async Task<int> StreamAsync(string prompt, bool firstOnly, CancellationToken cancellationToken = default)
    {
        using var request = Request(prompt, stream: true);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(body, Encoding.UTF8);
        int chars = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.AsSpan(6).SequenceEqual("[DONE]"))
            {
                break;
            }

            var chunk = JsonSerializer.Deserialize(line.AsSpan(6), RawJson.Default.RawCompletion);
            if (chunk?.Choices is [{ Delta.Content: { Length: > 0 } text }, ..])
            {
                chars += text.Length;
                if (firstOnly)
                {
                    break;
                }
            }
        }

        return chars;
    }

    private HttpRequestMessage Request(string prompt, bool stream)
    {
        var body = new RawRequest(model, [new RawMessage("user", prompt)], stream, stream ? new RawStreamOptions(true) : null);
        return new HttpRequestMessage(HttpMethod.Post, _completions)
        {
            Content = JsonContent(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "unused") },
        };
    }

    private static ByteArrayContent JsonContent(RawRequest body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, RawJson.Default.RawRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

internal sealed record RawRequest(
    string Model,
    IReadOnlyList<RawMessage> Messages,
    bool Stream,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] RawStreamOptions? StreamOptions);

internal sealed record RawMessage(string Role, string? Content);

internal sealed record RawStreamOptions(bool IncludeUsage);

internal sealed record RawChoice(int Index, RawMessage? Message, RawMessage? Delta, string? FinishReason);

internal sealed record RawUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

internal sealed record RawCompletion(string Id, IReadOnlyList<RawChoice> Choices, RawUsage? Usage);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RawRequest))]
[JsonSerializable(typeof(RawCompletion))]
internal sealed partial class RawJson : JsonSerializerContext;
