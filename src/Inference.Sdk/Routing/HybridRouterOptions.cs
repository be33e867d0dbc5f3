using System;
using System.Collections.Generic;
using System.Text.Json;
using Inference.Sdk.Requests;
using Microsoft.Extensions.AI;

namespace Inference.Sdk.Routing;

/// <summary>Options of the <see cref="HybridRouterChatClient"/>.</summary>
public sealed class HybridRouterOptions
{
    /// <summary>The name of the <see cref="Tenants"/> entry that applies to every tenant not listed, and to requests without a tenant.</summary>
    public const string DefaultTenant = "Default";

    /// <summary>Gets or sets the edge model's practical context budget in tokens: above it (prompt plus expected output), requests go to the cloud (seed priority 2; typically 512 to 2048).</summary>
    public int EdgeTokenThreshold { get; set; } = 2048;

    /// <summary>Gets or sets the output tokens expected when the request does not set <c>ChatOptions.MaxOutputTokens</c>.</summary>
    public int DefaultOutputTokens { get; set; } = 256;

    /// <summary>Gets or sets what happens to requests that contain personal data or secrets.</summary>
    public PiiPolicy PiiPolicy { get; set; } = PiiPolicy.ForceLocal;

    /// <summary>Gets or sets the built-in PII detector's settings (<c>Inference:Router:Pii</c>): phone regions and the organization's own patterns.</summary>
    public PiiDetectorOptions Pii { get; set; } = new();

    /// <summary>
    /// Gets or sets a value indicating whether, under <see cref="PiiPolicy.Redact"/>, the placeholders (<c>[EMAIL_1]</c>) that come back
    /// in a redacted request's answer (text, streamed text, reasoning, tool-call arguments) are replaced by the original values before
    /// the caller sees them (the default), so a tool loop over redacted data still calls its tools with the real values. The values
    /// are kept for the request only, and never logged.
    /// </summary>
    public bool RestoreRedactedValues { get; set; } = true;

    /// <summary>
    /// Gets or sets how objects in tool traffic (a <see cref="FunctionResultContent.Result"/> or argument value that is neither a string
    /// nor JSON) are serialized when the router reads them for PII and tokens: as the wire sends them. Defaults to
    /// <see cref="AIJsonUtilities.DefaultOptions"/>, which M.E.AI's OpenAI client uses.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = AIJsonUtilities.DefaultOptions;

    /// <summary>Gets or sets the task types that go to the cloud (seed priority 3): code, multi-step reasoning and long-form by default.</summary>
    public ISet<TaskType> CloudTaskTypes { get; set; } = new HashSet<TaskType> { TaskType.Code, TaskType.Reasoning, TaskType.LongForm };

    /// <summary>Gets or sets the data classifications (<see cref="InferencePropertyNames.DataClassification"/>) that keep a request on the edge, whatever the PII policy.</summary>
    public ISet<string> LocalOnlyClassifications { get; set; } =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "confidential", "restricted", "secret", "pii", "phi" };

    /// <summary>Gets or sets the confidence below which an edge answer is escalated to the cloud; <see langword="null"/> (the default) never runs the edge first. Needs an <see cref="IConfidenceJudge"/>; non-streaming requests only.</summary>
    public double? ConfidenceThreshold { get; set; }

    /// <summary>Gets or sets the most targets one request is tried on; <see langword="null"/> tries every eligible target.</summary>
    public int? MaximumAttemptsPerRequest { get; set; }

    /// <summary>Gets or sets what happens when a target's first output is later than its <see cref="RouteTarget.FirstTokenTimeout"/>: fail over (the default) or hedge.</summary>
    public SlowFirstTokenAction SlowFirstToken { get; set; } = SlowFirstTokenAction.FailOver;

    /// <summary>Gets or sets the failure ratio over <see cref="CircuitBreakerSamplingDuration"/> that opens a target's circuit.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the attempts within <see cref="CircuitBreakerSamplingDuration"/> before the circuit may open.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window over which failures are counted.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an open circuit stays open before a trial request.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets the weight of the newest measurement in the time-to-first-token moving average, in (0, 1].</summary>
    public double TtftSmoothing { get; set; } = 0.2;

    /// <summary>Gets or sets the longest a target that answered 429/503 with <c>Retry-After</c> is kept out of routing; a longer header is cut to this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets how long a target that answered 429/503 (or is loading its model) without <c>Retry-After</c> is kept out of routing; <see cref="TimeSpan.Zero"/> tries it again at once.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long a cold start is expected to take (a serverless endpoint with no idle worker boots one and loads the model):
    /// a target reported cold is skipped for requests whose <see cref="InferencePropertyNames.LatencyGoal"/> is shorter, and still used for batch work.
    /// </summary>
    public TimeSpan ColdStartDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets the tenants' rate limits and priorities by tenant (<see cref="InferencePropertyNames.Tenant"/>), bound from
    /// <c>Inference:Tenants</c>; the <see cref="DefaultTenant"/> entry applies to each tenant not listed (counted apart) and to
    /// requests without a tenant. Compared case-insensitively.
    /// </summary>
    public IDictionary<string, TenantLimits> Tenants { get; } = new Dictionary<string, TenantLimits>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Gets or sets the share, in (0, 1], of each target's <see cref="RouteTarget.RequestsPerMinute"/>,
    /// <see cref="RouteTarget.TokensPerMinute"/> and <see cref="RouteTarget.MaxConcurrency"/> that <see cref="RequestPriority.Batch"/>
    /// work may use: past it batch work goes to other targets (or waits) and the rest is kept for interactive work. Default 0.75.
    /// </summary>
    public double BatchLimitShare { get; set; } = 0.75;

    /// <summary>Gets or sets how many batch requests may wait for a rate limit to admit them at once; past it they are refused. Default 100; 0 never waits.</summary>
    public int BatchQueueLimit { get; set; } = 100;

    /// <summary>Gets or sets how long a batch request waits for a rate limit to admit it before it is refused. Default 30 seconds.</summary>
    public TimeSpan BatchQueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long after a conversation's last turn its next turn still goes to the target that served it (while that
    /// target is eligible and not saturated). Default 10 minutes; zero turns conversation affinity off.
    /// </summary>
    public TimeSpan ConversationAffinityDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how many conversations the affinity table holds; past it, those closest to expiring are dropped. Default 10,000; 0 turns affinity off.</summary>
    public int ConversationAffinityCapacity { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets a value indicating whether a request's <c>ChatOptions.ConversationId</c> is only a label of the conversation,
    /// used as its affinity key. When <see langword="false"/> (the default) such a request is refused before any call: it asks
    /// the target to hold the conversation's history, and no target the router speaks to does (Chat Completions is stateless).
    /// </summary>
    public bool ConversationIdAsAffinityKey { get; set; }

    /// <summary>Gets or sets the window rate limits count over: one minute (the limits are per minute); tests shorten it.</summary>
    internal TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (EdgeTokenThreshold <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(EdgeTokenThreshold), EdgeTokenThreshold, "EdgeTokenThreshold must be positive.");
        }

        if (ConversationAffinityCapacity < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ConversationAffinityCapacity), ConversationAffinityCapacity, "ConversationAffinityCapacity must be 0 (off) or positive.");
        }

        if (ConversationAffinityDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConversationAffinityDuration), ConversationAffinityDuration, "ConversationAffinityDuration must be zero (off) or positive.");
        }

        if (DefaultOutputTokens <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultOutputTokens), DefaultOutputTokens, "DefaultOutputTokens must be positive.");
        }

        if (!Enum.IsDefined(PiiPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(PiiPolicy), PiiPolicy, "Unknown PII policy.");
        }

        if (Pii is null)
        {
            throw new ArgumentNullException(nameof(Pii), "Pii must not be null.");
        }

        try
        {
            _ = PiiDetector.For(Pii);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(Pii), e);
        }

        if (JsonSerializerOptions is null)
        {
            throw new ArgumentNullException(nameof(JsonSerializerOptions), "JsonSerializerOptions must not be null; leave it unset for AIJsonUtilities.DefaultOptions.");
        }

        if (CloudTaskTypes is null)
        {
            throw new ArgumentNullException(nameof(CloudTaskTypes), "CloudTaskTypes must not be null.");
        }

        if (LocalOnlyClassifications is null)
        {
            throw new ArgumentNullException(nameof(LocalOnlyClassifications), "LocalOnlyClassifications must not be null.");
        }

        if (ConfidenceThreshold is { } c && (c < 0 || c > 1 || double.IsNaN(c)))
        {
            throw new ArgumentOutOfRangeException(nameof(ConfidenceThreshold), c, "ConfidenceThreshold must be in [0, 1].");
        }

        if (!Enum.IsDefined(SlowFirstToken))
        {
            throw new ArgumentOutOfRangeException(nameof(SlowFirstToken), SlowFirstToken, "Unknown slow-first-token action.");
        }

        if (MaximumAttemptsPerRequest is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumAttemptsPerRequest), MaximumAttemptsPerRequest, "MaximumAttemptsPerRequest must be positive.");
        }

        if (CircuitBreakerFailureRatio is <= 0 or > 1 || double.IsNaN(CircuitBreakerFailureRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerFailureRatio), CircuitBreakerFailureRatio, "CircuitBreakerFailureRatio must be in (0, 1].");
        }

        if (CircuitBreakerMinimumThroughput < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerMinimumThroughput), CircuitBreakerMinimumThroughput, "CircuitBreakerMinimumThroughput must be at least 2.");
        }

        if (CircuitBreakerSamplingDuration <= TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerSamplingDuration), CircuitBreakerSamplingDuration, "CircuitBreakerSamplingDuration must be more than 500 ms.");
        }

        if (CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new ArgumentOutOfRangeException(nameof(CircuitBreakerBreakDuration), CircuitBreakerBreakDuration, "CircuitBreakerBreakDuration must be at least 500 ms.");
        }

        if (MaxRetryAfter < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "MaxRetryAfter must not be negative.");
        }

        if (DefaultRetryAfter < TimeSpan.Zero || DefaultRetryAfter > MaxRetryAfter)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultRetryAfter), DefaultRetryAfter, "DefaultRetryAfter must be between zero and MaxRetryAfter.");
        }

        if (ColdStartDuration < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ColdStartDuration), ColdStartDuration, "ColdStartDuration must not be negative.");
        }

        if (BatchLimitShare is <= 0 or > 1 || double.IsNaN(BatchLimitShare))
        {
            throw new ArgumentOutOfRangeException(nameof(BatchLimitShare), BatchLimitShare, "BatchLimitShare must be in (0, 1], e.g. 0.75.");
        }

        if (BatchQueueLimit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchQueueLimit), BatchQueueLimit, "BatchQueueLimit must not be negative.");
        }

        if (BatchQueueTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchQueueTimeout), BatchQueueTimeout, "BatchQueueTimeout must not be negative.");
        }

        if (RateLimitWindow < TimeSpan.FromMilliseconds(600))
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitWindow), RateLimitWindow, "RateLimitWindow must be at least 600 ms.");
        }

        foreach ((string name, TenantLimits tenant) in Tenants)
        {
            ArgumentNullException.ThrowIfNull(tenant, $"Tenants:{name}");
            tenant.Validate(name);
        }

        if (TtftSmoothing is <= 0 or > 1 || double.IsNaN(TtftSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(TtftSmoothing), TtftSmoothing, "TtftSmoothing must be in (0, 1].");
        }
    }
}
