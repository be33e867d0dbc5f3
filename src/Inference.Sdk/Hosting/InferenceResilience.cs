using System;
using System.Net.Http;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Inference.Sdk.Hosting;

/// <summary>The HTTP resilience of a target: Polly retries of transient failures before any output, and a circuit breaker, sized by the target's options.</summary>
internal static class InferenceResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, InferenceTargetOptions target)
    {
        if (target.MaxRetries > 0)
        {
            _ = pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = target.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
            });
        }

        _ = pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = 0.5,
            MinimumThroughput = 10,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        });
    }
}
