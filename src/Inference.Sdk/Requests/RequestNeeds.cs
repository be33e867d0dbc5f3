using System.Collections.Generic;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// What a request needs of a target beyond plain chat: tools (<see cref="ChatOptions.Tools"/> unless the tool mode is
/// <see cref="ChatToolMode.None"/>, or tool calls and results in the messages), structured output (a JSON
/// <see cref="ChatOptions.ResponseFormat"/>, with or without a schema), vision (an image in <see cref="DataContent"/> or
/// <see cref="UriContent"/>), reasoning (a <see cref="ChatOptions.Reasoning"/> effort other than none). Pure.
/// </summary>
internal static class RequestNeeds
{
    /// <summary>The capabilities the request needs.</summary>
    public static ModelCapabilities Of(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var needs = ModelCapabilities.None;
        if (options is not null)
        {
            if (options.Tools is { Count: > 0 } && options.ToolMode is not NoneChatToolMode)
            {
                needs |= ModelCapabilities.Tools;
            }

            if (options.ResponseFormat is ChatResponseFormatJson)
            {
                needs |= ModelCapabilities.StructuredOutput;
            }

            if (options.Reasoning is { Effort: { } effort } && effort != ReasoningEffort.None)
            {
                needs |= ModelCapabilities.Reasoning;
            }
        }

        for (int m = 0; m < messages.Count; m++)
        {
            IList<AIContent> contents = messages[m].Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                needs |= contents[c] switch
                {
                    DataContent data when data.HasTopLevelMediaType("image") => ModelCapabilities.Vision,
                    UriContent uri when uri.HasTopLevelMediaType("image") => ModelCapabilities.Vision,
                    FunctionCallContent or FunctionResultContent => ModelCapabilities.Tools,
                    _ => ModelCapabilities.None,
                };
            }
        }

        return needs;
    }
}
