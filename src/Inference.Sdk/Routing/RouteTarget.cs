using System;
using System.Collections.Generic;
using System.Threading;
using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Inference.Sdk.Routing;

/// <summary>A place the <see cref="HybridRouterChatClient"/> can send a request: a named <see cref="IChatClient"/> with its tier, model and limits.</summary>
public sealed class RouteTarget
{
    private readonly int _maxRetries;
    private readonly int? _requestsPerMinute;
    private readonly int? _tokensPerMinute;
    private readonly int? _tokensPerImage;
    private int _contextWindow;

    /// <summary>Initializes a new instance of the <see cref="RouteTarget"/> class.</summary>
    /// <param name="name">The target's unique name (used in decisions, logs, metric tags and <see cref="InferencePropertyNames.ForceTarget"/>).</param>
    /// <param name="client">The client that serves requests sent to this target.</param>
    /// <param name="tier">The target's tier; <see cref="TargetTier.Edge"/> is the only tier that counts as local for the PII rule.</param>
    /// <param name="contextWindow">The model's context window in tokens (prompt plus output).</param>
    public RouteTarget(string name, IChatClient client, TargetTier tier, int contextWindow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contextWindow);
        if (!Enum.IsDefined(tier))
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown target tier.");
        }

        Name = name;
        Client = client;
        Tier = tier;
        ConfiguredContextWindow = contextWindow;
        _contextWindow = contextWindow;
    }

    /// <summary>Gets the target's unique name.</summary>
    public string Name { get; }

    /// <summary>Gets the client that serves requests sent to this target.</summary>
    public IChatClient Client { get; }

    /// <summary>Gets the target's tier.</summary>
    public TargetTier Tier { get; }

    /// <summary>
    /// Gets the context window in tokens (prompt plus output) that decisions use: the configured one, or the smaller one the
    /// target's engine reported it really serves (<see cref="HybridRouterChatClient.ReportContextWindow"/>).
    /// </summary>
    public int ContextWindow => Volatile.Read(ref _contextWindow);

    /// <summary>Gets the context window the target was created with.</summary>
    public int ConfiguredContextWindow { get; }

    /// <summary>
    /// Sets the window decisions use to the smaller of the configured one and <paramref name="servedTokens"/>, what the engine
    /// serves now (an engine restarted with a larger context raises it again, never above the configured window).
    /// </summary>
    /// <returns>Whether the window changed.</returns>
    internal bool ServeContextWindow(int servedTokens)
    {
        int window = Math.Min(ConfiguredContextWindow, servedTokens);
        return Interlocked.Exchange(ref _contextWindow, window) != window;
    }

    /// <summary>Gets or initializes the model id; it picks the tokenizer used to count prompt tokens for this target.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets or initializes the tokenizer for this target's model, overriding the one picked from <see cref="ModelId"/>.</summary>
    public Tokenizer? Tokenizer { get; init; }

    /// <summary>
    /// Gets or initializes the tokens one image takes of this target's context, overriding the rule picked from <see cref="ModelId"/>
    /// (OpenAI's tiles or patches, Qwen-VL's 28-pixel patches, Gemma 3's 256; see <c>docs/routing.md</c>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? TokensPerImage
    {
        get => _tokensPerImage;
        init => _tokensPerImage = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(TokensPerImage), value, "TokensPerImage must not be negative.");
    }

    /// <summary>Gets or initializes the compliance and region tags the target carries (e.g. <c>hipaa</c>, <c>eu</c>); compared case-insensitively.</summary>
    public IReadOnlyCollection<string> Tags { get; init; } = [];

    /// <summary>
    /// Gets or initializes what the target's model and engine can do (tools, structured output, vision, reasoning); a request that
    /// needs a capability the target lacks is never sent to it. <see langword="null"/> (the default) means unknown: every capability
    /// is assumed until the engine says otherwise (<see cref="HybridRouterChatClient.ReportCapabilities"/>) or refuses a request
    /// for the lack of one (<see cref="CapabilityNotSupportedException"/>).
    /// </summary>
    public ModelCapabilities? Capabilities { get; init; }

    /// <summary>Gets or initializes the time-to-first-token goal; a target whose measured TTFT exceeds it is only used after those that meet theirs.</summary>
    public TimeSpan? LatencyGoal { get; init; }

    /// <summary>
    /// Gets or initializes the name of the target tried right after this one when it fails (a spot pod's on-demand twin, an edge
    /// engine's hosted API), ahead of the order the rules and cost would give; <see langword="null"/> (the default) for that order
    /// alone. Used only when the fallback is eligible for the request (a hard rule such as PII or the context window still
    /// excludes it), and after this target, never instead of it.
    /// </summary>
    public string? Fallback { get; init; }

    /// <summary>Gets or initializes how long to wait for the first streamed update (or, without streaming, the response) before failing over.</summary>
    public TimeSpan? FirstTokenTimeout { get; init; }

    /// <summary>
    /// Gets or initializes how often a transient failure before any output (connection errors, HTTP 408, 429, 5xx, an engine still
    /// loading) is retried on this target when no other target is left to fail over to; 0 (the default) never retries. While another
    /// target can take the request, the router fails over at once instead. Retries back off exponentially from 250 ms with jitter,
    /// or wait for the target's <c>Retry-After</c> up to <see cref="HybridRouterOptions.MaxRetryAfter"/> (Polly's retry strategy).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxRetries
    {
        get => _maxRetries;
        init => _maxRetries = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxRetries), value, "MaxRetries must not be negative.");
    }

    /// <summary>Gets or initializes the number of requests this router may have in flight on the target; at the limit it overflows to the next tier.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>
    /// Gets or initializes the most requests per minute the target accepts (the provider's quota); a target at it is skipped
    /// before sending, with the reason in the decision. In a fleet sharing Redis, the limit is the fleet's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? RequestsPerMinute
    {
        get => _requestsPerMinute;
        init => _requestsPerMinute = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(RequestsPerMinute), value, "RequestsPerMinute must be positive.");
    }

    /// <summary>
    /// Gets or initializes the most tokens per minute the target accepts (prompt plus expected output, counted before sending and
    /// corrected by the usage each response reports); a target that cannot admit a request's tokens is skipped before sending.
    /// In a fleet sharing Redis, the limit is the fleet's.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? TokensPerMinute
    {
        get => _tokensPerMinute;
        init => _tokensPerMinute = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(TokensPerMinute), value, "TokensPerMinute must be positive.");
    }

    /// <summary>Gets or initializes the engine queue length (from <see cref="Engines.EngineLoad.Queued"/>) above which the target counts as saturated.</summary>
    public int? MaxQueuedRequests { get; init; } = 4;

    /// <summary>Gets or initializes the KV-cache occupancy in [0, 1] above which the target counts as saturated (sustained above 0.9 means queueing).</summary>
    public double? MaxKvCacheUsage { get; init; } = 0.9;

    /// <summary>
    /// Gets or initializes the expected cost in USD of a request with the given prompt and output token counts
    /// (<c>(inputTokens, outputTokens) =&gt; usd</c>). <see langword="null"/> means the cost is unknown: it counts as zero, and the decision says so.
    /// </summary>
    public Func<int, int, decimal>? ExpectedCostUsd { get; init; }

    /// <summary>
    /// Gets or initializes the target's expected cost model (hosting sets it from the target's prices), read with the live price on
    /// the target's board on every decision; <see cref="ExpectedCostUsd"/>, when set, wins.
    /// </summary>
    internal ExpectedCost? Pricing { get; set; } // replaced whole when hosting refreshes a list price; a decision reads it once

    /// <summary>Gets or sets the policy's reason for a chosen target whose cost is unknown, written once (the name does not change).</summary>
    internal string? UnknownCostReason { get; set; }
}
