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
    public async Task The_meter_emits_genai_token_usage_duration_and_cost_with_target_tags()
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

        var tokens = measurements.Where(m => m.Instrument == InferenceTelemetry.TokenUsageName).ToList();
        Assert.Equal(1_000, tokens.Single(m => (string?)m.Tags[InferenceTelemetry.TokenTypeTag] == "input").Value);
        Assert.Equal(500, tokens.Single(m => (string?)m.Tags[InferenceTelemetry.TokenTypeTag] == "output").Value);
        var cost = measurements.Single(m => m.Instrument == InferenceTelemetry.CostName);
        Assert.Equal(0.0105, cost.Value, 9);
        Assert.Equal("acme", cost.Tags[InferenceTelemetry.TenantTag]);
        Assert.Equal("azureopenai", cost.Tags[InferenceTelemetry.ProviderTag]);
        Assert.Equal("HostedApi", cost.Tags[InferenceTelemetry.TierTag]);
        Assert.Equal("gpt-x", cost.Tags[InferenceTelemetry.RequestModelTag]);
        Assert.Single(measurements, m => m.Instrument == InferenceTelemetry.OperationDurationName);
    }

    [Fact]
    public async Task Streams_emit_time_to_first_chunk_and_time_per_output_chunk()
    {
        string target = "stream-" + Guid.NewGuid().ToString("N");
        var names = new ConcurrentBag<string>();
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
                if (tag.Key == InferenceTelemetry.TargetTag && Equals(tag.Value, target))
                {
                    names.Add(instrument.Name);
                }
            }
        });
        listener.Start();
        var inner = new StubChatClient { OnStream = (_, _, _) => ThreeChunks() };

        await new CostMeteringChatClient(inner, new MeteredTarget(target, new PerTokenPricing(1m, 1m, "config", new DateOnly(2026, 6, 1))), new InMemoryCostLedger())
            .GetStreamingResponseAsync("hi").ToListAsync();

        Assert.Equal(1, names.Count(n => n == InferenceTelemetry.TimeToFirstChunkName));
        Assert.Equal(2, names.Count(n => n == InferenceTelemetry.TimePerOutputChunkName));
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
