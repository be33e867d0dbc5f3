using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Pools;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks.Pools;

/// <summary>
/// What the pool adds to a request before sending: the prefix chain of a 20-message conversation with a 2 KB system prompt,
/// then matching it against three replicas that each remember 10,000 prefixes and scoring them. Baseline: the chain alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class PoolPickBenchmarks
{
    private List<ChatMessage> _messages = null!;
    private EndpointPoolChatClient _pool = null!;
    private ulong[] _chain = null!;

    [GlobalSetup]
    public void Setup()
    {
        _messages = [new ChatMessage(ChatRole.System, string.Concat(Enumerable.Repeat("Follow the support policy. ", 80)))];
        for (int i = 0; i < 19; i++)
        {
            _messages.Add(new ChatMessage(i % 2 == 0 ? ChatRole.User : ChatRole.Assistant, $"turn {i}: a question or an answer of a few dozen words about an order, a refund or a delivery."));
        }

        _pool = EndpointPoolChatClient.Create(
            "pool",
            [.. Enumerable.Range(0, 3).Select(i => (new Uri($"http://127.0.0.1:{8081 + i}/v1"), (IChatClient)new NoopChatClient()))],
            new HybridRouterOptions(),
            TimeProvider.System,
            prefixCapacity: 16_384);
        var random = new Random(20);
        foreach (PoolEndpoint endpoint in _pool.Endpoints)
        {
            for (int i = 0; i < 10_000; i++)
            {
                endpoint.Prefixes.Remember([(ulong)random.NextInt64()], 0, borrowed: false);
            }
        }

        _chain = PrefixChain.Compute(_messages, null);
        _pool.Endpoints[1].Prefixes.Remember(_chain.AsSpan(0, 12), 0, borrowed: false);
    }

    [Benchmark(Baseline = true)]
    public int Chain() => PrefixChain.Compute(_messages, null).Length;

    [Benchmark]
    public int ChainMatchAndScore() => _pool.Pick(PrefixChain.Compute(_messages, null), 0).Index;

    private sealed class NoopChatClient : IChatClient
    {
        public System.Threading.Tasks.Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult(new ChatResponse());

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, System.Threading.CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
