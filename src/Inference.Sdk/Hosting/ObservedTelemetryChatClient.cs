using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Sends a request through Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/> only while someone observes it: a listener on
/// its activity source, or on its GenAI instruments (<see cref="GenAiInstruments"/>). Unobserved, the
/// OpenTelemetry client would still buffer every streamed update and coalesce them into a response that nothing reads, so the
/// request goes straight to the client the OpenTelemetry client wraps.
/// </summary>
internal sealed class ObservedTelemetryChatClient : DelegatingChatClient
{
    private readonly IChatClient _unobserved;
    private readonly ActivitySource? _source;

    /// <param name="telemetry">The OpenTelemetry client (the inner client: disposing this disposes it, and it its own inner client).</param>
    /// <param name="unobserved">The client <paramref name="telemetry"/> wraps, called directly while nothing observes.</param>
    public ObservedTelemetryChatClient(OpenTelemetryChatClient telemetry, IChatClient unobserved)
        : base(telemetry)
    {
        _unobserved = unobserved;
        _source = telemetry.GetService(typeof(ActivitySource)) as ActivitySource;
    }

    /// <summary>Gets a value indicating whether the OpenTelemetry client would record anything.</summary>
    public bool Observed => _source?.HasListeners() is true || GenAiInstruments.AnyEnabled;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? base.GetResponseAsync(messages, options, cancellationToken) : _unobserved.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? base.GetStreamingResponseAsync(messages, options, cancellationToken) : _unobserved.GetStreamingResponseAsync(messages, options, cancellationToken);
}
