using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Routing;

/// <summary>
/// Counts prompt tokens for one model family. Exact for OpenAI families (o200k_base, cl100k_base); cl100k_base as a
/// close proxy for Llama 3, Qwen and DeepSeek (their vocabularies extend it); one token per three characters (a
/// deliberate over-estimate) for anything else. Every message adds four tokens of chat-template overhead.
/// </summary>
internal sealed class TokenCounter
{
    private const int PerMessageOverhead = 4;
    private const int CharsPerTokenEstimate = 3;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private static readonly TokenCounter O200kCounter = new(O200k, estimated: false);
    private static readonly TokenCounter Cl100kCounter = new(Cl100k, estimated: false);
    private static readonly TokenCounter Cl100kProxy = new(Cl100k, estimated: true);
    private static readonly TokenCounter Heuristic = new(null, estimated: true);

    private readonly Lazy<Tokenizer>? _tokenizer;

    private TokenCounter(Lazy<Tokenizer>? tokenizer, bool estimated)
    {
        _tokenizer = tokenizer;
        IsEstimate = estimated;
    }

    /// <summary>Gets a value indicating whether counts are estimates rather than the model's own tokenizer.</summary>
    public bool IsEstimate { get; }

    /// <summary>Picks the counter for a target: its own tokenizer, else by model family.</summary>
    public static TokenCounter For(RouteTarget target) =>
        target.Tokenizer is { } own ? new TokenCounter(new Lazy<Tokenizer>(own), estimated: false) : ForModel(target.ModelId);

    /// <summary>Picks the counter for a model id by family.</summary>
    public static TokenCounter ForModel(string? modelId)
    {
        if (string.IsNullOrEmpty(modelId))
        {
            return Heuristic;
        }

        ReadOnlySpan<char> id = modelId;
        int slash = id.LastIndexOf('/');
        if (slash >= 0)
        {
            id = id[(slash + 1)..];
        }

        if (StartsWith(id, "gpt-4o") || StartsWith(id, "gpt-4.1") || StartsWith(id, "gpt-4.5") || StartsWith(id, "gpt-5") || StartsWith(id, "gpt-oss")
            || StartsWith(id, "o1") || StartsWith(id, "o3") || StartsWith(id, "o4") || StartsWith(id, "chatgpt-4o"))
        {
            return O200kCounter;
        }

        if (StartsWith(id, "gpt-4") || StartsWith(id, "gpt-3.5") || StartsWith(id, "gpt-35") || StartsWith(id, "text-embedding-3"))
        {
            return Cl100kCounter;
        }

        if (Contains(id, "llama-3") || Contains(id, "llama3") || Contains(id, "qwen") || Contains(id, "deepseek"))
        {
            return Cl100kProxy;
        }

        return Heuristic;
    }

    /// <summary>Counts the tokens of the messages' text.</summary>
    public int Count(IReadOnlyList<ChatMessage> messages)
    {
        var tokenizer = _tokenizer?.Value;
        int total = 0;
        for (int m = 0; m < messages.Count; m++)
        {
            total += PerMessageOverhead;
            var contents = messages[m].Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent { Text: { Length: > 0 } text })
                {
                    total += tokenizer is null
                        ? (text.Length + CharsPerTokenEstimate - 1) / CharsPerTokenEstimate
                        : tokenizer.CountTokens(text);
                }
            }
        }

        return total;
    }

    private static bool StartsWith(ReadOnlySpan<char> id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(ReadOnlySpan<char> id, string part) => id.Contains(part, StringComparison.OrdinalIgnoreCase);
}
