using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Inference.Sdk.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Routing;

/// <summary>
/// A streamed update costs the router and the cost meter no allocation once the stream runs: the bytes a request allocates do
/// not grow with its number of updates. (Time per update is measured by <c>StreamingBenchmarks</c>, not here.)
/// </summary>
public class StreamingAllocationTests
{
    [Fact]
    public async Task Router_and_meter_allocate_nothing_per_streamed_update()
    {
        var source = new UpdatesClient(257);
        using var router = new HybridRouterChatClient(
            [new RouteTarget("edge", new CostMeteringChatClient(source, new MeteredTarget("edge", new PerTokenPricing(1m, 2m, "test", new DateOnly(2026, 1, 1))), new InMemoryCostLedger()), TargetTier.Edge, 8192)]);
        List<ChatMessage> hello = [new(ChatRole.User, "hello")];

        long Measure(int updates)
        {
            source.Count = updates;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var stream = router.GetStreamingResponseAsync(hello).GetAsyncEnumerator();
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
            Measure(257); // warm: tiered compilation, pools, the ledger's keys
        }

        long one = long.MaxValue, many = long.MaxValue;
        for (int i = 0; i < 20; i++)
        {
            one = Math.Min(one, Measure(1));
            many = Math.Min(many, Measure(257));
        }

        Assert.True(many - one <= 256, $"1 update: {one} B, 257 updates: {many} B; {(many - one) / 256.0:0.#} B per update");
        await Task.CompletedTask;
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
