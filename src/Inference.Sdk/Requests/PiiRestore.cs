using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// Restore of one redacted request's placeholders in what comes back: a placeholder (<c>[EMAIL_1]</c>) in a response's text,
/// reasoning or tool-call arguments becomes the original value again before the caller (or <c>FunctionInvokingChatClient</c>,
/// which then calls the tool with the real value) sees it. Only placeholders this request handed out are restored.
/// </summary>
internal sealed class PiiRestore : ContentText
{
    private readonly Dictionary<string, string> _originals;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    /// <summary>Initializes a new instance of the <see cref="PiiRestore"/> class.</summary>
    /// <param name="originals">The values by placeholder.</param>
    /// <param name="json">How objects in tool-call arguments are serialized.</param>
    public PiiRestore(Dictionary<string, string> originals, JsonSerializerOptions json)
        : base(json)
    {
        _originals = originals;
        _lookup = originals.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Restores the placeholders in a response's messages, in place.</summary>
    /// <param name="response">The response.</param>
    public void Apply(ChatResponse response)
    {
        foreach (var message in response.Messages)
        {
            RewriteInPlace(message.Contents);
        }
    }

    /// <summary>Starts the restore of one stream.</summary>
    /// <returns>The stream's restore.</returns>
    public PiiStreamRestore Stream() => new(this);

    /// <summary>Replaces the placeholders in a text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The restored text; <see langword="null"/> when it holds none.</returns>
    public string? Replace(ReadOnlySpan<char> text)
    {
        StringBuilder? sb = null;
        int copied = 0;
        int i = text.IndexOf('[');
        while (i >= 0)
        {
            int end = PlaceholderEnd(text, i);
            if (end > 0 && _lookup.TryGetValue(text[i..end], out string? original))
            {
                sb ??= new StringBuilder(text.Length + 16);
                sb.Append(text[copied..i]).Append(original);
                copied = end;
                i = end;
            }
            else
            {
                i++;
            }

            int next = text[i..].IndexOf('[');
            i = next < 0 ? -1 : i + next;
        }

        return sb?.Append(text[copied..]).ToString();
    }

    /// <summary>
    /// Where a text must be cut so that what follows could still become a placeholder with the next update's text: the last
    /// <c>[</c> when the rest is the start of one of this request's placeholders; else the text's length (nothing held).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>The index of the first held character.</returns>
    public int HoldFrom(ReadOnlySpan<char> text)
    {
        int open = text.LastIndexOf('[');
        if (open < 0)
        {
            return text.Length;
        }

        var tail = text[open..];
        foreach (string placeholder in _originals.Keys)
        {
            if (placeholder.Length > tail.Length && placeholder.AsSpan().StartsWith(tail, StringComparison.Ordinal))
            {
                return open;
            }
        }

        return text.Length;
    }

    /// <inheritdoc/>
    protected override string? Visit(string text) => text.Contains('[', StringComparison.Ordinal) ? Replace(text) : null;

    /// <summary>The end (exclusive) of a placeholder's shape, <c>[A-Z]+_[0-9]+]</c>, starting at <paramref name="start"/>; 0 when there is none.</summary>
    private static int PlaceholderEnd(ReadOnlySpan<char> text, int start)
    {
        int j = start + 1;
        while (j < text.Length && char.IsAsciiLetterUpper(text[j]))
        {
            j++;
        }

        if (j == start + 1 || j >= text.Length || text[j] != '_')
        {
            return 0;
        }

        int digits = ++j;
        while (j < text.Length && char.IsAsciiDigit(text[j]))
        {
            j++;
        }

        return j > digits && j < text.Length && text[j] == ']' ? j + 1 : 0;
    }
}
