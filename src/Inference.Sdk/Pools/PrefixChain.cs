using System;
using System.Collections.Generic;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Pools;

/// <summary>
/// The prefix-hash chain of a prompt: one hash per leading block, each folding in every block before it, so two prompts share
/// the first <c>k</c> hashes exactly when they share their first <c>k</c> blocks. Block 0 is the tools and the leading
/// system/developer messages (what a shared system prompt shares); every later message is one block (each earlier turn,
/// then the new one). An engine with prefix caching holds the KV of the longest block prefix it last served, so the
/// endpoint that remembers the longest chain is the one that skips the most prefill. Pure; XxHash3 over the UTF-16 text.
/// </summary>
internal static class PrefixChain
{
    private static readonly ChatRole Developer = new("developer");

    /// <summary>Hashes the blocks of a request; the result has one hash per block, block 0 first.</summary>
    public static ulong[] Compute(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var hashes = new List<ulong>(8);
        var hash = new XxHash3();
        bool head = true;
        bool headOpen = false;
        ulong previous = 0;
        if (options?.Tools is { Count: > 0 } tools)
        {
            foreach (AITool tool in tools)
            {
                Append(hash, tool.Name);
                Append(hash, tool.Description);
                if (tool is AIFunctionDeclaration function)
                {
                    Append(hash, function.JsonSchema.GetRawText());
                }
            }

            headOpen = true;
        }

        foreach (ChatMessage message in messages)
        {
            if (head && (message.Role == ChatRole.System || message.Role == Developer))
            {
                AppendMessage(hash, message);
                headOpen = true;
                continue;
            }

            if (head)
            {
                head = false;
                if (headOpen)
                {
                    previous = Close(hash, previous, hashes);
                }
            }

            AppendMessage(hash, message);
            previous = Close(hash, previous, hashes);
        }

        if (head && headOpen)
        {
            Close(hash, previous, hashes);
        }

        return hashes.ToArray();
    }

    /// <summary>Whether block 0 is a shared head (tools or a leading system/developer message) rather than the conversation's own first message.</summary>
    public static bool HasSharedHead(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Tools is { Count: > 0 })
        {
            return true;
        }

        foreach (ChatMessage message in messages)
        {
            return message.Role == ChatRole.System || message.Role == Developer;
        }

        return false;
    }

    /// <summary>The key a conversation id is remembered under, apart from every prefix hash (a different seed).</summary>
    public static ulong ConversationKey(string conversationId) =>
        XxHash3.HashToUInt64(MemoryMarshal.AsBytes(conversationId.AsSpan()), seed: 0x436F6E76);

    private static ulong Close(XxHash3 hash, ulong previous, List<ulong> hashes)
    {
        ulong block = hash.GetCurrentHashAsUInt64();
        hash.Reset();
        Span<ulong> pair = [previous, block];
        ulong chained = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(pair));
        hashes.Add(chained);
        return chained;
    }

    private static void AppendMessage(XxHash3 hash, ChatMessage message)
    {
        Append(hash, message.Role.Value);
        foreach (AIContent content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    Append(hash, text.Text);
                    break;
                case FunctionCallContent call:
                    Append(hash, call.CallId);
                    Append(hash, call.Name);
                    if (call.Arguments is { } arguments)
                    {
                        foreach (KeyValuePair<string, object?> argument in arguments)
                        {
                            Append(hash, argument.Key);
                            Append(hash, argument.Value?.ToString());
                        }
                    }

                    break;
                case FunctionResultContent result:
                    Append(hash, result.CallId);
                    Append(hash, result.Result?.ToString());
                    break;
                case DataContent data:
                    hash.Append(data.Data.Span);
                    break;
                default:
                    Append(hash, content.GetType().Name);
                    break;
            }
        }
    }

    private static void Append(XxHash3 hash, string? text)
    {
        // A separator after every part, so ("ab", "c") and ("a", "bc") hash apart.
        hash.Append(MemoryMarshal.AsBytes((text ?? string.Empty).AsSpan()));
        hash.Append([0x1F, 0x00]);
    }
}
