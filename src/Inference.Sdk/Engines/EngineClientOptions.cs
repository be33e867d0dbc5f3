using System;
using System.Net.Http;

namespace Inference.Sdk.Engines;

/// <summary>Options for a client created by <see cref="EngineChatClient.Create"/>.</summary>
public sealed class EngineClientOptions
{
    /// <summary>The default for <see cref="RequestTimeout"/>: 100 seconds, as <see cref="HttpClient.Timeout"/>.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets the API key sent as <c>Authorization: Bearer</c>; <see langword="null"/> for engines started without one.</summary>
    /// <remarks>The key never appears in exception messages, logs or metric tags.</remarks>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets the <see cref="System.Net.Http.HttpClient"/> to send requests with (typically from <c>IHttpClientFactory</c>); a shared one when <see langword="null"/>.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets the name of the target, as configured; it names the target in exceptions. Defaults to the engine name and endpoint.</summary>
    public string? TargetName { get; set; }

    /// <summary>Gets or sets how long a request may take: the whole call when not streaming, and each wait for the next update when streaming.</summary>
    /// <remarks>When it elapses the call fails with <see cref="TargetUnavailableException"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.</remarks>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Gets or sets the clock that dates what the engine answers (a <c>Retry-After</c> date, a load reading); <see cref="System.TimeProvider.System"/> when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets the context window the engine was started with, in tokens, when known.</summary>
    /// <remarks>Used to detect Ollama's silent prompt truncation (see <see cref="EngineChatClient"/>).</remarks>
    public int? ContextWindow { get; set; }

    /// <summary>Gets or sets whether streaming requests carry <c>stream_options</c> (usage in the last chunk); <see langword="null"/> uses <see cref="EngineProfile.SupportsStreamOptions"/>.</summary>
    public bool? SendStreamOptions { get; set; }
}
