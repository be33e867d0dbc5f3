using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Inference.Sdk.Hosting;
using Inference.Sdk.Tests.Routing;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Tests.Hosting;

/// <summary>The OpenTelemetry client of a target runs only while its activity source or the GenAI instruments are observed.</summary>
[Collection(nameof(ObservedTelemetryChatClientTests))]
public sealed class ObservedTelemetryChatClientTests
{
    private static readonly ChatMessage[] Hi = [new(ChatRole.User, "hi")];

    [Fact]
    public async Task Unobserved_requests_skip_the_OpenTelemetry_client()
    {
        var (gate, direct, traced) = Create();
        Assert.False(gate.Observed, "a listener from elsewhere in the test process observes Inference.Sdk");

        await gate.GetResponseAsync(Hi);
        await gate.GetStreamingResponseAsync(Hi).ToListAsync();

        Assert.Equal(2, direct.Calls);
        Assert.Equal(0, traced.Calls);
    }

    [Fact]
    public async Task An_activity_listener_turns_the_OpenTelemetry_client_on_and_gets_the_GenAI_span()
    {
        var (gate, direct, traced) = Create();
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == InferenceTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await gate.GetResponseAsync(Hi);
        await gate.GetStreamingResponseAsync(Hi).ToListAsync();

        Assert.Equal(0, direct.Calls);
        Assert.Equal(2, traced.Calls);
        Assert.Equal(2, spans.Count(a => (string?)a.GetTagItem("gen_ai.operation.name") == "chat"));
    }

    [Fact]
    public async Task A_meter_listener_on_the_GenAI_instruments_turns_the_OpenTelemetry_client_on()
    {
        var (gate, direct, traced) = Create();
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
        listener.Start();

        await gate.GetResponseAsync(Hi);

        Assert.True(gate.Observed);
        Assert.Equal(0, direct.Calls);
        Assert.Equal(1, traced.Calls);
    }

    [Fact]
    public async Task A_meter_listener_on_the_instruments_of_a_custom_source_name_turns_its_OpenTelemetry_client_on_and_no_other()
    {
        string name = "Inference.Sdk.Tests." + Guid.NewGuid().ToString("N");
        var (gate, direct, traced) = Create(name);
        var (other, _, _) = Create();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == name && instrument.Name.StartsWith("gen_ai.", StringComparison.Ordinal))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.Start();

        await gate.GetResponseAsync(Hi);

        Assert.True(gate.Observed);
        Assert.False(other.Observed);
        Assert.Equal(0, direct.Calls);
        Assert.Equal(1, traced.Calls);

        listener.Dispose();
        Assert.False(gate.Observed);
    }

    [Fact]
    public void The_gate_holds_the_GenAI_instruments_its_OpenTelemetry_client_created_and_only_those()
    {
        string name = "Inference.Sdk.Tests." + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentBag<Instrument>();
        using var listener = new MeterListener { InstrumentPublished = (instrument, _) => seen.Add(instrument) };
        listener.Start();

        var (gate, _, _) = Create(name);

        var ours = seen.Where(i => i.Meter.Name == name).ToArray();
        Assert.Contains(ours, i => i.Name == "gen_ai.client.token.usage");
        Assert.Contains(ours, i => i.Name == "gen_ai.client.operation.duration");
        Assert.Equal(ours.Length, gate.GetService<ObservedTelemetryChatClient>()!.InstrumentCount);
    }

    private static (ObservedTelemetryChatClient Gate, FakeChatClient Direct, FakeChatClient Traced) Create(string sourceName = InferenceTelemetry.Name)
    {
        var direct = new FakeChatClient("direct");
        var traced = new FakeChatClient("traced");
        return (ObservedTelemetryChatClient.Create(direct, _ => new OpenTelemetryChatClient(traced, sourceName: sourceName)), direct, traced);
    }
}
