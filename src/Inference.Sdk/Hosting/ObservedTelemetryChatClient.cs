using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Hosting;

/// <summary>
/// Sends a request through Microsoft.Extensions.AI's <see cref="OpenTelemetryChatClient"/> only while someone observes it: a listener on
/// its activity source, or on the package's GenAI instruments (same meter name as the OpenTelemetry client's). Unobserved, the
/// OpenTelemetry client would still buffer every streamed update and coalesce them into a response that nothing reads.
/// </summary>
internal sealed class ObservedTelemetryChatClient : DelegatingChatClient
{
    private readonly OpenTelemetryChatClient _telemetry;
    private readonly ActivitySource? _source;

    public ObservedTelemetryChatClient(IChatClient innerClient, OpenTelemetryChatClient telemetry)
        : base(innerClient)
    {
        _telemetry = telemetry;
        _source = telemetry.GetService(typeof(ActivitySource)) as ActivitySource;
    }

    /// <summary>Gets a value indicating whether the OpenTelemetry client would record anything.</summary>
    public bool Observed =>
        _source?.HasListeners() is true
        || InferenceTelemetry.OperationDuration.Enabled
        || InferenceTelemetry.TokenUsage.Enabled
        || InferenceTelemetry.TimeToFirstChunk.Enabled
        || InferenceTelemetry.TimePerOutputChunk.Enabled;

    /// <inheritdoc/>
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? _telemetry.GetResponseAsync(messages, options, cancellationToken) : base.GetResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc/>
    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        Observed ? _telemetry.GetStreamingResponseAsync(messages, options, cancellationToken) : base.GetStreamingResponseAsync(messages, options, cancellationToken);

    /// <inheritdoc/>
    public override object? GetService(System.Type serviceType, object? serviceKey = null) =>
        _telemetry.GetService(serviceType, serviceKey);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _telemetry.Dispose();
        }

        base.Dispose(disposing);
    }
}
