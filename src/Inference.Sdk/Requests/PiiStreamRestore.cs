using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// Restore across the updates of one stream. A placeholder may be split between updates (<c>[EMA</c> then <c>IL_1]</c>): the end of
/// an update's text that could still become one of the request's placeholders is held back and put in front of the next text, and
/// nothing else is held. Tool calls arrive whole (M.E.AI's clients gather streamed arguments into one call) and are restored as
/// they pass.
/// </summary>
internal sealed class PiiStreamRestore
{
    private readonly PiiRestore _restore;
    private string _text = string.Empty;
    private string _reasoning = string.Empty;

    /// <summary>Initializes a new instance of the <see cref="PiiStreamRestore"/> class.</summary>
    /// <param name="restore">The request's restore.</param>
    public PiiStreamRestore(PiiRestore restore) => _restore = restore;

    /// <summary>Restores one update in place: its tool calls, and its text with what was held before it, holding back a possible partial placeholder at its end.</summary>
    /// <param name="update">The update.</param>
    public void Apply(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        bool sawText = false, sawReasoning = false;
        for (int c = 0; c < contents.Count; c++)
        {
            switch (contents[c])
            {
                case TextContent t:
                    sawText = true;
                    t.Text = Release(t.Text, ref _text, t);
                    break;
                case TextReasoningContent r:
                    sawReasoning = true;
                    r.Text = Release(r.Text, ref _reasoning, r);
                    break;
            }
        }

        // Text held back that this update does not continue goes out in front of it.
        if (!sawText && _text.Length > 0)
        {
            contents.Insert(0, new TextContent(Flushed(ref _text)));
        }

        if (!sawReasoning && _reasoning.Length > 0)
        {
            contents.Insert(0, new TextReasoningContent(Flushed(ref _reasoning)));
        }

        _restore.RewriteInPlace(contents); // tool calls (texts were handled above and hold no whole placeholder any more)
    }

    /// <summary>What is still held at the end of the stream, as a last update; <see langword="null"/> when nothing is.</summary>
    /// <param name="last">The stream's last update, whose ids the new one carries.</param>
    /// <returns>The update, or <see langword="null"/>.</returns>
    public ChatResponseUpdate? Flush(ChatResponseUpdate? last)
    {
        if (_text.Length == 0 && _reasoning.Length == 0)
        {
            return null;
        }

        var contents = new List<AIContent>(2);
        if (_reasoning.Length > 0)
        {
            contents.Add(new TextReasoningContent(Flushed(ref _reasoning)));
        }

        if (_text.Length > 0)
        {
            contents.Add(new TextContent(Flushed(ref _text)));
        }

        return new ChatResponseUpdate(ChatRole.Assistant, contents)
        {
            ResponseId = last?.ResponseId,
            MessageId = last?.MessageId,
            ConversationId = last?.ConversationId,
            ModelId = last?.ModelId,
        };
    }

    private string Release(string text, ref string held, AIContent content)
    {
        string all = held.Length == 0 ? text : string.Concat(held, text);
        int cut = _restore.HoldFrom(all);
        held = all[cut..];
        string released = cut == all.Length ? all : all[..cut];
        string result = _restore.Replace(released) ?? released;
        if (!ReferenceEquals(result, text))
        {
            content.RawRepresentation = null; // the raw chunk holds the placeholder, not the text handed on
        }

        return result;
    }

    private string Flushed(ref string held)
    {
        string text = _restore.Replace(held) ?? held;
        held = string.Empty;
        return text;
    }
}
