using System;

namespace Inference.Sdk.Requests;

/// <summary>
/// The features the task classifiers read from a prompt, without allocating: hashed lower-cased word unigrams and bigrams,
/// where a word is a run of letters, digits and underscores (any run of digits alone is one "number" word), every other
/// visible character is a word of its own (so <c>(</c>, <c>{</c>, <c>=</c> and <c>?</c> count), and a line break is one too.
/// </summary>
/// <remarks>
/// Long prompts are read from their first <see cref="HeadChars"/> and last <see cref="TailChars"/> characters: the
/// instruction is at one end. The training command (<c>tests/Inference.Sdk.Evaluation</c>, <c>train</c>) uses this same
/// enumerator, so training and inference see the same features.
/// </remarks>
internal ref struct TaskTextFeatures
{
    public const int HeadChars = 3072;
    public const int TailChars = 1024;

    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;
    private const ulong Start = 0x9E3779B97F4A7C15UL;
    private const ulong Number = 0x2545F4914F6CDD1DUL;
    private const ulong LineBreak = 0x6A09E667F3BCC909UL;

    private readonly ReadOnlySpan<char> _text;
    private readonly int _skipFrom;
    private readonly int _skipTo;
    private readonly int _mask;
    private int _at;
    private ulong _previous;
    private int _pendingBigram;
    private bool _hasPending;

    /// <summary>Initializes a new instance over <paramref name="text"/> with <paramref name="buckets"/> (a power of two) hash buckets.</summary>
    public TaskTextFeatures(ReadOnlySpan<char> text, int buckets)
    {
        _text = text;
        _mask = buckets - 1;
        _previous = Start;
        _at = 0;
        _hasPending = false;
        _pendingBigram = 0;
        if (text.Length > HeadChars + TailChars)
        {
            _skipFrom = HeadChars;
            _skipTo = text.Length - TailChars;
        }
        else
        {
            _skipFrom = _skipTo = text.Length;
        }

        Current = 0;
        Words = 0;
    }

    /// <summary>Gets the bucket of the current feature.</summary>
    public int Current { get; private set; }

    /// <summary>Gets the number of words read so far (each gives a unigram and a bigram feature).</summary>
    public int Words { get; private set; }

    /// <summary>Moves to the next feature.</summary>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool MoveNext()
    {
        if (_hasPending)
        {
            _hasPending = false;
            Current = _pendingBigram;
            return true;
        }

        if (!MoveNextWord(out int unigram, out _pendingBigram))
        {
            return false;
        }

        _hasPending = true;
        Current = unigram;
        return true;
    }

    /// <summary>Moves to the next word: both its features at once (what <see cref="MoveNext"/> yields one at a time).</summary>
    /// <param name="unigram">The bucket of the word.</param>
    /// <param name="bigram">The bucket of the word with the one before it.</param>
    /// <returns><see langword="false"/> at the end of the text.</returns>
    public bool MoveNextWord(out int unigram, out int bigram)
    {
        var text = _text;
        int i = _at;
        while (true)
        {
            if (i == _skipFrom && _skipTo > _skipFrom)
            {
                i = _skipTo;
                _previous = Start;
            }

            if (i >= text.Length)
            {
                _at = i;
                unigram = bigram = 0;
                return false;
            }

            char c = text[i];
            ulong word;
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                ulong h = Offset;
                bool digitsOnly = true;
                int end = Math.Min(text.Length, i < _skipFrom ? _skipFrom : text.Length);
                for (; i < end; i++)
                {
                    c = text[i];
                    if (char.IsAsciiLetter(c))
                    {
                        c = (char)(c | 0x20);
                        digitsOnly = false;
                    }
                    else if (char.IsAsciiDigit(c))
                    {
                    }
                    else if (c == '_' || (c > 0x7F && char.IsLetterOrDigit(c)))
                    {
                        c = char.ToLowerInvariant(c);
                        digitsOnly = false;
                    }
                    else
                    {
                        break;
                    }

                    h = (h ^ c) * Prime;
                }

                word = digitsOnly ? Number : h;
            }
            else if (c == '\n')
            {
                i++;
                if (_previous == LineBreak)
                {
                    continue;
                }

                word = LineBreak;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            else
            {
                i++;
                word = (Offset ^ c) * Prime * Prime;
            }

            _at = i;
            Words++;
            bigram = Bucket(Mix(_previous, word));
            _previous = word;
            unigram = Bucket(word);
            return true;
        }
    }

    private static ulong Mix(ulong a, ulong b) => ((a * 0xBF58476D1CE4E5B9UL) ^ (b + 0x94D049BB133111EBUL)) * Prime;

    private readonly int Bucket(ulong hash)
    {
        hash ^= hash >> 29;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 32;
        return (int)hash & _mask;
    }
}
