using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Requests;

/// <summary>
/// What ties the turns of one conversation together, read once per request (<see cref="RequestReader"/>): a hash of
/// <see cref="ChatOptions.ConversationId"/> when the caller sets one, otherwise a hash of the conversation's leading
/// messages (<see cref="ChatOptions.Instructions"/>, then every message up to and including the first user message), which
/// every later turn of a tool loop or a chat repeats. Two conversations that open with the same words share a key, and so
/// share the target that holds that prefix in its KV cache. Routing keeps a key on the target that served it last
/// (<c>Routing/ConversationAffinity</c>); replica pools can hash it onto a replica.
/// </summary>
/// <param name="Value">The 64-bit XxHash3 of the key's text; 0 when the request has none.</param>
/// <param name="FromConversationId">Whether the key is the caller's <see cref="ChatOptions.ConversationId"/> (service-held history).</param>
/// <param name="Continues">
/// Whether the request continues a conversation: messages follow its opening (earlier turns, tool calls and results), or the
/// caller named the conversation. Only such a request is kept where the conversation was; every request is remembered, so
/// a first turn is routed afresh and repeated one-shot prompts are not pinned to one target.
/// </param>
internal readonly record struct ConversationKey(ulong Value, bool FromConversationId, bool Continues = false)
{
    /// <summary>Gets a value indicating whether the request has no key (no messages and no conversation id).</summary>
    public bool IsNone => Value == 0;

    /// <summary>Reads the key of a request.</summary>
    /// <param name="messages">The request's messages.</param>
    /// <param name="options">The request's options.</param>
    /// <returns>The key; <see cref="IsNone"/> when there is nothing to read.</returns>
    public static ConversationKey Of(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.ConversationId is { Length: > 0 } id)
        {
            return new(NonZero(Pools.PrefixChain.ConversationKey(id)), FromConversationId: true, Continues: true); // the key replica pools remember it under
        }

        if (messages.Count == 0)
        {
            return default;
        }

        // The opening: the instructions, then each message's role and texts up to and including the first user message, each
        // followed by a NUL separator ("ab"+"c" and "a"+"bc" differ). Gathered into one buffer and hashed at once (the same value
        // as appending the pieces to a streaming XxHash3; no hasher state per request).
        string? instructions = options?.Instructions;
        int last = messages.Count - 1;
        int chars = (instructions?.Length ?? 0) + 1;
        for (int m = 0; m < messages.Count; m++)
        {
            chars += TextLength(messages[m]);
            if (messages[m].Role == ChatRole.User)
            {
                last = m;
                break;
            }
        }

        char[]? rented = null;
        Span<char> buffer = chars <= StackChars ? stackalloc char[chars] : (rented = ArrayPool<char>.Shared.Rent(chars)); // only what is used: a stackalloc is zeroed
        int at = Put(buffer, 0, instructions);
        for (int m = 0; m <= last; m++)
        {
            var message = messages[m];
            at = Put(buffer, at, message.Role.Value);
            var contents = message.Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent { Text: var text })
                {
                    at = Put(buffer, at, text);
                }
            }
        }

        ulong hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(buffer[..at]));
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        bool opensWithUser = messages[last].Role == ChatRole.User;
        return new(NonZero(hash), FromConversationId: false, Continues: opensWithUser && last < messages.Count - 1);
    }

    private const int StackChars = 256;

    /// <summary>The characters a message adds to the opening: its role and its texts, each with its separator.</summary>
    private static int TextLength(ChatMessage message)
    {
        int chars = message.Role.Value.Length + 1;
        var contents = message.Contents;
        for (int c = 0; c < contents.Count; c++)
        {
            if (contents[c] is TextContent { Text: var text })
            {
                chars += (text?.Length ?? 0) + 1;
            }
        }

        return chars;
    }

    private static int Put(Span<char> buffer, int at, string? text)
    {
        text.AsSpan().CopyTo(buffer[at..]);
        at += text?.Length ?? 0;
        buffer[at] = '\0';
        return at + 1;
    }

    private static ulong NonZero(ulong value) => value == 0 ? 1 : value;
}
