using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Inference.Sdk.Tests.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// A streamed update costs the router, the cost meter and the default pipeline of <c>AddInference</c> no allocation once the
/// stream runs: the bytes a request allocates on its thread do not grow with its number of updates (the least of 20 runs of 1
/// and of 257 updates, after warming up). Time per update is measured by <c>StreamingBenchmarks</c>, not here.
/// </summary>
/// <remarks>
/// The source sends no usage, so the cost meter keeps the streamed text for its estimate (in pooled buffers) and counts it at the
/// end: the worst case. The tests share the collection of the telemetry tests, which listen to the package's meter: observed,
/// Microsoft.Extensions.AI's OpenTelemetry client buffers every update (by design), so these tests need it unobserved.
/// </remarks>
[Collection(nameof(ObservedTelemetryChatClientTests))]
public class StreamingAllocationTests
{
    private const int Many = 257;
    private static readonly List<ChatMessage> Hello = [new(ChatRole.User, "hello")];

    [Fact]
    public void The_router_allocates_nothing_per_streamed_update()
    {
        var source = new UpdatesClient(Many);
        using var router = new HybridRouterChatClient([new RouteTarget("edge", source, TargetTier.Edge, 8192)]);

        AssertNothingPerUpdate(router, source);
    }

    [Fact]
    public void The_router_over_the_cost_meter_allocates_nothing_per_streamed_update()
    {
        var source = new UpdatesClient(Many);
        var metered = source.AsBuilder()
            .UseCostMeter(new MeteredTarget("edge", new PerTokenPricing(0.1m, 0.2m, "test", new DateOnly(2026, 1, 1)), ProviderKind.OpenAICompatible, TargetTier.Edge, "llama-3.1-8b-instruct"), new InMemoryCostLedger())
            .Build();
        using var router = new HybridRouterChatClient([new RouteTarget("edge", metered, TargetTier.Edge, 8192) { ModelId = "llama-3.1-8b-instruct" }]);

        AssertNothingPerUpdate(router, source);
    }

    [Fact]
    public async Task The_default_pipeline_allocates_nothing_per_streamed_update()
    {
        // AddInference's default client (router → cost meter → OpenTelemetry while observed → the target's client), the target's
        // innermost client supplied through the public connector extension point in place of an engine adapter.
        var source = new UpdatesClient(Many);
        using IHost host = HostingFixture.BuildHost(
            HostingFixture.Json("""
                "edge": { "Engine": "Vllm", "Endpoint": "http://127.0.0.1:9/v1/", "AllowInsecureHttp": true, "Model": "llama-3.1-8b-instruct", "ContextLength": 8192 }
                """),
            services: s => s.AddSingleton<IInferenceTargetConnector>(new SourceConnector(source)));
        IChatClient client = host.Services.GetRequiredService<IChatClient>();
        var gate = host.Services.GetRequiredKeyedService<IChatClient>("edge").GetService<ObservedTelemetryChatClient>();
        Assert.NotNull(gate);
        Assert.False(gate.Observed, "a listener from elsewhere in the test process observes Inference.Sdk's activity source or GenAI instruments");

        AssertNothingPerUpdate(client, source);

        // The stream went through the cost meter, which estimated the 257 updates' text as a whole.
        source.Count = Many;
        var last = (await client.GetStreamingResponseAsync(Hello).ToListAsync())[^1];
        var cost = Assert.IsType<RequestCost>(last.AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.True(cost.IsEstimated);
        Assert.Equal(Inference.Sdk.Tokens.TokenCounter.ForModel("llama-3.1-8b-instruct").CountText(string.Concat(Enumerable.Repeat("tok ", Many))), cost.OutputTokens);
    }

    private static void AssertNothingPerUpdate(IChatClient client, UpdatesClient source)
    {
        long Measure(int updates)
        {
            source.Count = updates;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stream = client.GetStreamingResponseAsync(Hello).GetAsyncEnumerator();
            try
            {
                while (stream.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                }
            }
            finally
            {
                stream.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        for (int i = 0; i < 50; i++)
        {
            Measure(Many); // warm: tiered compilation, pools, the ledger's keys
        }

        long one = long.MaxValue, many = long.MaxValue;
        for (int i = 0; i < 20; i++)
        {
            one = Math.Min(one, Measure(1));
            many = Math.Min(many, Measure(Many));
        }

        Assert.True(many - one <= 256, $"1 update: {one} B, {Many} updates: {many} B; {(many - one) / (double)(Many - 1):0.#} B per update");
    }

    /// <summary>Serves every target with the in-memory source (the public way to supply a target's innermost client).</summary>
    private sealed class SourceConnector(IChatClient source) : IInferenceTargetConnector
    {
        public bool Serves(InferenceTargetOptions target) => true;

        public IEnumerable<string> Validate(string path, InferenceTargetOptions target) => [];

        public IChatClient CreateChatClient(string name, InferenceTargetOptions target, HttpClient httpClient) => source;

        public ValueTask<HttpRequestMessage> CreateProbeRequestAsync(InferenceTargetOptions target, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new HttpRequestMessage(HttpMethod.Get, target.Endpoint));
    }

    /// <summary>Streams <see cref="Count"/> updates that complete synchronously, reusing them (their properties cleared) so the source allocates nothing per update.</summary>
    private sealed class UpdatesClient : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates;

        public UpdatesClient(int max)
        {
            _updates = new ChatResponseUpdate[max];
            for (int i = 0; i < max; i++)
            {
                _updates[i] = new ChatResponseUpdate(ChatRole.Assistant, "tok ");
            }
        }

        public int Count { get; set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            for (int i = 0; i < Count; i++)
            {
                var update = _updates[i];
                update.AdditionalProperties = null;
                yield return update;
            }
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
