using System;
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

        var hash = new XxHash3();
        Append(hash, options?.Instructions);
        for (int m = 0; m < messages.Count; m++)
        {
            var message = messages[m];
            Append(hash, message.Role.Value);
            var contents = message.Contents;
            for (int c = 0; c < contents.Count; c++)
            {
                if (contents[c] is TextContent { Text: var text })
                {
                    Append(hash, text);
                }
            }

            if (message.Role == ChatRole.User)
            {
                return new(NonZero(hash.GetCurrentHashAsUInt64()), FromConversationId: false, Continues: m < messages.Count - 1);
            }
        }

        return new(NonZero(hash.GetCurrentHashAsUInt64()), FromConversationId: false);
    }

    private static void Append(XxHash3 hash, string? text)
    {
        ReadOnlySpan<char> span = text;
        hash.Append(MemoryMarshal.AsBytes(span));
        hash.Append([0, 0]); // a separator: "ab"+"c" and "a"+"bc" differ
    }

    private static ulong NonZero(ulong value) => value == 0 ? 1 : value;
}
