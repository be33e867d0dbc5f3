using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>What a team needs served: the planner's input.</summary>
public sealed record Workload
{
    /// <summary>Gets the model (a <see cref="ModelIds"/> id).</summary>
    public required string ModelId { get; init; }

    /// <summary>Gets the input tokens a day.</summary>
    public required long InputTokensPerDay { get; init; }

    /// <summary>Gets the output tokens a day.</summary>
    public required long OutputTokensPerDay { get; init; }

    /// <summary>Gets the context length the engine must hold per sequence (memory fit). Default 8,192.</summary>
    public int ContextTokens { get; init; } = 8_192;

    /// <summary>Gets the number of sequences served at once (memory fit). Default 8.</summary>
    public int ConcurrentSequences { get; init; } = 8;

    /// <summary>Gets how the traffic arrives. Default <see cref="TrafficPattern.Steady"/>.</summary>
    public TrafficPattern Pattern { get; init; } = TrafficPattern.Steady;

    /// <summary>Gets the ratio of peak to average throughput the placement must absorb; 1.2 for steady and 3 for bursty when <see langword="null"/>.</summary>
    public double? PeakToAverage { get; init; }

    /// <summary>Gets a value indicating whether data must stay on hardware the team owns (only owned placements are offered).</summary>
    public bool RequiresPrivacy { get; init; }

    /// <summary>Gets the latency goal for the first token, when there is one (reported, not yet used to filter: the tables hold no TTFT figures).</summary>
    public TimeSpan? TimeToFirstTokenGoal { get; init; }

    /// <summary>Gets what the workload costs a month on a hosted API today, when known (break-even and the self-host verdict use it).</summary>
    public decimal? CurrentApiMonthlyUsd { get; init; }

    /// <summary>Gets the total tokens a day.</summary>
    public long TokensPerDay => InputTokensPerDay + OutputTokensPerDay;

    internal double PeakFactor => PeakToAverage ?? (Pattern == TrafficPattern.Bursty ? 3.0 : 1.2);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ModelId, nameof(ModelId));
        ArgumentOutOfRangeException.ThrowIfNegative(InputTokensPerDay, nameof(InputTokensPerDay));
        ArgumentOutOfRangeException.ThrowIfNegative(OutputTokensPerDay, nameof(OutputTokensPerDay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TokensPerDay, nameof(TokensPerDay));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ContextTokens, nameof(ContextTokens));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ConcurrentSequences, nameof(ConcurrentSequences));
        if (PeakToAverage is { } peak && !(peak >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PeakToAverage), peak, "The peak is at least the average (1).");
        }

        if (CurrentApiMonthlyUsd is { } api)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(api, nameof(CurrentApiMonthlyUsd));
        }
    }
}
