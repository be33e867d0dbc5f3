using System;

namespace Inference.Sdk.Costs;

/// <summary>
/// Per-worker-second pricing of serverless endpoints (RunPod serverless). A request is billed the execution time the provider reports
/// for its job (<see cref="ExecutionMillisecondsKey"/>), plus its delay (<see cref="DelayMillisecondsKey"/>) when
/// <see cref="BillsDelay"/> is set (a cold start runs on a billed worker; queue time does not). Without a reported execution time the
/// request's wall-clock time is billed and the cost is flagged as estimated.
/// </summary>
public sealed class ServerlessSecondPricing : PricingModel
{
    /// <summary>The <c>ChatResponse.AdditionalProperties</c> key of the job's execution time in milliseconds, set by the RunPod provider.</summary>
    public const string ExecutionMillisecondsKey = "runpod.execution_ms";

    /// <summary>The <c>ChatResponse.AdditionalProperties</c> key of the job's queue and cold-start delay in milliseconds, set by the RunPod provider.</summary>
    public const string DelayMillisecondsKey = "runpod.delay_ms";

    /// <summary>Initializes a new instance of the <see cref="ServerlessSecondPricing"/> class.</summary>
    /// <param name="usdPerSecond">USD per worker-second.</param>
    /// <param name="source">Where the price came from.</param>
    /// <param name="asOf">When the price was read or published.</param>
    /// <param name="billsDelay">Whether the reported delay is billed too.</param>
    public ServerlessSecondPricing(decimal usdPerSecond, string source, DateOnly asOf, bool billsDelay = false)
        : base(source, asOf)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usdPerSecond);
        UsdPerSecond = usdPerSecond;
        BillsDelay = billsDelay;
    }

    /// <inheritdoc/>
    public override PricingKind Kind => PricingKind.ServerlessSecond;

    /// <summary>Gets the USD per worker-second.</summary>
    public decimal UsdPerSecond { get; }

    /// <summary>Gets a value indicating whether the job's delay is billed as well as its execution time.</summary>
    public bool BillsDelay { get; }

    /// <inheritdoc/>
    private protected override decimal ComputeUnroundedUsd(in MeteredUsage usage)
    {
        TimeSpan billed = usage.ServerlessExecution ?? usage.Elapsed;
        if (BillsDelay && usage.ServerlessDelay is { } delay)
        {
            billed += delay;
        }

        return Seconds(billed) * UsdPerSecond;
    }
}
