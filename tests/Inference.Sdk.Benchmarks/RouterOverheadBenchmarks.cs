using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Requests;
using Inference.Sdk.Routing;
using Inference.Sdk.Tokens;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// What the router adds to one short request (the loopback pipeline benchmark's prompt) over an in-memory target that
/// answers at once: the target called directly is the baseline, so the difference is the router's own CPU time.
/// </summary>
[MemoryDiagnoser]
public class RouterOverheadBenchmarks
{
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, "What is the capital of France? Answer in one sentence.")];
    // With the usage the loopback server reports, as engines do: the cost meter reads it instead of counting tokens.
    private readonly ChatResponse _answer = new(new ChatMessage(ChatRole.Assistant, "Paris is the capital of France."))
    {
        Usage = new UsageDetails { InputTokenCount = 14, OutputTokenCount = 8, TotalTokenCount = 22 },
    };
    private IChatClient _target = null!;
    private HybridRouterChatClient _router = null!;
    private IChatClient _yielding = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private IChatClient _pipeline = null!;
    private HybridRouterChatClient _yieldingRouter = null!;
    private RequestFeatures _features = null!;
    private IPiiDetector _pii = null!;

    [GlobalSetup]
    public void Setup()
    {
        _target = new Answering(_answer);
        _router = new HybridRouterChatClient([new RouteTarget("edge", _target, TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct" }]);
        _yielding = new Yielding(_answer);
        _yieldingRouter = new HybridRouterChatClient([new RouteTarget("edge", _yielding, TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct" }]);
        _features = _router.Reader.Read(Messages, null);
        _pii = PiiDetector.For(_router.Options.Pii);
        (_host, _pipeline) = Pipeline.Contenders.InMemoryPipeline(_target);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _router.Dispose();
        _yieldingRouter.Dispose();
        _host.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<ChatResponse> Target() => _target.GetResponseAsync(Messages);

    [Benchmark]
    public RouteDecision Decide() => _router.Plan(Messages);

    /// <summary>The circuit breaker hearing of one success (Polly's breaker, as the router reports an attempt through a closed circuit).</summary>
    [Benchmark]
    public void BreakerSuccess() => _router.Boards[0].ReportOutcome(null);

    /// <summary>The read alone (<see cref="RequestReader.Read"/>): prompt, tokens, PII, task type, hints.</summary>
    [Benchmark]
    public object Read() => _router.Reader.Read(Messages, null);

    /// <summary>The read's prompt walk alone (<see cref="PromptText.Read"/>).</summary>
    [Benchmark]
    public object Prompt() => PromptText.Read(Messages, null, _router.Options.JsonSerializerOptions);

    /// <summary>The read's PII scan alone (<see cref="PiiScan"/> over the messages).</summary>
    [Benchmark]
    public int Pii()
    {
        using var scan = PiiScan.Rent(_pii, _router.Options.JsonSerializerOptions);
        scan.Read(Messages, null);
        return scan.Kinds;
    }

    /// <summary>The read's task classifier alone.</summary>
    [Benchmark]
    public TaskType Classify() => LinearTaskClassifier.Instance.Classify(Messages, null);

    /// <summary>The decision alone over features read once (the targets' snapshots and <see cref="Routing.Policy.RoutePolicy"/>).</summary>
    [Benchmark]
    public RouteDecision Policy() => _router.Decide(_features);

    [Benchmark]
    public Task<ChatResponse> Routed() => _router.GetResponseAsync(Messages);

    /// <summary>The default client of <c>AddInference</c> (router over an edge and a hosted API, each with its cost meter and OpenTelemetry) over the in-memory target.</summary>
    [Benchmark]
    public Task<ChatResponse> DefaultClient() => _pipeline.GetResponseAsync(Messages);

    /// <summary>A target that answers after one hop to the thread pool: every async layer above it suspends and resumes, as over a network.</summary>
    [Benchmark]
    public Task<ChatResponse> TargetYielding() => _yielding.GetResponseAsync(Messages);

    /// <summary>The router over the yielding target: with <see cref="TargetYielding"/>, what the router's suspended layers cost.</summary>
    [Benchmark]
    public Task<ChatResponse> RoutedYielding() => _yieldingRouter.GetResponseAsync(Messages);

    private sealed class Yielding(ChatResponse answer) : IChatClient
    {
        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return new ChatResponse(answer.Messages) { Usage = answer.Usage };
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class Answering(ChatResponse answer) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(answer.Messages) { Usage = answer.Usage });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
