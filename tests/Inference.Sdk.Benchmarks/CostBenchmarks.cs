using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Benchmarks;

/// <summary>The cost of metering: pricing a usage, metering one response end to end, and one ledger update.</summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class CostBenchmarks
{
    private const int Ring = 1 << 20;
    private static readonly ChatMessage[] Messages = [new(ChatRole.User, "hi")];
    private readonly PerTokenPricing _pricing = new(0.15m, 0.60m, "benchmark", new DateOnly(2026, 6, 1));
    private readonly MeteredUsage _usage = new(1_234, 567, CachedInputTokens: 200);
    private InMemoryCostLedger _ledger = null!;
    private RequestCost[] _costs = null!;
    private CostMeteringChatClient _meter = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _ledger = new InMemoryCostLedger();
        _costs = new RequestCost[Ring];
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int i = 0; i < Ring; i++)
        {
            _costs[i] = new RequestCost
            {
                Usd = 0.000525m,
                Pricing = PricingKind.PerToken,
                Target = "api",
                Provider = ProviderKind.OpenAICompatible,
                Model = "gpt-4o-mini",
                Tier = TargetTier.HostedApi,
                Tenant = "tenant-" + (i % 16),
                InputTokens = 1_234,
                OutputTokens = 567,
                Timestamp = now,
            };
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1_234, OutputTokenCount = 567 } };
        _meter = new CostMeteringChatClient(new FixedChatClient(response), new MeteredTarget("api", _pricing, ProviderKind.OpenAICompatible, TargetTier.HostedApi, "gpt-4o-mini"), new InMemoryCostLedger());
    }

    /// <summary>Prices one usage (the pure function).</summary>
    [Benchmark]
    public decimal PriceOneUsage() => _pricing.ComputeUsd(_usage);

    /// <summary>Records one cost in the in-memory ledger (12 totals: 6 dimensions × day and month).</summary>
    [Benchmark]
    public bool LedgerUpdate() => _ledger.Record(_costs[_next++ & (Ring - 1)]);

    /// <summary>Meters one non-streaming response end to end (price, attach, ledger, metrics without listeners).</summary>
    [Benchmark]
    public Task<ChatResponse> MeterOneResponse() => _meter.GetResponseAsync(Messages);

    private sealed class FixedChatClient(ChatResponse response) : IChatClient
    {
        private readonly Task<ChatResponse> _response = Task.FromResult(response);

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            => throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
