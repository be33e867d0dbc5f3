using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks;

/// <summary>The routing decision (features + policy, no I/O) on a 2 KB and a 32 KB prompt, over an edge, a pod and a hosted API.</summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class RoutingBenchmarks
{
    private HybridRouterChatClient _router = null!;
    private List<ChatMessage> _prompt = null!;
    private HybridRouterChatClient _routed = null!;

    /// <summary>Gets or sets the prompt size in bytes.</summary>
    [Params(2 * 1024, 32 * 1024)]
    public int PromptBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _router = new HybridRouterChatClient(
        [
            new RouteTarget("edge", new NoopClient(), TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct", ExpectedCostUsd = static (_, _) => 0m },
            new RouteTarget("pod", new NoopClient(), TargetTier.CloudPod, 131072) { ModelId = "meta-llama/Llama-3.3-70B-Instruct", ExpectedCostUsd = static (i, o) => (i + o) * 0.2m / 1_000_000m },
            new RouteTarget("api", new NoopClient(), TargetTier.HostedApi, 128000) { ModelId = "gpt-4o-mini", ExpectedCostUsd = static (i, o) => (i * 0.15m + o * 0.6m) / 1_000_000m },
        ]);

        _routed = new HybridRouterChatClient([new RouteTarget("edge", new AnsweringClient(), TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct" }]);
        string text = Prose(PromptBytes);
        _prompt = [new ChatMessage(ChatRole.System, "You are a helpful assistant."), new ChatMessage(ChatRole.User, text)];
        _ = _router.Plan(_prompt); // load tokenizers
    }

    /// <summary>English prose with numbers and punctuation, no PII: the common case the detector must scan in full.</summary>
    internal static string Prose(int bytes)
    {
        const string Sentence = "Our quarterly review covers 12 regions, 48 stores and the new returns policy; summarize what changed since March. ";
        return string.Concat(Enumerable.Repeat(Sentence, (bytes / Sentence.Length) + 1))[..bytes];
    }

    [GlobalCleanup]
    public void Cleanup() => _router.Dispose();

    /// <summary>The floor: read every character of the prompt once. On a loaded machine compare the ratio, not the mean.</summary>
    [Benchmark(Baseline = true)]
    public int ReadPrompt()
    {
        int sum = 0;
        foreach (char c in _prompt[1].Text)
        {
            sum += c;
        }

        return sum;
    }

    [Benchmark]
    public RouteDecision Decide() => _router.Plan(_prompt);

    /// <summary>A whole routed request over an in-memory target that answers at once: decision, circuit breaker, attempt timeout, metrics, attaching the decision.</summary>
    [Benchmark]
    public Task<ChatResponse> RouteRequest() => _routed.GetResponseAsync(_prompt);

    private sealed class AnsweringClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    /// <summary>A target that is never called (the benchmarks only decide).</summary>
    internal sealed class NoopClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
