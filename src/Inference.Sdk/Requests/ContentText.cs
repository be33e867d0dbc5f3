using System;
using System.Buffers;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// The one walk over the text a person or a tool wrote into a request or a response: text and reasoning content, the values of
/// tool-call arguments (recursively through JSON values, dictionaries and lists, JSON property names and nested keys included),
/// tool results (a string, a <see cref="JsonElement"/>, or any object serialized with the given <see cref="JsonSerializerOptions"/>),
/// text attachments (<see cref="DataContent"/> with a text media type, data URIs included), the messages of every role, and
/// <see cref="ChatOptions.Instructions"/>. Call ids, function names and the top-level argument names stay as they are.
/// </summary>
/// <remarks>
/// A subclass says what happens to each text (<see cref="Visit"/>): detection looks and keeps it (<see cref="PiiScan"/>),
/// redaction returns placeholders (<see cref="PiiRedaction"/>), restore returns the originals (<see cref="PiiRestore"/>). Because
/// detection and redaction are the same walk, whatever was detected is redacted.
/// </remarks>
internal abstract class ContentText
{
    private static readonly Type DictionaryType = typeof(IDictionary<string, object?>);

    /// <summary>Initializes a new instance of the <see cref="ContentText"/> class.</summary>
    /// <param name="json">How objects that are neither strings nor JSON are serialized before their text is read.</param>
    protected ContentText(JsonSerializerOptions json) => Json = json;

    /// <summary>Gets how objects are serialized before their text is read.</summary>
    protected JsonSerializerOptions Json { get; private protected set; }

    /// <summary>Copies the messages (and the options when their instructions change) with every text visited; the originals are left as they are.</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options.</param>
    /// <returns>The copies, or the same instances where nothing changed.</returns>
    public (IReadOnlyList<ChatMessage> Messages, ChatOptions? Options) Copy(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Instructions is { Length: > 0 } instructions && Visit(instructions) is { } changed)
        {
            options = options.Clone();
            options.Instructions = changed;
        }

        List<ChatMessage>? copies = null;
        for (int m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            var contents = CopyContents(message.Contents);
            if (contents is not null)
            {
                copies ??= [.. Take(messages, m)];

                // A raw representation would be sent instead of the contents (M.E.AI's OpenAI client does): the copy has none.
                copies.Add(new ChatMessage(message.Role, contents)
                {
                    AuthorName = message.AuthorName,
                    MessageId = message.MessageId,
                    CreatedAt = message.CreatedAt,
                    AdditionalProperties = message.AdditionalProperties,
                });
            }
            else
            {
                copies?.Add(message);
            }
        }

        return (copies ?? messages, options);
    }

    /// <summary>Visits every text of the messages and the instructions without copying anything (what detection needs).</summary>
    /// <param name="messages">The messages.</param>
    /// <param name="options">The options.</param>
    public void Read(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            Look(instructions);
        }

        for (int m = 0; m < messages.Count; m++)
        {
            var contents = messages[m].Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                ReadContent(contents[c]);
            }
        }
    }

    /// <summary>
    /// Rewrites contents in place (a response the router received and hands on): a changed text is set on its content, changed
    /// arguments replace the content's arguments, and the raw representation of a changed content is dropped (M.E.AI's OpenAI
    /// client would send it instead of the text on the next turn).
    /// </summary>
    /// <param name="contents">The contents.</param>
    public void RewriteInPlace(IList<AIContent> contents)
    {
        for (int c = 0; c < contents.Count; c++)
        {
            switch (contents[c])
            {
                case TextContent { Text: { Length: > 0 } text } t when Visit(text) is { } changed:
                    t.Text = changed;
                    t.RawRepresentation = null;
                    break;
                case TextReasoningContent { Text: { Length: > 0 } text } r when Visit(text) is { } changed:
                    r.Text = changed;
                    r.RawRepresentation = null;
                    break;
                case FunctionCallContent { Arguments: { Count: > 0 } arguments } call when RewriteArguments(arguments) is { } changed:
                    call.Arguments = changed;
                    call.RawRepresentation = null;
                    break;
            }
        }
    }

    /// <summary>Visits one text.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text to put in its place; <see langword="null"/> to keep it.</returns>
    protected abstract string? Visit(string text);

    /// <summary>
    /// Gets the JSON text an object was already serialized to in this request with <see cref="Json"/> (as <c>typeof(object)</c>),
    /// so that <see cref="Read"/> parses it instead of serializing the object again; by default none.
    /// </summary>
    /// <param name="value">The object (neither a string, a number, a <see cref="JsonElement"/>, a dictionary nor a list).</param>
    /// <returns>The text; <see langword="null"/> when it was not serialized.</returns>
    protected virtual string? SerializedText(object value) => null;

    /// <summary>Looks at one text where nothing will be replaced (<see cref="Read"/>); by default <see cref="Visit"/> on a copy.</summary>
    /// <param name="text">The text.</param>
    protected virtual void Look(ReadOnlySpan<char> text) => _ = Visit(text.ToString());

    private static IEnumerable<ChatMessage> Take(IReadOnlyList<ChatMessage> messages, int count)
    {
        for (int i = 0; i < count; i++)
        {
            yield return messages[i];
        }
    }

    private List<AIContent>? CopyContents(IList<AIContent> contents)
    {
        List<AIContent>? copies = null;
        for (int c = 0; c < contents.Count; c++)
        {
            var content = contents[c];
            var copy = CopyContent(content);
            if (copy is not null && copies is null)
            {
                copies = new List<AIContent>(contents.Count);
                for (int i = 0; i < c; i++)
                {
                    copies.Add(contents[i]);
                }
            }

            copies?.Add(copy ?? content);
        }

        return copies;
    }

    private AIContent? CopyContent(AIContent content)
    {
        switch (content)
        {
            case TextContent { Text: { Length: > 0 } text } when Visit(text) is { } changed:
                return new TextContent(changed) { AdditionalProperties = content.AdditionalProperties, Annotations = content.Annotations };
            case TextReasoningContent { Text: { Length: > 0 } text } reasoning when Visit(text) is { } changed:
                return new TextReasoningContent(changed) { AdditionalProperties = content.AdditionalProperties, ProtectedData = reasoning.ProtectedData };
            case FunctionCallContent { Arguments: { Count: > 0 } arguments } call when RewriteArguments(arguments) is { } changed:
                return new FunctionCallContent(call.CallId, call.Name, changed)
                {
                    AdditionalProperties = content.AdditionalProperties,
                    Exception = call.Exception,
                    InformationalOnly = call.InformationalOnly,
                };
            case FunctionResultContent result when Rewrite(result.Result, out object? changed):
                return new FunctionResultContent(result.CallId, changed) { AdditionalProperties = content.AdditionalProperties, Exception = result.Exception };
            case DataContent data when IsText(data) && Visit(Encoding.UTF8.GetString(data.Data.Span)) is { } changed:
                return new DataContent(Encoding.UTF8.GetBytes(changed), data.MediaType) { Name = data.Name, AdditionalProperties = content.AdditionalProperties };
            default:
                return null;
        }
    }

    private void ReadContent(AIContent content)
    {
        switch (content)
        {
            case TextContent { Text: { Length: > 0 } text }:
                Look(text);
                break;
            case TextReasoningContent { Text: { Length: > 0 } text }:
                Look(text);
                break;
            case FunctionCallContent { Arguments: { Count: > 0 } arguments }:
                foreach (var argument in arguments)
                {
                    ReadValue(argument.Value);
                }

                break;
            case FunctionResultContent result:
                ReadValue(result.Result);
                break;
            case DataContent data when IsText(data):
                LookUtf8(data.Data.Span);
                break;
        }
    }

    private static bool IsText(DataContent data) => !data.Data.IsEmpty && PromptText.IsTextMediaType(data.MediaType);

    /// <summary>Rewrites the argument values (names stay); <see langword="null"/> when none changed.</summary>
    private Dictionary<string, object?>? RewriteArguments(IDictionary<string, object?> arguments)
    {
        Dictionary<string, object?>? copy = null;
        foreach (var argument in arguments)
        {
            if (Rewrite(argument.Value, out object? changed))
            {
                copy ??= new Dictionary<string, object?>(arguments, StringComparer.Ordinal);
                copy[argument.Key] = changed;
            }
        }

        return copy;
    }

    private void ReadValue(object? value)
    {
        switch (value)
        {
            case null or bool:
                return;
            case string s:
                Look(s);
                return;
            case JsonElement e:
                ReadJson(e);
                return;
            case int or long or short or sbyte or byte or ushort or uint or ulong:
                // The serializer writes an integer as its invariant digits (quoted or not, by its number handling), which is the text
                // read here: without a JSON document per value. A converter of the options' own for integers is not consulted.
                Span<char> digits = stackalloc char[20];
                _ = ((ISpanFormattable)value).TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
                Look(digits[..written]);
                return;
            case IDictionary<string, object?> dictionary:
                foreach (var entry in dictionary)
                {
                    Look(entry.Key);
                    ReadValue(entry.Value);
                }

                return;
            case IList list when value is not byte[]:
                foreach (object? item in list)
                {
                    ReadValue(item);
                }

                return;
            default:
                if (SerializedText(value) is { } text)
                {
                    // Serialized once already (for counting): the same JSON, parsed, not serialized again.
                    using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = Json.MaxDepth });
                    ReadJson(document.RootElement);
                }
                else if (Serialize(value) is { } element)
                {
                    ReadJson(element);
                }

                return;
        }
    }

    private void ReadJson(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                LookJson(e, quoted: true);
                break;
            case JsonValueKind.Number:
                LookJson(e, quoted: false);
                break;
            case JsonValueKind.Object:
                foreach (var property in e.EnumerateObject())
                {
                    var name = JsonMarshal.GetRawUtf8PropertyName(property);
                    if (name.IndexOf((byte)'\\') >= 0)
                    {
                        Look(property.Name);
                    }
                    else
                    {
                        LookUtf8(name);
                    }

                    ReadJson(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    ReadJson(item);
                }

                break;
        }
    }

    /// <summary>Looks at a JSON string or number without allocating when its raw UTF-8 holds no escape.</summary>
    private void LookJson(JsonElement e, bool quoted)
    {
        var raw = JsonMarshal.GetRawUtf8Value(e);
        if (quoted)
        {
            raw = raw[1..^1];
        }

        if (raw.IndexOf((byte)'\\') >= 0)
        {
            Look(e.GetString()!);
            return;
        }

        LookUtf8(raw);
    }

    private void LookUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return;
        }

        char[]? rented = null;
        Span<char> chars = utf8.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(utf8.Length));
        int n = Encoding.UTF8.GetChars(utf8, chars);
        Look(chars[..n]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Rewrites a value; false when nothing in it changed.</summary>
    private bool Rewrite(object? value, out object? changed)
    {
        changed = null;
        switch (value)
        {
            case null or bool:
                return false;
            case string s:
                changed = Visit(s);
                return changed is not null;
            case JsonElement e:
                if (RewriteJson(e) is { } element)
                {
                    changed = element;
                    return true;
                }

                return false;
            case IDictionary<string, object?> dictionary:
                Dictionary<string, object?>? copy = null;
                foreach (var entry in dictionary)
                {
                    string key = Visit(entry.Key) ?? entry.Key;
                    bool valueChanged = Rewrite(entry.Value, out object? newValue);
                    if ((valueChanged || !ReferenceEquals(key, entry.Key)) && copy is null)
                    {
                        copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                        foreach (var before in dictionary)
                        {
                            if (ReferenceEquals(before.Key, entry.Key))
                            {
                                break;
                            }

                            copy[Visit(before.Key) ?? before.Key] = before.Value;
                        }
                    }

                    copy?.TryAdd(key, valueChanged ? newValue : entry.Value);
                }

                changed = copy;
                return copy is not null;
            case IList list when value is not byte[]:
                List<object?>? items = null;
                for (int i = 0; i < list.Count; i++)
                {
                    bool itemChanged = Rewrite(list[i], out object? newItem);
                    if (itemChanged && items is null)
                    {
                        items = new List<object?>(list.Count);
                        for (int j = 0; j < i; j++)
                        {
                            items.Add(list[j]);
                        }
                    }

                    items?.Add(itemChanged ? newItem : list[i]);
                }

                changed = items;
                return items is not null;
            default:
                if (Serialize(value) is { } serialized && RewriteJson(serialized) is { } rewritten)
                {
                    changed = rewritten;
                    return true;
                }

                return false;
        }
    }

    /// <summary>Rewrites a JSON value: a first pass finds whether anything changes, a second writes the copy.</summary>
    private JsonElement? RewriteJson(JsonElement e)
    {
        if (!Changes(e))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder, SkipValidation = true }))
        {
            Write(writer, e);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private bool Changes(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                return Visit(e.GetString()!) is not null;
            case JsonValueKind.Number:
                return Visit(e.GetRawText()) is not null;
            case JsonValueKind.Object:
                foreach (var property in e.EnumerateObject())
                {
                    if (Visit(property.Name) is not null || Changes(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    if (Changes(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private void Write(Utf8JsonWriter writer, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                string s = e.GetString()!;
                writer.WriteStringValue(Visit(s) ?? s);
                break;
            case JsonValueKind.Number:
                // A number that holds personal data (a card or phone number) becomes a string placeholder.
                if (Visit(e.GetRawText()) is { } number)
                {
                    writer.WriteStringValue(number);
                }
                else
                {
                    e.WriteTo(writer);
                }

                break;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in e.EnumerateObject())
                {
                    writer.WritePropertyName(Visit(property.Name) ?? property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }

    private JsonElement? Serialize(object value)
    {
        try
        {
            return JsonSerializer.SerializeToElement(value, Json.GetTypeInfo(value is IDictionary<string, object?> ? DictionaryType : typeof(object)));
        }
        catch (NotSupportedException)
        {
            return null; // the wire cannot send it either
        }
    }
}
