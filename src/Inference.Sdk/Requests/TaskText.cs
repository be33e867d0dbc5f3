using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>Which text of a request the task classifiers read.</summary>
/// <remarks>
/// The last user turn that holds text: what the person asked. In a tool loop every turn after it is an assistant's tool calls and
/// the tools' results, JSON the model wrote or a tool returned, which says nothing about the kind of work asked for; so every turn
/// of one loop is classified by the question that started it, and stays on the same kind of target. A user message that holds
/// only tool results, images or files (some frameworks send tool results as the user) is skipped.
/// </remarks>
internal static class TaskText
{
    /// <summary>Gets the text of the last user message that has text: its text contents, joined by line breaks when there are several (empty when there is none).</summary>
    public static ReadOnlySpan<char> LastUserText(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role != ChatRole.User)
            {
                continue;
            }

            var contents = messages[i].Contents;
            string? single = null;
            StringBuilder? joined = null;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is not TextContent { Text: { Length: > 0 } t })
                {
                    continue;
                }

                if (single is null)
                {
                    single = t;
                }
                else
                {
                    (joined ??= new StringBuilder(single)).Append('\n').Append(t);
                }
            }

            if (single is not null)
            {
                return joined is null ? single : joined.ToString();
            }
        }

        return default;
    }
}
