using System;
using System.Collections.Generic;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>Which text of a request the task classifiers read.</summary>
internal static class TaskText
{
    /// <summary>Gets the last text content of the last user message (empty when there is none).</summary>
    public static ReadOnlySpan<char> LastUserText(IReadOnlyList<ChatMessage> messages)
    {
        for (int i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].Role == ChatRole.User)
            {
                var contents = messages[i].Contents;
                for (int c = contents.Count - 1; c >= 0; c--)
                {
                    if (contents[c] is TextContent { Text: { } t })
                    {
                        return t;
                    }
                }

                return default;
            }
        }

        return default;
    }
}
