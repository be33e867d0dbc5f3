using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Routing;

/// <summary>An in-memory IChatClient for policy tests: answers with its name, or runs the behaviour it was given; records what it received.</summary>
internal sealed class FakeChatClient(string name, Func<IList<ChatMessage>, CancellationToken, Task<ChatResponse>>? behaviour = null) : IChatClient
{
    private int _calls;

    public string Name { get; } = name;

    public int Calls => Volatile.Read(ref _calls);

    public List<IList<ChatMessage>> Received { get; } = [];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Interlocked.Increment(ref _calls);
        lock (Received)
        {
            Received.Add(list);
        }

        return behaviour is null ? new ChatResponse(new ChatMessage(ChatRole.Assistant, $"from {Name}")) : await behaviour(list, cancellationToken);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
