using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Requests;

/// <summary>
/// Counts prompt tokens for one model family. Exact for OpenAI families (o200k_base, cl100k_base); cl100k_base as a
/// close proxy for Llama 3, Qwen and DeepSeek (their vocabularies extend it); one token per three characters (a
/// deliberate over-estimate) for anything else. Every message adds four tokens of chat-template overhead.
/// </summary>
/// <remarks>
/// A byte-level BPE (o200k_base, cl100k_base) never yields more tokens than the text has UTF-8 bytes, since every
/// token stands for at least one byte: <see cref="Utf8Bound"/> is an upper bound on <see cref="Count"/> for those
/// counters, which lets the router skip counting when no decision threshold is within reach (see <see cref="PromptTokenPlan"/>).
/// <see cref="Bound"/> tightens it: BPE merges adjacent parts while any adjacent pair's bytes form a vocabulary token, so
/// in the result no two single-byte tokens of one pre-tokenizer chunk are adjacent when their pair is a token. Within a
/// run of L bytes joined by such pairs (ASCII letter or space, then a lowercase letter: always one chunk in both
/// encodings' pre-tokenizers, except right after an apostrophe, where contractions split) at most ⌈L/2⌉ bytes stay single,
/// and k tokens over n bytes with s single-byte tokens satisfy k ≤ (n + s) / 2. For English this is about ¾ of the bytes.
/// </remarks>
internal sealed class TokenCounter
{
    /// <summary>The chat-template overhead counted per message.</summary>
    public const int PerMessageOverhead = 4;

    private const int CharsPerTokenEstimate = 3;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private static readonly Lazy<bool[]> O200kPairs = new(() => MergeablePairs(O200k.Value));
    private static readonly Lazy<bool[]> Cl100kPairs = new(() => MergeablePairs(Cl100k.Value));

    private static readonly TokenCounter O200kCounter = new(O200k, estimated: false, O200kPairs);
    private static readonly TokenCounter Cl100kCounter = new(Cl100k, estimated: false, Cl100kPairs);
    private static readonly TokenCounter Cl100kProxy = new(Cl100k, estimated: true, Cl100kPairs);
    private static readonly TokenCounter Heuristic = new(null, estimated: true, null);

    private readonly Lazy<Tokenizer>? _tokenizer;
    private readonly Lazy<bool[]>? _pairs;

    private TokenCounter(Lazy<Tokenizer>? tokenizer, bool estimated, Lazy<bool[]>? pairs)
    {
        _tokenizer = tokenizer;
        _pairs = pairs;
        IsEstimate = estimated;
    }

    /// <summary>Gets a value indicating whether counts are estimates rather than the model's own tokenizer.</summary>
    public bool IsEstimate { get; }

    /// <summary>Gets a value indicating whether this is a byte-level BPE, whose count never exceeds <see cref="Utf8Bound"/>.</summary>
    public bool IsByteLevel => _pairs is not null;

    /// <summary>Gets a value indicating whether this counter is the characters-per-token heuristic (no tokenizer).</summary>
    public bool IsHeuristic => _tokenizer is null;

    /// <summary>Picks the counter for a target: its own tokenizer, else by model family.</summary>
    /// <param name="tokenizer">The target's own tokenizer, if any.</param>
    /// <param name="modelId">The target's model id, which picks the family when there is no tokenizer.</param>
    /// <returns>The counter.</returns>
    public static TokenCounter For(Tokenizer? tokenizer, string? modelId) =>
        tokenizer is { } own ? new TokenCounter(new Lazy<Tokenizer>(own), estimated: false, pairs: null) : ForModel(modelId);

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

    /// <summary>Counts the tokens of the messages' text, all of it.</summary>
    public int Count(IReadOnlyList<ChatMessage> messages) => (int)Math.Min(CountUpTo(messages, long.MaxValue, out _), int.MaxValue);

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
    public static long Utf8Bound(IReadOnlyList<ChatMessage> messages) => SumOverText(messages, 0, static (_, text) => Encoding.UTF8.GetByteCount(text));

    /// <summary>Gets an upper bound of <see cref="Count"/> for a byte-level counter, tighter than <see cref="Utf8Bound"/> (see the remarks).</summary>
    /// <param name="messages">The messages.</param>
    /// <returns>The bound.</returns>
    public long Bound(IReadOnlyList<ChatMessage> messages)
    {
        if (_pairs is null)
        {
            throw new InvalidOperationException("Only a byte-level counter has a bound.");
        }

        return SumOverText(messages, _pairs.Value, static (pairs, text) => BoundOf(text, pairs));
    }

    /// <summary>Sums a measure of each non-empty text content, plus the per-message overhead.</summary>
    private static long SumOverText<TState>(IReadOnlyList<ChatMessage> messages, TState state, Func<TState, string, long> measure)
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
                    total += measure(state, text);
                }
            }
        }

        return total;
    }

    private static long BoundOf(string text, bool[] pairs)
    {
        // D = sum over runs of bytes joined by mergeable pairs of floor(L / 2): bytes that cannot all stay single.
        long paired = 0;
        int run = 1;
        for (int i = 0; i + 1 < text.Length; i++)
        {
            char x = text[i], y = text[i + 1];
            bool joined = x < 128 && y is >= 'a' and <= 'z' && pairs[(x << 7) | y]
                && (i < 1 || text[i - 1] != '\'') && (i < 2 || text[i - 2] != '\'');
            if (joined)
            {
                run++;
            }
            else
            {
                paired += run / 2;
                run = 1;
            }
        }

        paired += run / 2;
        return Encoding.UTF8.GetByteCount(text) - ((paired + 1) / 2);
    }

    /// <summary>The pairs (ASCII letter or space, lowercase ASCII letter) whose two bytes are one token of the vocabulary.</summary>
    private static bool[] MergeablePairs(Tokenizer tokenizer)
    {
        var pairs = new bool[128 * 128];
        Span<char> pair = stackalloc char[2];
        for (char x = ' '; x < 128; x++)
        {
            if (x is not (' ' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')))
            {
                continue;
            }

            for (char y = 'a'; y <= 'z'; y++)
            {
                pair[0] = x;
                pair[1] = y;
                pairs[(x << 7) | y] = tokenizer.CountTokens(pair) == 1;
            }
        }

        return pairs;
    }

    private static bool StartsWith(ReadOnlySpan<char> id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(ReadOnlySpan<char> id, string part) => id.Contains(part, StringComparison.OrdinalIgnoreCase);
}
