using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tokens;

/// <summary>
/// What an engine reads as a request's prompt, gathered once so that every count and bound reads the same thing: the texts it
/// tokenizes in order (message text, text attachments, tool-call names and arguments as JSON, tool results, the instructions),
/// the tool definitions (<see cref="ChatOptions.Tools"/>, cached per tool), the chat template's overhead, and the images.
/// </summary>
/// <remarks>
/// This is what the OpenAI chat-completions wire sends for each content (M.E.AI's <c>OpenAIChatClient</c>): reasoning content of
/// earlier turns is not sent and not counted; a tool result that is not a string is serialized with the given
/// <see cref="JsonSerializerOptions"/>, as the wire does; text attachments (<see cref="DataContent"/> with a text media type) are
/// counted although that wire drops them, since other clients inline them. The overheads are the chat template's framing as
/// llama-server renders Qwen2.5-Instruct's (ChatML, Hermes tool calls): 5 tokens per message and 3 for the answer's turn, 14 per
/// tool call, 10 per tool result, 25 per tool definition and 79 once for the tools' instructions.
/// </remarks>
internal sealed class PromptText : IDisposable
{
    // The chat template's framing, counted the way the engine renders it. Measured on llama-server with Qwen2.5-Instruct's template
    // (the ChatML and Hermes tool format most open models use; PromptTokenCountLlamaCppTests): each figure is the server's token
    // count of the template's own text around a message, a tool, a call or a result.

    /// <summary>The overhead of a message: <c>&lt;|im_start|&gt;role\n … &lt;|im_end|&gt;\n</c> (Llama 3's header and end of turn are five too).</summary>
    public const int PerMessageOverhead = 5;

    /// <summary>The overhead of the turn the template opens for the answer (<c>&lt;|im_start|&gt;assistant\n</c>), once per request.</summary>
    public const int ReplyOverhead = 3;

    /// <summary>The overhead of a tool call's framing (<c>\n&lt;tool_call&gt;\n{"name": "…", "arguments": …}\n&lt;/tool_call&gt;</c>).</summary>
    public const int PerToolCallOverhead = 14;

    /// <summary>The overhead of a tool result's framing (<c>\n&lt;tool_response&gt;\n … \n&lt;/tool_response&gt;</c>), besides its message's.</summary>
    public const int PerToolResultOverhead = 10;

    /// <summary>The overhead of a tool definition's framing (<c>{"type": "function", "function": {"name": …, "description": …, "parameters": …}}</c>).</summary>
    public const int PerToolOverhead = 25;

    /// <summary>The instructions the template adds once when a request has tools (how to call them, in which tags): 79 tokens in Qwen2.5's.</summary>
    public const int ToolsPreambleOverhead = 79;

    // The texts an idle prompt may keep room for (a longer conversation's list is dropped, not kept by the thread).
    private const int MaxIdleTexts = 256;

    private static readonly Type DictionaryType = typeof(IDictionary<string, object?>);

    [ThreadStatic]
    private static PromptText? _idle;

    private List<ToolText>? _tools;
    private List<ImageInput>? _images;
    private List<(object Value, string Text)>? _serialized;

    private PromptText()
    {
    }

    /// <summary>Gets the texts the engine tokenizes, in order (tool definitions apart, in <see cref="Tools"/>).</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Gets the tool definitions (empty when the request has none).</summary>
    public IReadOnlyList<ToolText> Tools => (IReadOnlyList<ToolText>?)_tools ?? [];

    /// <summary>Gets the images (empty when the request has none); each target prices them with its own rule.</summary>
    public IReadOnlyList<ImageInput> Images => (IReadOnlyList<ImageInput>?)_images ?? [];

    /// <summary>Gets a value indicating whether the messages hold tool calls or tool results.</summary>
    public bool HasToolTraffic { get; private set; }

    /// <summary>
    /// Gets the JSON text of each tool result that is an object serialized here (neither a string nor a <see cref="JsonElement"/>),
    /// by reference, so that the PII walk reads the same text instead of serializing the object a second time.
    /// </summary>
    public IReadOnlyList<(object Value, string Text)> SerializedResults => (IReadOnlyList<(object, string)>?)_serialized ?? [];

    /// <summary>Gets the fixed tokens of the chat template: per message, per tool call and per tool definition.</summary>
    public long Overhead { get; private set; }

    /// <summary>Gathers what the engine reads of a request.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options: instructions and tools.</param>
    /// <param name="json">How objects in tool results and arguments are serialized (as the wire does).</param>
    /// <returns>The prompt.</returns>
    public static PromptText Read(IReadOnlyList<ChatMessage> messages, ChatOptions? options, JsonSerializerOptions json) =>
        new PromptText().Fill(messages, options, json);

    /// <summary>
    /// Gathers what the engine reads of a request into the thread's idle prompt (a new one when there is none), for a read that
    /// ends before the thread does anything else: <see cref="Dispose"/> empties it and gives it back, so the next request on the
    /// thread allocates none.
    /// </summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options: instructions and tools.</param>
    /// <param name="json">How objects in tool results and arguments are serialized (as the wire does).</param>
    /// <returns>The prompt.</returns>
    public static PromptText Rent(IReadOnlyList<ChatMessage> messages, ChatOptions? options, JsonSerializerOptions json)
    {
        var prompt = _idle ?? new PromptText();
        _idle = null; // a serializer could read another request on this thread: it gets a prompt of its own
        return prompt.Fill(messages, options, json);
    }

    /// <summary>Empties the prompt (it holds the request's texts) and keeps it as the thread's idle prompt, unless a long request grew it.</summary>
    public void Dispose()
    {
        Texts.Clear();
        _tools?.Clear();
        _images?.Clear();
        _serialized?.Clear();
        HasToolTraffic = false;
        Overhead = 0;
        if (Texts.Capacity <= MaxIdleTexts)
        {
            _idle = this;
        }
    }

    private PromptText Fill(IReadOnlyList<ChatMessage> messages, ChatOptions? options, JsonSerializerOptions json)
    {
        var prompt = this;
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            prompt.Overhead += PerMessageOverhead;
            prompt.Texts.Add(instructions);
        }

        for (int m = 0; m < messages.Count; m++)
        {
            prompt.Overhead += PerMessageOverhead;
            prompt.AddContents(messages[m].Contents, json);
        }

        if (messages.Count > 0)
        {
            prompt.Overhead += ReplyOverhead;
        }

        if (options?.Tools is { Count: > 0 } tools)
        {
            prompt.Overhead += ToolsPreambleOverhead;
            prompt._tools ??= new List<ToolText>(tools.Count);
            foreach (var tool in tools)
            {
                if (tool is not null)
                {
                    prompt._tools.Add(ToolText.Of(tool));
                    prompt.Overhead += PerToolOverhead;
                }
            }
        }

        return prompt;
    }

    /// <summary>Gathers the output of a response (text and tool calls), for estimating output tokens; no per-message overhead.</summary>
    /// <param name="messages">The response's messages.</param>
    /// <param name="json">How objects in tool-call arguments are serialized.</param>
    /// <returns>The output as text.</returns>
    public static PromptText ReadOutput(IList<ChatMessage> messages, JsonSerializerOptions json)
    {
        var prompt = new PromptText();
        foreach (var message in messages)
        {
            prompt.AddContents(message.Contents, json);
        }

        return prompt;
    }

    /// <summary>Whether a media type is text a model reads as such (<c>text/*</c>, JSON, XML, YAML, JavaScript).</summary>
    /// <param name="mediaType">The media type.</param>
    /// <returns>Whether it is text.</returns>
    public static bool IsTextMediaType(string? mediaType)
    {
        if (string.IsNullOrEmpty(mediaType))
        {
            return false;
        }

        ReadOnlySpan<char> type = mediaType;
        int semicolon = type.IndexOf(';');
        if (semicolon >= 0)
        {
            type = type[..semicolon].TrimEnd();
        }

        return type.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("/xml", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+xml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("/yaml", StringComparison.OrdinalIgnoreCase) || type.EndsWith("/x-yaml", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("/javascript", StringComparison.OrdinalIgnoreCase) || type.EndsWith("/x-ndjson", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Serializes a tool result as the wire does: a string as is, anything else (a <see cref="JsonElement"/> too) with <paramref name="json"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="json">The serializer options.</param>
    /// <returns>The text; <see langword="null"/> when there is none or the value cannot be serialized.</returns>
    public static string? ResultText(object? result, JsonSerializerOptions json)
    {
        switch (result)
        {
            case null:
                return null;
            case string s:
                return s;
            case JsonElement { ValueKind: JsonValueKind.Undefined }:
                return null;
            default:
                // A JsonElement too: the wire writes it with the options (AIJsonUtilities.DefaultOptions indents it), not as it was read.
                try
                {
                    return JsonSerializer.Serialize(result, json.GetTypeInfo(typeof(object)));
                }
                catch (NotSupportedException)
                {
                    return null; // the wire skips it too
                }
        }
    }

    private void AddContents(IList<AIContent> contents, JsonSerializerOptions json)
    {
        for (int c = 0; c < contents.Count; c++)
        {
            switch (contents[c])
            {
                case TextContent { Text: { Length: > 0 } text }:
                    Texts.Add(text);
                    break;
                case FunctionCallContent call:
                    HasToolTraffic = true;
                    Overhead += PerToolCallOverhead;
                    Texts.Add(call.Name);
                    if (call.Arguments is { Count: > 0 } arguments && ArgumentsText(arguments, json) is { } args)
                    {
                        Texts.Add(args);
                    }

                    break;
                case FunctionResultContent result:
                    HasToolTraffic = true;
                    Overhead += PerToolResultOverhead;
                    if (ResultText(result.Result, json) is { } resultText)
                    {
                        if (result.Result is not (string or JsonElement))
                        {
                            (_serialized ??= []).Add((result.Result!, resultText));
                        }

                        if (resultText.Length > 0)
                        {
                            Texts.Add(resultText);
                        }
                    }

                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    (_images ??= []).Add(ImageInput.Of(data.Data.Span, data));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    (_images ??= []).Add(ImageInput.Unknown(uri));
                    break;
                case DataContent data when IsTextMediaType(data.MediaType) && !data.Data.IsEmpty:
                    Texts.Add(Encoding.UTF8.GetString(data.Data.Span));
                    break;
            }
        }
    }

    private static string? ArgumentsText(IDictionary<string, object?> arguments, JsonSerializerOptions json)
    {
        try
        {
            return JsonSerializer.Serialize(arguments, json.GetTypeInfo(DictionaryType));
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
