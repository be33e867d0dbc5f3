using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Routing;

/// <summary>
/// Counts prompt tokens for one model family. Exact for OpenAI families (o200k_base, cl100k_base); cl100k_base as a
/// close proxy for Llama 3, Qwen and DeepSeek (their vocabularies extend it); one token per three characters (a
/// deliberate over-estimate) for anything else. Every message adds four tokens of chat-template overhead.
/// </summary>
/// <remarks>
/// A byte-level BPE (o200k_base, cl100k_base) never yields more tokens than the text has UTF-8 bytes, since every
/// token stands for at least one byte: <see cref="Utf8Bound"/> is an upper bound on <see cref="Count"/> for those
/// counters, which lets the router skip counting when no decision threshold is within reach (see <see cref="PromptTokenPlan"/>).
/// </remarks>
internal sealed class TokenCounter
{
    /// <summary>The chat-template overhead counted per message.</summary>
    public const int PerMessageOverhead = 4;

    private const int CharsPerTokenEstimate = 3;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private static readonly TokenCounter O200kCounter = new(O200k, estimated: false, byteLevel: true);
    private static readonly TokenCounter Cl100kCounter = new(Cl100k, estimated: false, byteLevel: true);
    private static readonly TokenCounter Cl100kProxy = new(Cl100k, estimated: true, byteLevel: true);
    private static readonly TokenCounter Heuristic = new(null, estimated: true, byteLevel: false);

    private readonly Lazy<Tokenizer>? _tokenizer;

    private TokenCounter(Lazy<Tokenizer>? tokenizer, bool estimated, bool byteLevel)
    {
        _tokenizer = tokenizer;
        IsEstimate = estimated;
        IsByteLevel = byteLevel;
    }

    /// <summary>Gets a value indicating whether counts are estimates rather than the model's own tokenizer.</summary>
    public bool IsEstimate { get; }

    /// <summary>Gets a value indicating whether this is a byte-level BPE, whose count never exceeds <see cref="Utf8Bound"/>.</summary>
    public bool IsByteLevel { get; }

    /// <summary>Gets a value indicating whether this counter is the characters-per-token heuristic (no tokenizer).</summary>
    public bool IsHeuristic => _tokenizer is null;

    /// <summary>Picks the counter for a target: its own tokenizer, else by model family.</summary>
    public static TokenCounter For(RouteTarget target) =>
        target.Tokenizer is { } own ? new TokenCounter(new Lazy<Tokenizer>(own), estimated: false, byteLevel: false) : ForModel(target.ModelId);

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

    /// <summary>
    /// Counts the tokens of the messages' text, stopping once the count is known to exceed <paramref name="max"/>.
    /// </summary>
    /// <param name="messages">The messages.</param>
    /// <param name="max">The largest count that must be told apart exactly.</param>
    /// <param name="over">Set when the count exceeds <paramref name="max"/>; the result is then only an estimate above <paramref name="max"/>.</param>
    /// <returns>The exact count when it is at most <paramref name="max"/>; else an extrapolation, at least <paramref name="max"/> + 1.</returns>
    public long CountUpTo(IReadOnlyList<ChatMessage> messages, long max, out bool over)
    {
        var tokenizer = _tokenizer?.Value;
        long total = 0, chars = 0, allChars = 0;
        over = false;
        for (int m = 0; m < messages.Count; m++)
        {
            total += PerMessageOverhead;
            var contents = messages[m].Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is not TextContent { Text: { Length: > 0 } text })
                {
                    continue;
                }

                allChars += text.Length;
                if (over)
                {
                    continue;
                }

                if (tokenizer is null)
                {
                    total += (text.Length + CharsPerTokenEstimate - 1) / CharsPerTokenEstimate;
                    chars += text.Length;
                    continue;
                }

                long room = max - total;
                if (IsByteLevel && room >= text.Length * 3L)
                {
                    // At most 3 UTF-8 bytes per UTF-16 char, at most one token per byte: the limit is out of reach, count it all.
                    total += tokenizer.CountTokens(text);
                    chars += text.Length;
                    continue;
                }

                int index = tokenizer.GetIndexByTokenCount(text, (int)Math.Clamp(room, 0, int.MaxValue), out string? normalized, out int counted);
                total += counted;
                chars += index;
                over = index < (normalized ?? text).Length;
            }
        }

        over |= total > max;
        if (!over)
        {
            return total;
        }

        // Past the limit: extrapolate the rate seen so far over the rest of the text (only ever an estimate for cost).
        long estimate = chars > 0 ? (long)Math.Ceiling((double)total * allChars / chars) : total;
        return Math.Max(estimate, max + 1);
    }

    /// <summary>Gets an upper bound of <see cref="Count"/> for a byte-level counter: UTF-8 bytes plus the per-message overhead.</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The bound.</returns>
    public static long Utf8Bound(IReadOnlyList<ChatMessage> messages)
    {
        long total = 0;
        for (int m = 0; m < messages.Count; m++)
        {
            total += PerMessageOverhead;
            var contents = messages[m].Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent { Text: { Length: > 0 } text })
                {
                    total += Encoding.UTF8.GetByteCount(text);
                }
            }
        }

        return total;
    }

    private static bool StartsWith(ReadOnlySpan<char> id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(ReadOnlySpan<char> id, string part) => id.Contains(part, StringComparison.OrdinalIgnoreCase);
}
