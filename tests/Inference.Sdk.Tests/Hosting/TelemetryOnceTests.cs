using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>
/// Telemetry once: through the default client of <c>AddInference</c>, Microsoft.Extensions.AI's OpenTelemetry client records the
/// <c>gen_ai.*</c> instruments and the package's meter only <c>inference.*</c> ones, each measurement once per request.
/// </summary>
[Collection(nameof(ObservedTelemetryChatClientTests))]
public sealed class TelemetryOnceTests
{
    [Fact]
    public async Task One_request_is_measured_once_per_instrument_and_the_package_meter_has_no_GenAI_instrument()
    {
        string target = "once-" + Guid.NewGuid().ToString("N");
        string model = "model-" + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentQueue<(Instrument Instrument, string? TokenType)>();
        var published = new ConcurrentQueue<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == InferenceTelemetry.Name)
                {
                    published.Enqueue(instrument);
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void OnMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        {
            bool ours = false;
            string? tokenType = null;
            foreach (var tag in tags)
            {
                ours |= (tag.Key == InferenceTelemetry.TargetTag && Equals(tag.Value, target)) || (tag.Key == InferenceTelemetry.RequestModelTag && Equals(tag.Value, model));
                tokenType = tag.Key == InferenceTelemetry.TokenTypeTag ? tag.Value as string : tokenType;
            }

            if (ours)
            {
                seen.Enqueue((instrument, tokenType));
            }
        }

        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.SetMeasurementEventCallback<int>(OnMeasurement);
        listener.SetMeasurementEventCallback<double>(OnMeasurement);
        listener.Start();
        await using LoopbackServer engine = await HostingFixture.StartEngineAsync();
        using IHost host = HostingFixture.BuildHost(HostingFixture.Json($"\"{target}\": {{ \"Engine\": \"Vllm\", \"Endpoint\": \"{engine.BaseAddress}\", \"Model\": \"{model}\", \"ContextLength\": 8192 }}"));
        await host.StartAsync();

        var response = await host.Services.GetRequiredService<IChatClient>().GetResponseAsync("hi");
        await host.StopAsync();

        Assert.Equal("hello from the engine", response.Text);
        var counts = seen.GroupBy(m => m.Instrument.Name).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(1, counts.GetValueOrDefault(InferenceTelemetry.RouteDecisionsName));
        Assert.Equal(1, counts.GetValueOrDefault(InferenceTelemetry.RouteAttemptsName));
        Assert.Equal(1, counts.GetValueOrDefault(InferenceTelemetry.CostName));
        Assert.Equal(1, counts.GetValueOrDefault(InferenceTelemetry.OperationDurationName));
        Assert.Equal(["input", "output"], seen.Where(m => m.Instrument.Name == InferenceTelemetry.TokenUsageName).Select(m => m.TokenType).Order());

        // Each name is measured by one instrument (no second one of another type), and the package's own meter has no gen_ai.* instrument.
        Assert.All(seen.GroupBy(m => m.Instrument.Name), g => Assert.Single(g.Select(m => m.Instrument).Distinct()));
        Assert.DoesNotContain(published, i => ReferenceEquals(i.Meter, InferenceTelemetry.Meter) && i.Name.StartsWith("gen_ai.", StringComparison.Ordinal));
        Assert.Contains(published, i => ReferenceEquals(i.Meter, InferenceTelemetry.Meter) && i.Name == InferenceTelemetry.CostName);
    }
}
