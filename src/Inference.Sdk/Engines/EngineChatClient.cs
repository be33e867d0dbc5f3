using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using OpenAI;
using ChatClient = OpenAI.Chat.ChatClient;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

// JsonPatch (SCME0001) is the OpenAI SDK's documented way to send fields it does not model (openai/openai-dotnet#736).
#pragma warning disable SCME0001

namespace Inference.Sdk.Engines;

/// <summary>
/// An <see cref="IChatClient"/> for one model on one inference engine, speaking the OpenAI chat-completions protocol
/// through the OpenAI SDK and handling the engine's quirks: the output-cap field it honours, <c>top_k</c> and other
/// <see cref="ChatOptions.AdditionalProperties"/> forwarded into the body, <c>stream_options</c> only where supported,
/// errors mapped to the typed <see cref="InferenceException"/>s with the engine's numbers, and the engine's name in
/// <see cref="ChatClientMetadata"/>.
/// </summary>
/// <remarks>
/// Create one with <see cref="Create"/>. Keys starting with <c>inference.</c> (<see cref="InferencePropertyNames"/>) are
/// this package's own and are never sent. Ollama truncates an overflowing prompt silently; when the prompt tokens it
/// reports reach <see cref="EngineClientOptions.ContextWindow"/>, or are implausibly few for the prompt's length
/// (fewer than one per 8 characters), the call fails with a <see cref="ContextWindowExceededException"/> whose
/// <see cref="ContextWindowExceededException.Truncated"/> is <see langword="true"/>.
/// </remarks>
public sealed class EngineChatClient : DelegatingChatClient
{
    private const int CharactersPerTokenCeiling = 8;
    private const int MinimumCharactersForEstimate = 512;

    private static readonly HttpClient SharedHttpClient = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly ChatClientMetadata _metadata;
    private readonly TimeSpan _timeout;
    private readonly bool _transportTimesOut;
    private readonly TimeProvider _time;
    private readonly int? _contextWindow;
    private readonly bool _sendStreamOptions;

    private EngineChatClient(IChatClient innerClient, EngineProfile profile, string targetName, ChatClientMetadata metadata, EngineClientOptions options, bool transportTimesOut)
        : base(innerClient)
    {
        _transportTimesOut = transportTimesOut;
        Profile = profile;
        TargetName = targetName;
        _metadata = metadata;
        _timeout = options.RequestTimeout;
        _time = options.TimeProvider ?? TimeProvider.System;
        _contextWindow = options.ContextWindow;
        _sendStreamOptions = options.SendStreamOptions ?? profile.SupportsStreamOptions;
    }

    /// <summary>Gets the profile of the engine this client talks to.</summary>
    public EngineProfile Profile { get; }

    /// <summary>Gets the name of the target, used in exception messages.</summary>
    public string TargetName { get; }

    /// <summary>Creates a chat client for <paramref name="model"/> served by <paramref name="engine"/> at <paramref name="endpoint"/>.</summary>
    /// <param name="engine">The engine serving the model.</param>
    /// <param name="endpoint">
    /// The server's address, e.g. <c>http://gpu-box:8000</c>; <c>/v1</c> is appended unless the path already ends in it.
    /// For <see cref="EngineKind.OpenAICompatible"/> it is the API's base address as is (e.g. <c>https://api.example.com/v1</c>).
    /// </param>
    /// <param name="model">The model name the engine serves (sent as <c>model</c>).</param>
    /// <param name="options">Credentials, HTTP client, target name and timeout; defaults when <see langword="null"/>.</param>
    /// <returns>The chat client; <c>GetService&lt;EngineChatClient&gt;()</c> returns it typed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) address, or <paramref name="model"/> is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="engine"/> is unknown, or an option is out of range.</exception>
    public static IChatClient Create(EngineKind engine, Uri endpoint, string model, EngineClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint must be an absolute http or https address; got '{endpoint}'.", nameof(endpoint));
        }

        EngineProfile profile = EngineProfile.For(engine);
        options ??= new EngineClientOptions();
        ValidateOptions(options);

        Uri openAIBase = EngineEndpoints.OpenAIBase(engine, endpoint);
        string targetName = string.IsNullOrWhiteSpace(options.TargetName) ? $"{profile.ProviderName}@{openAIBase.Authority}" : options.TargetName;

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = openAIBase,
            Transport = new HttpClientPipelineTransport(options.HttpClient ?? SharedHttpClient),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // retries belong to the resilience pipeline, not the SDK
        };
        clientOptions.NetworkTimeout = options.RequestTimeout; // the whole of a non-streaming request (the SDK's default is 100 s)

        var chatClient = new ChatClient(model, new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey), clientOptions);
        var metadata = new ChatClientMetadata(profile.ProviderName, openAIBase, model);
        return new EngineChatClient(chatClient.AsIChatClient(), profile, targetName, metadata, options, transportTimesOut: true);
    }

    /// <summary>
    /// Wraps an OpenAI SDK <see cref="ChatClient"/> built elsewhere (for example an Azure OpenAI client with its own route and
    /// credentials) with what <see cref="Create(EngineKind, Uri, string, EngineClientOptions?)"/> adds: the engine's request
    /// shaping, the per-attempt timeout, typed errors and <paramref name="metadata"/>.
    /// </summary>
    /// <param name="chatClient">The OpenAI SDK client; its transport, authentication and retries are the caller's (set no retries: the router retries).</param>
    /// <param name="engine">The engine behind it (<see cref="EngineKind.OpenAICompatible"/> for a hosted API).</param>
    /// <param name="metadata">The provider name, address and model that <c>GetService&lt;ChatClientMetadata&gt;()</c> returns; no secrets.</param>
    /// <param name="options">Target name, timeout and context window; <see cref="EngineClientOptions.ApiKey"/> and <see cref="EngineClientOptions.HttpClient"/> are not used.</param>
    /// <returns>The chat client; <c>GetService&lt;EngineChatClient&gt;()</c> returns it typed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="chatClient"/> or <paramref name="metadata"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="engine"/> is unknown, or an option is out of range.</exception>
    public static IChatClient Wrap(ChatClient chatClient, EngineKind engine, ChatClientMetadata metadata, EngineClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(metadata);
        EngineProfile profile = EngineProfile.For(engine);
        options ??= new EngineClientOptions();
        ValidateOptions(options);
        string targetName = string.IsNullOrWhiteSpace(options.TargetName)
            ? $"{metadata.ProviderName ?? profile.ProviderName}@{metadata.ProviderUri?.Authority}"
            : options.TargetName;
        return new EngineChatClient(chatClient.AsIChatClient(), profile, targetName, metadata, options, transportTimesOut: false);
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatOptions? shaped = Shape(options, streaming: false);

        // A client made here has the SDK time the whole request out (its network timeout is the request timeout); one wrapped from
        // elsewhere keeps its own, so the timeout is added here. Either way a timeout ends as an OperationCanceledException the
        // caller did not ask for, mapped below.
        using var timeout = _transportTimesOut || _timeout == Timeout.InfiniteTimeSpan ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout?.CancelAfter(_timeout);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, shaped, timeout?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, cancellationToken, outputCommitted: false) is { } mapped)
        {
            throw mapped;
        }

        CheckTruncation(messages, response.Usage, outputCommitted: false);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatOptions? shaped = Shape(options, streaming: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bool committed = false, finished = false;
        UsageDetails? usage = null;

        IAsyncEnumerator<ChatResponseUpdate> updates = base.GetStreamingResponseAsync(messages, shaped, timeout.Token).GetAsyncEnumerator(timeout.Token);
        try
        {
            while (true)
            {
                if (_timeout != Timeout.InfiniteTimeSpan)
                {
                    timeout.CancelAfter(_timeout);
                }

                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = updates.Current;
                }
                catch (Exception e) when (Translate(e, cancellationToken, committed) is { } mapped)
                {
                    throw mapped;
                }

                if (update.RawRepresentation is StreamingChatCompletionUpdate raw && raw.Patch.Contains("$.error"u8))
                {
                    EngineError error = EngineStreamErrors.Classify(Profile, EngineError.Parse(Wrap(raw.Patch.GetJson("$.error"u8))));
                    throw EngineErrors.FromAnswer(Profile, TargetName, status: null, error, retryAfter: null, committed, inner: null);
                }

                finished |= update.FinishReason is not null;
                foreach (AIContent content in update.Contents)
                {
                    if (content is UsageContent u)
                    {
                        usage = u.Details;
                    }
                }

                committed = true;
                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (!finished)
        {
            throw new InferenceProtocolException($"The {Profile.ProviderName} target '{TargetName}' ended the stream before a finish reason: the stream was truncated")
            {
                TargetName = TargetName,
                OutputCommitted = committed,
            };
        }

        CheckTruncation(messages, usage, committed);
    }

    /// <inheritdoc/>
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
    }

    private static void ValidateOptions(EngineClientOptions options)
    {
        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(options)}.{nameof(EngineClientOptions.RequestTimeout)}", options.RequestTimeout, "The request timeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        if (options.ContextWindow is <= 0)
        {
            throw new ArgumentOutOfRangeException(
                $"{nameof(options)}.{nameof(EngineClientOptions.ContextWindow)}", options.ContextWindow, "The context window must be positive when set.");
        }
    }

    private static ReadOnlySpan<byte> Wrap(ReadOnlyMemory<byte> errorJson)
    {
        byte[] body = new byte[errorJson.Length + 10];
        "{\"error\":"u8.CopyTo(body);
        errorJson.Span.CopyTo(body.AsSpan(9));
        body[^1] = (byte)'}';
        return body;
    }

    /// <summary>
    /// Shapes the request for the engine: output-cap field, <c>top_k</c>, extra body fields, <c>stream_options</c>. The caller's
    /// options go through as they are when nothing needs shaping; otherwise a clone is shaped (the caller's are never changed).
    /// </summary>
    private ChatOptions? Shape(ChatOptions? options, bool streaming)
    {
        int? cap = options?.MaxOutputTokens;
        bool legacyCap = cap is not null && Profile.MaxOutputTokensField != MaxOutputTokensField.MaxCompletionTokens;
        int? topK = Profile.SupportsTopK ? options?.TopK : null;
        List<KeyValuePair<string, object?>>? extras = null;
        if (options?.AdditionalProperties is { Count: > 0 } properties)
        {
            foreach (KeyValuePair<string, object?> property in properties)
            {
                if (!property.Key.StartsWith("inference.", StringComparison.Ordinal) && property.Key != "strict")
                {
                    (extras ??= []).Add(property);
                }
            }
        }

        bool dropStreamOptions = streaming && !_sendStreamOptions;
        if (!legacyCap && topK is null && extras is null && !dropStreamOptions)
        {
            return options;
        }

        ChatOptions shaped = options?.Clone() ?? new ChatOptions();
        if (cap is not null && Profile.MaxOutputTokensField == MaxOutputTokensField.MaxTokens)
        {
            shaped.MaxOutputTokens = null; // the SDK would send max_completion_tokens, which this engine ignores or rejects
        }

        Func<IChatClient, object?>? callerFactory = shaped.RawRepresentationFactory;
        shaped.RawRepresentationFactory = client =>
        {
            ChatCompletionOptions request = callerFactory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            if (legacyCap)
            {
                request.Patch.Set("$.max_tokens"u8, cap!.Value);
            }

            if (topK is int k)
            {
                request.Patch.Set("$.top_k"u8, k);
            }

            if (extras is not null)
            {
                foreach (KeyValuePair<string, object?> extra in extras)
                {
                    byte[] json = JsonSerializer.SerializeToUtf8Bytes(extra.Value, extra.Value?.GetType() ?? typeof(object), AIJsonUtilities.DefaultOptions);
                    request.Patch.Set(JsonPath(extra.Key), new BinaryData(json));
                }
            }

            if (dropStreamOptions)
            {
                request.Patch.Remove("$.stream_options"u8);
            }

            return request;
        };
        return shaped;
    }

    private static byte[] JsonPath(string key)
    {
        bool simple = key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        string path = simple ? "$." + key : "$['" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "']";
        return System.Text.Encoding.UTF8.GetBytes(path);
    }

    private InferenceException? Translate(Exception exception, CancellationToken callerToken, bool outputCommitted)
    {
        switch (exception)
        {
            case InferenceException:
                return null;
            case OperationCanceledException when callerToken.IsCancellationRequested:
                return null;
            case OperationCanceledException:
                return EngineErrors.Timeout(Profile, TargetName, _timeout, exception, outputCommitted);
            case ClientResultException { Status: > 0 } result:
                PipelineResponse? response = result.GetRawResponse();
                EngineError error = EngineError.Parse(response?.Content is { } content ? content.ToMemory().Span : default);
                string? retryAfter = response is not null && response.Headers.TryGetValue("Retry-After", out string? value) ? value : null;
                return EngineErrors.FromAnswer(
                    Profile, TargetName, result.Status, error, RetryAfterHeader.Parse(retryAfter, _time.GetUtcNow()), outputCommitted, exception);
            case ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException
                when ThrownByTheOpenAISdk(exception):
                // The OpenAI SDK could not read the answer (an undocumented finish reason, a property name it cannot patch, ...).
                return new InferenceProtocolException(
                    $"The {Profile.ProviderName} target '{TargetName}' answered something the OpenAI chat protocol does not allow: {exception.Message}", exception)
                {
                    TargetName = TargetName,
                    OutputCommitted = outputCommitted,
                };
            default:
                return EngineErrors.FromTransport(Profile, TargetName, exception, outputCommitted);
        }
    }

    /// <summary>Whether the OpenAI SDK (or System.ClientModel under it) is on the stack that threw: it was reading the answer.</summary>
    private static bool ThrownByTheOpenAISdk(Exception exception) =>
        new System.Diagnostics.StackTrace(exception, fNeedFileInfo: false).GetFrames().Any(frame =>
            frame.GetMethod()?.DeclaringType?.Assembly is { } assembly
            && (assembly == typeof(ChatClient).Assembly || assembly == typeof(ClientResult).Assembly));

    /// <summary>Detects Ollama's silent prompt truncation from the prompt tokens it reports.</summary>
    private void CheckTruncation(IEnumerable<ChatMessage> messages, UsageDetails? usage, bool outputCommitted)
    {
        if (Profile.Engine != EngineKind.Ollama || usage?.InputTokenCount is not long promptTokens)
        {
            return;
        }

        long characters = messages.Sum(m => (long)m.Text.Length);
        bool atWindow = _contextWindow is int window && promptTokens >= window;
        bool implausible = characters >= MinimumCharactersForEstimate && promptTokens * CharactersPerTokenCeiling < characters;
        if (atWindow || implausible)
        {
            string configured = _contextWindow?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
            throw new ContextWindowExceededException(
                $"The ollama target '{TargetName}' silently truncated the prompt: it counted {promptTokens} prompt tokens " +
                $"for {characters} characters (context window: {configured}); raise num_ctx / OLLAMA_CONTEXT_LENGTH or route elsewhere")
            {
                TargetName = TargetName,
                OutputCommitted = outputCommitted,
                Truncated = true,
                PromptTokens = (int)Math.Min(promptTokens, int.MaxValue),
                ContextWindow = _contextWindow,
            };
        }
    }
}
