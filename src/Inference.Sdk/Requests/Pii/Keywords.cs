using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;

namespace Inference.Sdk.Requests;

/// <summary>
/// A set of words found ignoring case, like <see cref="SearchValues{T}"/> over strings with
/// <see cref="StringComparison.OrdinalIgnoreCase"/>, but split by script: the ASCII words are searched with the vectorized ASCII
/// search, and the words of other scripts (паспорт, 電話, τηλέφωνο), whose search walks a trie character by character, only in text
/// that holds a character outside ASCII. Text that is all ASCII cannot hold them (none of their letters has an ASCII case form).
/// </summary>
internal sealed class Keywords
{
    private readonly SearchValues<string>? _ascii;
    private readonly SearchValues<string>? _other;

    private Keywords(SearchValues<string>? ascii, SearchValues<string>? other)
    {
        _ascii = ascii;
        _other = other;
    }

    /// <summary>Creates the set.</summary>
    /// <param name="words">The words.</param>
    /// <returns>The set.</returns>
    public static Keywords Create(IEnumerable<string> words)
    {
        var ascii = new List<string>();
        var other = new List<string>();
        foreach (string word in words)
        {
            (NeedsOtherScripts(word) ? other : ascii).Add(word);
        }

        return new Keywords(
            ascii.Count > 0 ? SearchValues.Create([.. ascii], StringComparison.OrdinalIgnoreCase) : null,
            other.Count > 0 ? SearchValues.Create([.. other], StringComparison.OrdinalIgnoreCase) : null);
    }

    /// <summary>Gets the index of the first place a word starts in <paramref name="text"/>, -1 when none does.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The index.</returns>
    public int IndexOfAny(ReadOnlySpan<char> text)
    {
        int ascii = _ascii is null ? -1 : text.IndexOfAny(_ascii);
        if (_other is null || Ascii.IsValid(text))
        {
            return ascii;
        }

        int other = text.IndexOfAny(_other);
        return other < 0 ? ascii : ascii < 0 ? other : Math.Min(ascii, other);
    }

    /// <summary>Gets whether a word occurs in <paramref name="text"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>Whether one does.</returns>
    public bool ContainsAny(ReadOnlySpan<char> text) =>
        (_ascii is not null && text.ContainsAny(_ascii)) || (_other is not null && !Ascii.IsValid(text) && text.ContainsAny(_other));

    /// <summary>Whether a word can only match text that holds a character outside ASCII (it has one with no ASCII case form).</summary>
    private static bool NeedsOtherScripts(string word)
    {
        foreach (char c in word)
        {
            if (c > 127 && char.ToUpperInvariant(c) > 127 && char.ToLowerInvariant(c) > 127)
            {
                return true;
            }
        }

        return false;
    }
}
