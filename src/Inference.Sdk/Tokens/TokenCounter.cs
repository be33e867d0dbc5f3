using System;
using System.Globalization;
using System.Text;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Tokens;

/// <summary>
/// Counts the tokens of a <see cref="PromptText"/> for one model family. Exact for OpenAI families (o200k_base, cl100k_base);
/// cl100k_base as a close proxy for Llama 3, Qwen and DeepSeek (their vocabularies extend it); one token per three characters (a
/// deliberate over-estimate) for anything else. The prompt's chat-template overhead is added as it is.
/// </summary>
/// <remarks>
/// A byte-level BPE (o200k_base, cl100k_base) never yields more tokens than the text has UTF-8 bytes, since every
/// token stands for at least one byte: <see cref="Utf8Bound"/> is an upper bound on <see cref="Count"/> for those
/// counters, which lets the router skip counting when no decision threshold is within reach (see <see cref="Requests.PromptTokenPlan"/>).
/// <see cref="Bound"/> tightens it: BPE merges adjacent parts while any adjacent pair's bytes form a vocabulary token, so
/// in the result no two single-byte tokens of one pre-tokenizer chunk are adjacent when their pair is a token. Within a
/// run of L bytes joined by such pairs (ASCII letter or space, then a lowercase letter: always one chunk in both
/// encodings' pre-tokenizers, except right after an apostrophe, where contractions split) at most ⌈L/2⌉ bytes stay single,
/// and k tokens over n bytes with s single-byte tokens satisfy k ≤ (n + s) / 2. For English this is about ¾ of the bytes.
/// </remarks>
internal sealed class TokenCounter
{
    private const int CharsPerTokenEstimate = 3;

    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private static readonly Lazy<bool[]> O200kPairs = new(() => MergeablePairs(O200k.Value));
    private static readonly Lazy<bool[]> Cl100kPairs = new(() => MergeablePairs(Cl100k.Value));

    // The class of each ASCII character (letter, digit, space, other), read once per character by the lower bound.
    private static readonly byte[] AsciiClasses = CreateAsciiClasses();

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

    /// <summary>Counts the tokens of a prompt, all of it (images apart: each target prices them, see <see cref="ImageTokenRule"/>).</summary>
    public int Count(PromptText prompt) => (int)Math.Min(CountUpTo(prompt, long.MaxValue, out _), int.MaxValue);

    /// <summary>Counts the tokens of one text, all of it.</summary>
    public long CountText(string text) => CountText(text.AsSpan());

    /// <summary>Counts the tokens of one text, all of it.</summary>
    public long CountText(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var tokenizer = _tokenizer?.Value;
        return tokenizer is null ? (text.Length + CharsPerTokenEstimate - 1) / CharsPerTokenEstimate : tokenizer.CountTokens(text);
    }

    /// <summary>
    /// Counts the tokens of a prompt, stopping once the count is known to exceed <paramref name="max"/>.
    /// </summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="max">The largest count that must be told apart exactly.</param>
    /// <param name="over">Set when the count exceeds <paramref name="max"/>; the result is then only an estimate above <paramref name="max"/>.</param>
    /// <returns>The exact count when it is at most <paramref name="max"/>; else an extrapolation, at least <paramref name="max"/> + 1.</returns>
    public long CountUpTo(PromptText prompt, long max, out bool over)
    {
        var tokenizer = _tokenizer?.Value;
        long total = prompt.Overhead, chars = 0, allChars = 0;
        var tools = prompt.Tools;
        for (int t = 0; t < tools.Count; t++)
        {
            total += tools[t].CountWith(this); // counted once per tool and counter
        }

        over = false;
        var texts = prompt.Texts;
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i];
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

        over |= total > max;
        if (!over)
        {
            return total;
        }

        // Past the limit: extrapolate the rate seen so far over the rest of the text (only ever an estimate for cost).
        long estimate = chars > 0 ? (long)Math.Ceiling((double)total * allChars / chars) : total;
        return Math.Max(estimate, max + 1);
    }

    /// <summary>Gets an upper bound of <see cref="Count"/> for a byte-level counter: UTF-8 bytes plus the overhead.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The bound.</returns>
    public static long Utf8Bound(PromptText prompt) =>
        Sum(prompt, 0, static (_, tool) => tool.Utf8Bytes, static (_, text) => Encoding.UTF8.GetByteCount(text));

    /// <summary>Gets an upper bound of <see cref="Count"/> for a byte-level counter, tighter than <see cref="Utf8Bound"/> (see the remarks).</summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The bound.</returns>
    public long Bound(PromptText prompt)
    {
        var pairs = _pairs?.Value ?? throw new InvalidOperationException("Only a byte-level counter has a bound.");
        return Sum(prompt, (Counter: this, Pairs: pairs), static (s, tool) => tool.BoundWith(s.Counter), static (s, text) => BoundOf(text, s.Pairs));
    }

    /// <summary>
    /// Gets the part of a lower bound of <see cref="Count"/> that holds for the byte-level counters (o200k_base and cl100k_base
    /// alike): <see cref="ChunkLowerBound"/> of every text (tools and overhead apart, see <see cref="LowerBound"/>).
    /// </summary>
    /// <param name="prompt">The prompt.</param>
    /// <returns>The bound of the texts.</returns>
    public static long TextLowerBound(PromptText prompt)
    {
        long total = 0;
        var texts = prompt.Texts;
        for (int i = 0; i < texts.Count; i++)
        {
            total += ChunkLowerBound(texts[i]);
        }

        return total;
    }

    /// <summary>
    /// Gets a lower bound of <see cref="Count"/> for this byte-level counter: the overhead, the tools' counts (known once counted)
    /// and <paramref name="textLowerBound"/>.
    /// </summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="textLowerBound">The prompt's <see cref="TextLowerBound"/>, shared by the counters.</param>
    /// <returns>The bound.</returns>
    public long LowerBound(PromptText prompt, long textLowerBound)
    {
        long total = prompt.Overhead + textLowerBound;
        var tools = prompt.Tools;
        for (int t = 0; t < tools.Count; t++)
        {
            total += tools[t].CountWith(this);
        }

        return total;
    }

    /// <summary>Sums a measure of each tool definition and each text, plus the prompt's overhead.</summary>
    private static long Sum<TState>(PromptText prompt, TState state, Func<TState, ToolText, long> tool, Func<TState, string, long> text)
    {
        long total = prompt.Overhead;
        var tools = prompt.Tools;
        for (int t = 0; t < tools.Count; t++)
        {
            total += tool(state, tools[t]);
        }

        var texts = prompt.Texts;
        for (int i = 0; i < texts.Count; i++)
        {
            total += text(state, texts[i]);
        }

        return total;
    }

    /// <summary>
    /// Gets a lower bound of the tokens of <paramref name="text"/> in o200k_base and cl100k_base: the number of pieces their
    /// pre-tokenizers must cut it into, each at least one token. Both cut every maximal run of letters (and marks) into at least one
    /// piece of its own; every run of digits into pieces of at most three; and a run of other non-space characters into at least
    /// one piece, except that one character directly before a letter may join the letter's piece (so a run of one such character
    /// counts only when no letter follows), an apostrophe between letters may join a contraction, and in o200k slashes right after a
    /// line break may join the piece before it. Text holding <c>&lt;|</c> (a special token such as <c>&lt;|endoftext|&gt;</c> is one token) counts 0.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The bound.</returns>
    public static long ChunkLowerBound(string text)
    {
        if (text.Contains("<|", StringComparison.Ordinal))
        {
            return 0;
        }

        long pieces = 0;
        int i = 0;
        int n = text.Length;
        while (i < n)
        {
            char c = text[i];
            CharClass k = Classify(c);
            int start = i;
            switch (k)
            {
                case CharClass.Letter:
                    // A letter run; an apostrophe between letters joins it (contractions).
                    i++;
                    while (i < n && (Classify(text[i]) == CharClass.Letter || (text[i] == '\'' && i + 1 < n && Classify(text[i + 1]) == CharClass.Letter)))
                    {
                        i++;
                    }

                    pieces++;
                    break;
                case CharClass.Digit:
                    i++;
                    while (i < n && Classify(text[i]) == CharClass.Digit)
                    {
                        i++;
                    }

                    pieces += (i - start + 2) / 3;
                    break;
                case CharClass.Space:
                    i++;
                    break;
                default:
                    bool slashesOnly = true;
                    while (i < n && Classify(text[i]) == CharClass.Other)
                    {
                        slashesOnly &= text[i] == '/';
                        i++;
                    }

                    bool afterBreak = start > 0 && text[start - 1] is '\r' or '\n';
                    bool beforeLetter = i < n && Classify(text[i]) == CharClass.Letter;
                    if ((i - start > 1 || !beforeLetter) && !(slashesOnly && afterBreak))
                    {
                        pieces++;
                    }

                    break;
            }
        }

        return pieces;
    }

    private static CharClass Classify(char c)
    {
        if (c < 128)
        {
            return (CharClass)AsciiClasses[c];
        }

        switch (char.GetUnicodeCategory(c))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
                return CharClass.Letter;
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
                return CharClass.Digit;
            default:
                return char.IsWhiteSpace(c) ? CharClass.Space : CharClass.Other;
        }
    }

    /// <summary>Gets the tighter upper bound of one text's count for a byte-level counter (see the remarks).</summary>
    internal long BoundOf(string text)
    {
        if (_pairs is null)
        {
            throw new InvalidOperationException("Only a byte-level counter has a bound.");
        }

        return BoundOf(text, _pairs.Value);
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

    private static byte[] CreateAsciiClasses()
    {
        var classes = new byte[128];
        for (char c = '\0'; c < 128; c++)
        {
            classes[c] = (byte)(char.IsAsciiLetter(c) ? CharClass.Letter : char.IsAsciiDigit(c) ? CharClass.Digit
                : c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f' ? CharClass.Space : CharClass.Other);
        }

        return classes;
    }

    private enum CharClass : byte
    {
        Letter,
        Digit,
        Space,
        Other,
    }

    private static bool StartsWith(ReadOnlySpan<char> id, string prefix) => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(ReadOnlySpan<char> id, string part) => id.Contains(part, StringComparison.OrdinalIgnoreCase);
}
