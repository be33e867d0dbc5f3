using System;

namespace Inference.Sdk.Costs;

/// <summary>What one request used: the inputs of a <see cref="PricingModel"/>.</summary>
/// <param name="InputTokens">Input (prompt) tokens, including <paramref name="CachedInputTokens"/>.</param>
/// <param name="OutputTokens">Output (completion) tokens, including <paramref name="ReasoningTokens"/>.</param>
/// <param name="CachedInputTokens">Input tokens served from the provider's prompt cache.</param>
/// <param name="ReasoningTokens">Output tokens spent on reasoning.</param>
/// <param name="Elapsed">Wall-clock time the request held the target.</param>
/// <param name="ConcurrentRequests">Requests in flight on the target when this one started, itself included (at least 1).</param>
/// <param name="ServerlessExecution">Execution time the serverless provider reported for the job, when it did.</param>
/// <param name="ServerlessDelay">Queue and cold-start delay the serverless provider reported for the job, when it did.</param>
public readonly record struct MeteredUsage(
    long InputTokens,
    long OutputTokens,
    long CachedInputTokens = 0,
    long ReasoningTokens = 0,
    TimeSpan Elapsed = default,
    int ConcurrentRequests = 1,
    TimeSpan? ServerlessExecution = null,
    TimeSpan? ServerlessDelay = null);
