using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// What one streamed update costs the router and the cost meter: a stream of <see cref="Updates"/> updates read straight from
/// an in-memory source (the baseline), through a router over a cost meter over the same source, and through the default client
/// of <c>AddInference</c> (router → cost meter → OpenTelemetry, unobserved → the source, supplied by a connector). The cost per
/// update is the slope between 1 and 257 updates: (time(257) − time(1)) / 256, and the same for allocated bytes. The source
/// reuses its updates (their properties cleared), so it allocates nothing per update itself. It reports no usage, so the meter
/// keeps the text for its estimate and counts it once at the end (the worst case).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class StreamingBenchmarks
{
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "Say hello.")];
    private UpdatesClient _source = null!;
    private HybridRouterChatClient _router = null!;
    private IHost _host = null!;
    private IChatClient _pipeline = null!;

    /// <summary>Gets or sets the number of updates per stream.</summary>
    [Params(1, 257)]
    public int Updates { get; set; }

    /// <summary>Gets or sets a value indicating whether each update completes asynchronously (as from a socket) rather than at once.</summary>
    [Params(false, true)]
    public bool Yield { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _source = new UpdatesClient(Updates, Yield);
        var metered = new CostMeteringChatClient(_source, new MeteredTarget("edge", new PerTokenPricing(0.1m, 0.2m, "bench", new DateOnly(2026, 1, 1)), ProviderKind.Local, TargetTier.Edge, "llama-3.1-8b-instruct"), new InMemoryCostLedger());
        _router = new HybridRouterChatClient([new RouteTarget("edge", metered, TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct" }]);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IInferenceTargetConnector>(new Pipeline.Contenders.SourceConnector(_source));
        builder.Services.AddInference(b => b.AddTarget("edge", t =>
        {
            t.Engine = EngineKind.Vllm;
            t.Endpoint = "http://127.0.0.1:9/v1/";
            t.AllowInsecureHttp = true;
            t.Model = "llama-3.1-8b-instruct";
            t.ContextLength = 8192;
            t.Tier = TargetTier.Edge;
        }));
        _host = builder.Build(); // not started: no probes of the unused endpoint
        _pipeline = _host.Services.GetRequiredService<IChatClient>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _router.Dispose();
        _host.Dispose();
    }

    /// <summary>The stream read from the source directly.</summary>
    [Benchmark(Baseline = true)]
    public Task<int> Source() => ReadAsync(_source);

    /// <summary>The same stream through the router and the cost meter.</summary>
    [Benchmark]
    public Task<int> RouterAndMeter() => ReadAsync(_router);

    /// <summary>The same stream through the default client of <c>AddInference</c>.</summary>
    [Benchmark]
    public Task<int> DefaultPipeline() => ReadAsync(_pipeline);

    private static async Task<int> ReadAsync(IChatClient client)
    {
        int n = 0;
        await foreach (var update in client.GetStreamingResponseAsync(Hello).ConfigureAwait(false))
        {
            n += update.Contents.Count;
        }

        return n;
    }

    private sealed class UpdatesClient(int count, bool yield) : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates = CreateUpdates(count);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var update in _updates)
            {
                if (yield)
                {
                    await Task.Yield();
                }

                update.AdditionalProperties = null;
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }

        private static ChatResponseUpdate[] CreateUpdates(int count)
        {
            var updates = new ChatResponseUpdate[count];
            for (int i = 0; i < count; i++)
            {
                updates[i] = new ChatResponseUpdate(ChatRole.Assistant, "tok ");
            }

            return updates;
        }
    }
}
