using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Costs;

public class CostTelemetryTests
{
    [Fact]
    public async Task The_meter_emits_the_cost_with_target_tags_and_no_GenAI_instrument()
    {
        string target = "telemetry-" + Guid.NewGuid().ToString("N");
        var measurements = new ConcurrentBag<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            var dict = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                dict[tag.Key] = tag.Value;
            }

            if (Equals(dict.GetValueOrDefault(InferenceTelemetry.TargetTag), target))
            {
                measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), dict));
            }
        }

        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();

        var inner = new StubChatClient
        {
            OnGet = (_, _, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")) { Usage = new UsageDetails { InputTokenCount = 1_000, OutputTokenCount = 500 } }),
        };
        var meter = new CostMeteringChatClient(inner, new MeteredTarget(target, new PerTokenPricing(3m, 15m, "config", new DateOnly(2026, 6, 1)), ProviderKind.AzureOpenAI, TargetTier.HostedApi, "gpt-x"), new InMemoryCostLedger());
        await meter.GetResponseAsync("hi", new ChatOptions { AdditionalProperties = new() { [InferencePropertyNames.Tenant] = "acme" } });

        var cost = measurements.Single(m => m.Instrument == InferenceTelemetry.CostName);
        Assert.Equal(0.0105, cost.Value, 9);
        Assert.Equal("acme", cost.Tags[InferenceTelemetry.TenantTag]);
        Assert.Equal("azureopenai", cost.Tags[InferenceTelemetry.ProviderTag]);
        Assert.Equal("HostedApi", cost.Tags[InferenceTelemetry.TierTag]);
        Assert.Equal("gpt-x", cost.Tags[InferenceTelemetry.RequestModelTag]);
        Assert.DoesNotContain(measurements, m => m.Instrument.StartsWith("gen_ai.", StringComparison.Ordinal)); // the OpenTelemetry client's to record
    }

    [Fact]
    public async Task Through_the_default_middleware_a_stream_gets_its_GenAI_chunk_latencies_once_from_the_OpenTelemetry_client()
    {
        string model = "stream-" + Guid.NewGuid().ToString("N");
        var names = new ConcurrentBag<(string Name, Type Instrument)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) =>
        {
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                if (tag.Key == InferenceTelemetry.RequestModelTag && Equals(tag.Value, model))
                {
                    names.Add((instrument.Name, instrument.GetType()));
                }
            }
        });
        listener.Start();
        var inner = new StubChatClient { OnStream = (_, _, _) => ThreeChunks() };
        using var client = new ChatClientBuilder(inner)
            .UseCostMeter(new MeteredTarget("stream", new PerTokenPricing(1m, 1m, "config", new DateOnly(2026, 6, 1))), new InMemoryCostLedger())
            .UseObservedOpenTelemetry()
            .Build();

        await client.GetStreamingResponseAsync("hi", new ChatOptions { ModelId = model }).ToListAsync();

        Assert.Equal(1, names.Count(n => n.Name == InferenceTelemetry.TimeToFirstChunkName));
        Assert.Equal(2, names.Count(n => n.Name == InferenceTelemetry.TimePerOutputChunkName));
        Assert.All(names.GroupBy(n => n.Name), g => Assert.Single(g.Select(n => n.Instrument).Distinct())); // one instrument per name
    }

    [Fact]
    public void Budget_threshold_crossings_are_counted()
    {
        string tenant = "budget-" + Guid.NewGuid().ToString("N");
        var crossings = new ConcurrentBag<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == InferenceTelemetry.BudgetThresholdCrossedName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var dict = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                dict[tag.Key] = tag.Value;
            }

            if (Equals(dict[InferenceTelemetry.TenantTag], tenant))
            {
                crossings.Add((double)dict[InferenceTelemetry.BudgetThresholdTag]!);
            }
        });
        listener.Start();
        var ledger = new InMemoryCostLedger();
        using var tracker = new CostBudgetTracker(ledger, [new CostBudget(1m, CostWindow.Month, tenant)]);

        ledger.Record(CostLedgerTests.Cost(1.5m, tenant: tenant, at: DateTimeOffset.UtcNow));

        Assert.Equal([0.8, 1.0], crossings.Order());
    }

    private static async IAsyncEnumerable<ChatResponseUpdate> ThreeChunks()
    {
        await Task.Yield();
        yield return new ChatResponseUpdate(ChatRole.Assistant, "a");
        yield return new ChatResponseUpdate(ChatRole.Assistant, "b");
        yield return new ChatResponseUpdate(ChatRole.Assistant, "c");
    }
}
