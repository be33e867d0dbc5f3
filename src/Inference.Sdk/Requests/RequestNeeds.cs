using Inference.Sdk.Knowledge;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// What a request needs of a target beyond plain chat: tools (<see cref="ChatOptions.Tools"/> unless the tool mode is
/// <see cref="ChatToolMode.None"/>, or tool calls and results in the messages), structured output (a JSON
/// <see cref="ChatOptions.ResponseFormat"/>, with or without a schema), vision (an image in <see cref="DataContent"/> or
/// <see cref="UriContent"/>), reasoning (a <see cref="ChatOptions.Reasoning"/> effort other than none). Pure; the contents are
/// read from the request's <see cref="PromptText"/>, whose walk over the messages already found the images and the tool traffic.
/// </summary>
internal static class RequestNeeds
{
    /// <summary>The capabilities the request needs.</summary>
    /// <param name="prompt">What the engines read of the request's messages (its images and tool traffic).</param>
    /// <param name="options">The request's options.</param>
    /// <returns>The capabilities.</returns>
    public static ModelCapabilities Of(PromptText prompt, ChatOptions? options)
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

        if (prompt.Images.Count > 0)
        {
            needs |= ModelCapabilities.Vision;
        }

        if (prompt.HasToolTraffic)
        {
            needs |= ModelCapabilities.Tools;
        }

        return needs;
    }
}
