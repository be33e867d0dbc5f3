using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Sends a request through Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/> only while someone observes it: a listener on
/// its activity source, or on one of its own <c>gen_ai.*</c> instruments (<see cref="TelemetryInstruments"/>). Unobserved, the
/// OpenTelemetry client would still buffer every streamed update and coalesce them into a response that nothing reads, so the
/// request goes straight to the client the OpenTelemetry client wraps.
/// </summary>
internal sealed class ObservedTelemetryChatClient : DelegatingChatClient
{
    private readonly IChatClient _unobserved;
    private readonly ActivitySource? _source;
    private readonly Instrument[] _instruments;

    private ObservedTelemetryChatClient(OpenTelemetryChatClient telemetry, Instrument[] instruments, IChatClient unobserved)
        : base(telemetry)
    {
        _unobserved = unobserved;
        _instruments = instruments;
        _source = telemetry.GetService(typeof(ActivitySource)) as ActivitySource;
    }

    /// <summary>Gets a value indicating whether the OpenTelemetry client would record anything.</summary>
    public bool Observed => _source?.HasListeners() is true || TelemetryInstruments.AnyEnabled(_instruments);

    /// <summary>Gets the number of instruments the OpenTelemetry client created (for tests).</summary>
    internal int InstrumentCount => _instruments.Length;

    /// <summary>Creates the OpenTelemetry client over <paramref name="unobserved"/> and the gate in front of it.</summary>
    /// <param name="unobserved">The client the OpenTelemetry client wraps, called directly while nothing observes.</param>
    /// <param name="create">Creates the OpenTelemetry client over <paramref name="unobserved"/> (its instruments are captured as it does).</param>
    /// <returns>The gate (disposing it disposes the OpenTelemetry client, and that its inner client).</returns>
    public static ObservedTelemetryChatClient Create(IChatClient unobserved, Func<IChatClient, OpenTelemetryChatClient> create)
    {
        var (telemetry, instruments) = TelemetryInstruments.Capture(() => create(unobserved));
        return new ObservedTelemetryChatClient(telemetry, instruments, unobserved);
    }

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? base.GetResponseAsync(messages, options, cancellationToken) : _unobserved.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? base.GetStreamingResponseAsync(messages, options, cancellationToken) : _unobserved.GetStreamingResponseAsync(messages, options, cancellationToken);
}
