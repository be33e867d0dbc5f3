using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Costs;

public class CostMeteringChatClientTests
{
    private static readonly DateOnly AsOf = new(2026, 6, 1);
    private static readonly PerTokenPricing Api = new(1m, 2m, "config", AsOf);

    private static ChatOptions Tenant(string tenant) => new() { AdditionalProperties = new() { [InferencePropertyNames.Tenant] = tenant } };

    private static IChatClient Meter(IChatClient inner, ICostLedger ledger)
        => inner.AsBuilder().UseCostMeter(new MeteredTarget("api", Api, ProviderKind.OpenAICompatible, TargetTier.HostedApi, "model-x"), ledger).Build();

    [Fact]
    public async Task A_response_with_usage_gets_its_exact_cost_attached_and_recorded()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient
        {
            OnGet = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "hello"))
            {
                ModelId = "model-y",
                Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 250 },
            }),
        };

        ChatResponse response = await Meter(inner, ledger).GetResponseAsync("hi", Tenant("acme"));

        var cost = Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.Equal(0.0015m, cost.Usd);
        Assert.False(cost.IsEstimated);
        Assert.Equal(PricingKind.PerToken, cost.Pricing);
        Assert.Equal("api", cost.Target);
        Assert.Equal("acme", cost.Tenant);
        Assert.Equal("model-y", cost.Model);
        Assert.Equal("config", cost.PriceSource);
        Assert.Equal(new CostTotals(0.0015m, 1_000, 250, 1, 0), ledger.GetTotals(CostDimension.Tenant, "acme", CostWindow.Day, cost.Timestamp));
    }

    [Fact]
    public async Task A_response_without_usage_is_estimated_with_the_targets_counter_and_never_free()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnGet = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, new string('x', 41)))) };

        ChatResponse response = await Meter(inner, ledger).GetResponseAsync(new string('y', 400));

        var cost = Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.True(cost.IsEstimated);
        Assert.Equal(142, cost.InputTokens); // no tokenizer for "model-x": 400 chars / 3, rounded up, + 5 for the message and 3 for the reply
        Assert.Equal(14, cost.OutputTokens); // 41 chars / 3, rounded up
        Assert.Equal(0.000170m, cost.Usd);
        Assert.Equal(1, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, cost.Timestamp).EstimatedRequests);
    }

    [Fact]
    public async Task The_estimate_counts_tools_calls_and_results_with_the_models_tokenizer()
    {
        var ledger = new InMemoryCostLedger();
        var call = new FunctionCallContent("c1", "lookup", new Dictionary<string, object?> { ["id"] = 7 });
        var inner = new StubChatClient { OnGet = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call]))) };
        var meter = inner.AsBuilder().UseCostMeter(new MeteredTarget("api", Api, ProviderKind.OpenAICompatible, TargetTier.HostedApi, "gpt-4o"), ledger).Build();
        var (messages, options) = Inference.Sdk.Testing.ToolTraffic.CrmRequest();

        ChatResponse response = await meter.GetResponseAsync(messages, options);

        var cost = Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
        var o200k = Inference.Sdk.Tokens.TokenCounter.ForModel("gpt-4o");
        Assert.Equal(o200k.Count(Inference.Sdk.Tokens.PromptText.Read(messages, options, AIJsonUtilities.DefaultOptions)), cost.InputTokens);
        Assert.InRange(cost.InputTokens, 6_000, 7_500); // the text alone is 23 tokens
        Assert.Equal(o200k.CountText("lookup") + o200k.CountText(System.Text.Json.JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)) + Inference.Sdk.Tokens.PromptText.PerToolCallOverhead, cost.OutputTokens);
    }

    [Fact]
    public async Task A_refused_request_bills_nothing_and_the_error_propagates()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnGet = (_, _, _) => throw new TargetUnavailableException("connection refused") };
        var meter = new CostMeteringChatClient(inner, new MeteredTarget("api", Api), ledger);

        await Assert.ThrowsAsync<TargetUnavailableException>(() => meter.GetResponseAsync("hi"));

        Assert.Equal(CostTotals.Zero, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow));
        Assert.Equal(0, meter.InFlight);
    }

    [Fact]
    public async Task A_stream_carries_the_cost_on_its_usage_update()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnStream = (_, _, _) => Updates(withUsage: true) };

        List<ChatResponseUpdate> updates = await Meter(inner, ledger).GetStreamingResponseAsync("hi", Tenant("t1")).ToListAsync();

        Assert.Equal(3, updates.Count);
        var cost = Assert.IsType<RequestCost>(updates[^1].AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.False(cost.IsEstimated);
        Assert.Equal(0.00012m, cost.Usd); // 100 × 1e-6 + 10 × 2e-6
        Assert.Equal(0.00012m, ledger.GetTotals(CostDimension.Tenant, "t1", CostWindow.Day, cost.Timestamp).Usd);

        ChatResponse merged = updates.ToChatResponse();
        Assert.Same(cost, merged.Messages[^1].AdditionalProperties![InferencePropertyNames.Cost]);
    }

    [Fact]
    public async Task A_stream_without_usage_ends_with_an_update_carrying_the_estimated_cost()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnStream = (_, _, _) => Updates(withUsage: false) };

        List<ChatResponseUpdate> updates = await Meter(inner, ledger).GetStreamingResponseAsync("abcdefgh").ToListAsync();

        Assert.Equal(3, updates.Count);
        var cost = Assert.IsType<RequestCost>(updates[^1].AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.True(cost.IsEstimated);
        Assert.Equal(11, cost.InputTokens); // 8 chars / 3, rounded up, + 5 for the message and 3 for the reply
        Assert.Equal(4, cost.OutputTokens); // "Hello" + " world" = 11 chars, / 3 rounded up
        Assert.Equal("resp-1", updates[^1].ResponseId);
        Assert.Equal("Hello world", updates.ToChatResponse().Text);
        Assert.Equal(1, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, cost.Timestamp).Requests);
    }

    [Fact]
    public async Task A_long_stream_without_usage_is_estimated_over_its_whole_text_and_reasoning()
    {
        // 300 updates (4,050 characters: past the first pooled buffers, so they grow) of text split mid-word, and reasoning:
        // the estimate is the tokenizer's count of the whole text, not the sum of the pieces' counts.
        string[] pieces = [.. Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? "The qu" : "ick brown fox jumps. ")];
        string text = string.Concat(pieces);
        const string Thought = "Counting the words of a long answer.";
        var inner = new StubChatClient { OnStream = (_, _, _) => Pieces(pieces, Thought) };
        var meter = inner.AsBuilder().UseCostMeter(new MeteredTarget("edge", Api, ProviderKind.OpenAICompatible, TargetTier.Edge, "llama-3.1-8b-instruct"), new InMemoryCostLedger()).Build();

        List<ChatResponseUpdate> updates = await meter.GetStreamingResponseAsync("hi").ToListAsync();

        var cost = Assert.IsType<RequestCost>(updates[^1].AdditionalProperties![InferencePropertyNames.Cost]);
        var cl100k = Inference.Sdk.Tokens.TokenCounter.ForModel("llama-3.1-8b-instruct");
        Assert.True(cost.IsEstimated);
        Assert.Equal(cl100k.CountText(text) + cl100k.CountText(Thought), cost.OutputTokens);
        Assert.NotEqual(pieces.Sum(p => cl100k.CountText(p)), cl100k.CountText(text));
        Assert.Equal(text, updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task A_stream_that_fails_after_delivering_tokens_bills_what_it_delivered()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnStream = (_, _, _) => FailingUpdates() };
        var meter = new CostMeteringChatClient(inner, new MeteredTarget("api", Api), ledger);
        var seen = new List<ChatResponseUpdate>();

        await Assert.ThrowsAsync<InferenceProtocolException>(async () =>
        {
            await foreach (ChatResponseUpdate update in meter.GetStreamingResponseAsync("abcd"))
            {
                seen.Add(update);
            }
        });

        Assert.Single(seen);
        CostTotals totals = ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow);
        Assert.Equal(1, totals.Requests);
        Assert.Equal(1, totals.EstimatedRequests);
        Assert.Equal(10, totals.InputTokens); // 4 chars / 3, rounded up, + 5 for the message and 3 for the reply
        Assert.Equal(6, totals.OutputTokens); // 16 chars delivered, / 3 rounded up
        Assert.Equal(0.000022m, totals.Usd);
        Assert.Equal(0, meter.InFlight);
    }

    [Fact]
    public async Task A_stream_that_fails_before_any_output_bills_nothing()
    {
        var ledger = new InMemoryCostLedger();
        var inner = new StubChatClient { OnStream = (_, _, _) => throw new TargetOverloadedException("busy") };

        await Assert.ThrowsAsync<TargetOverloadedException>(async () => await Meter(inner, ledger).GetStreamingResponseAsync("abcd").ToListAsync());

        Assert.Equal(CostTotals.Zero, ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Serverless_targets_bill_the_execution_time_the_provider_reported()
    {
        var ledger = new InMemoryCostLedger();
        var pricing = new ServerlessSecondPricing(0.001m, "runpod.io", AsOf);
        var inner = new StubChatClient
        {
            OnGet = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
            {
                Usage = new UsageDetails { InputTokenCount = 5, OutputTokenCount = 1 },
                AdditionalProperties = new() { [ServerlessSecondPricing.ExecutionMillisecondsKey] = 1_250L, [ServerlessSecondPricing.DelayMillisecondsKey] = 3_000L },
            }),
        };

        ChatResponse response = await new CostMeteringChatClient(inner, new MeteredTarget("rp", pricing, ProviderKind.RunPod, TargetTier.Serverless), ledger).GetResponseAsync("hi");

        var cost = Assert.IsType<RequestCost>(response.AdditionalProperties![InferencePropertyNames.Cost]);
        Assert.Equal(0.00125m, cost.Usd);
        Assert.False(cost.IsEstimated);
        Assert.Equal(PricingKind.ServerlessSecond, cost.Pricing);
    }

    [Fact]
    public async Task GpuHour_targets_split_busy_time_between_concurrent_requests()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 6, 15, 0, 0, 0, TimeSpan.Zero));
        var ledger = new InMemoryCostLedger();
        var pricing = new GpuHourPricing(3.60m, 1, CapacityType.OnDemand, "config", AsOf);
        var gate = new TaskCompletionSource();
        var inner = new StubChatClient
        {
            OnGet = async (_, _, _) =>
            {
                await gate.Task;
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 1 } };
            },
        };
        var meter = new CostMeteringChatClient(inner, new MeteredTarget("pod", pricing, ProviderKind.Spheron, TargetTier.CloudPod), ledger, time);

        Task<ChatResponse> first = meter.GetResponseAsync("a");
        Task<ChatResponse> second = meter.GetResponseAsync("b");
        Assert.Equal(2, meter.InFlight);
        time.Advance(TimeSpan.FromSeconds(10));
        gate.SetResult();
        ChatResponse[] responses = await Task.WhenAll(first, second);

        decimal[] costs = responses.Select(r => ((RequestCost)r.AdditionalProperties![InferencePropertyNames.Cost]!).Usd).ToArray();
        Assert.Equal(0.01m, costs[0]); // 10 s of $3.60/h alone
        Assert.Equal(0.005m, costs[1]); // the second started while one was in flight: half
    }

    [Fact]
    public async Task Two_hundred_tasks_metering_five_thousand_requests_each_total_exactly()
    {
        var ledger = new InMemoryCostLedger();
        var pricing = new PerTokenPricing(0.15m, 0.60m, "config", AsOf);
        var meter = new CostMeteringChatClient(
            new StubChatClient
            {
                OnGet = (messages, options, _) =>
                {
                    int task = (int)options!.AdditionalProperties!["task"]!;
                    return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"))
                    {
                        Usage = new UsageDetails { InputTokenCount = 100 + task, OutputTokenCount = 10 + (task % 7) },
                    });
                },
            },
            new MeteredTarget("api", pricing),
            ledger);
        var message = new[] { new ChatMessage(ChatRole.User, "hi") };

        await Task.WhenAll(Enumerable.Range(0, 200).Select(task => Task.Run(async () =>
        {
            var options = new ChatOptions { AdditionalProperties = new() { ["task"] = task, [InferencePropertyNames.Tenant] = $"t{task % 10}" } };
            for (int i = 0; i < 5_000; i++)
            {
                await meter.GetResponseAsync(message, options);
            }
        })));

        long input = Enumerable.Range(0, 200).Sum(t => (100L + t) * 5_000);
        long output = Enumerable.Range(0, 200).Sum(t => (10L + (t % 7)) * 5_000);
        CostTotals totals = ledger.GetTotals(CostDimension.Global, null, CostWindow.Day, DateTimeOffset.UtcNow);
        Assert.Equal(1_000_000, totals.Requests);
        Assert.Equal(input, totals.InputTokens);
        Assert.Equal(output, totals.OutputTokens);
        Assert.Equal(((input * 0.15m) + (output * 0.60m)) / 1_000_000m, totals.Usd);
        decimal tenant3 = Enumerable.Range(0, 200).Where(t => t % 10 == 3).Sum(t => (((100m + t) * 0.15m) + ((10m + (t % 7)) * 0.60m)) * 5_000m / 1_000_000m);
        Assert.Equal(tenant3, ledger.GetTotals(CostDimension.Tenant, "t3", CostWindow.Day, DateTimeOffset.UtcNow).Usd);
        Assert.Equal(0, meter.InFlight);
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Updates(bool withUsage)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "Hello") { ResponseId = "resp-1", MessageId = "m1" };
        yield return new ChatResponseUpdate(ChatRole.Assistant, " world") { ResponseId = "resp-1", MessageId = "m1" };
        if (withUsage)
        {
            yield return new ChatResponseUpdate { ResponseId = "resp-1", MessageId = "m1", Contents = [new UsageContent(new UsageDetails { InputTokenCount = 100, OutputTokenCount = 10 })] };
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> Pieces(string[] pieces, string reasoning)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, Contents = [new TextReasoningContent(reasoning)] };
        foreach (string piece in pieces)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, piece);
        }
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> FailingUpdates([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "sixteen chars ok");
        cancellationToken.ThrowIfCancellationRequested();
        throw new InferenceProtocolException("stream broke");
    }
}
