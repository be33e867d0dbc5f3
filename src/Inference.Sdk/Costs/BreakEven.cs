using System;
using System.Collections.Generic;
using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>
/// Cost at volume and break-even volumes for the <see cref="DeploymentPlanner"/>'s placements: what a hosted API and a placement
/// cost a month as the tokens a day grow, and where their curves cross. Pure: no I/O.
/// </summary>
/// <remarks>
/// A hosted API costs in proportion to the tokens. A placement costs a step function: each unit (a rented bundle or an owned machine)
/// costs its monthly price and adds its throughput; the planner buys as many units as the peak needs (peak = average × the workload's
/// peak-to-average ratio), exactly as <see cref="DeploymentPlanner.Plan"/> sizes it.
/// </remarks>
public static class BreakEven
{
    /// <summary>Days in a month (<see cref="DeploymentPlanner.HoursPerMonth"/> ÷ 24 ≈ 30.42).</summary>
    public const double DaysPerMonth = DeploymentPlanner.HoursPerMonth / 24;

    private const int MaxSteps = 1_000_000;

    /// <summary>What a workload's current API bill costs per million tokens: <see cref="Workload.CurrentApiMonthlyUsd"/> ÷ the tokens of a month.</summary>
    /// <param name="workload">The workload; its <see cref="Workload.CurrentApiMonthlyUsd"/> must be set.</param>
    /// <returns>USD per million tokens ($8,000 a month for 20 M tokens a day ≈ $13.15).</returns>
    /// <exception cref="ArgumentException">The workload has no API bill.</exception>
    public static decimal ApiUsdPerMillionTokens(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        workload.Validate();
        decimal bill = workload.CurrentApiMonthlyUsd ?? throw new ArgumentException("The workload has no CurrentApiMonthlyUsd to derive an API price from.", nameof(workload));
        return bill / (decimal)(workload.TokensPerDay * DaysPerMonth / 1e6);
    }

    /// <summary>What a hosted API charging <paramref name="usdPerMillionTokens"/> costs a month at <paramref name="tokensPerDay"/>.</summary>
    /// <param name="usdPerMillionTokens">The API's blended price per million tokens.</param>
    /// <param name="tokensPerDay">The volume, tokens a day.</param>
    /// <returns>USD a month, rounded to cents.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is negative; the exception names it.</exception>
    public static decimal ApiMonthlyUsd(decimal usdPerMillionTokens, double tokensPerDay)
    {
        _ = Guard.NotNegative(usdPerMillionTokens, nameof(usdPerMillionTokens));
        _ = Guard.NotNegative(tokensPerDay, nameof(tokensPerDay));
        return decimal.Round(usdPerMillionTokens * (decimal)(tokensPerDay * DaysPerMonth / 1e6), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>What <paramref name="placement"/> costs a month when the workload's volume is <paramref name="tokensPerDay"/>: units for the peak × a unit's monthly cost.</summary>
    /// <param name="placement">A placement from <see cref="DeploymentPlanner.Plan"/>.</param>
    /// <param name="workload">The workload it was planned for (its peak-to-average ratio sizes the units).</param>
    /// <param name="tokensPerDay">The volume, tokens a day.</param>
    /// <returns>USD a month (for spot, with the low share of on-demand fallback, like <see cref="Placement.MonthlyUsd"/>), rounded to cents.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokensPerDay"/> is negative.</exception>
    public static decimal PlacementMonthlyUsd(Placement placement, Workload workload, double tokensPerDay)
    {
        (decimal unitMonthly, double unitTokensPerDay) = Unit(placement, workload);
        _ = Guard.NotNegative(tokensPerDay, nameof(tokensPerDay));
        return decimal.Round(unitMonthly * Units(tokensPerDay, unitTokensPerDay), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The volume from which <paramref name="placement"/> costs no more than a hosted API at <paramref name="apiUsdPerMillionTokens"/>
    /// at every higher volume. With r = a unit's monthly cost ÷ what the API charges for the tokens a full unit serves, a placement whose
    /// r is at most ½ (the usual case) wins from the first crossing, a unit's monthly cost ÷ the API's cost of a token a day for a month;
    /// with r above ½ it loses again just after each new unit for a while, and wins for good from the crossing inside unit N − 1,
    /// where N = ⌈1 ÷ (1 − r)⌉ is the first unit count that is cheaper over its whole step.
    /// </summary>
    /// <param name="placement">A placement from <see cref="DeploymentPlanner.Plan"/>.</param>
    /// <param name="workload">The workload it was planned for.</param>
    /// <param name="apiUsdPerMillionTokens">The API's blended price per million tokens (greater than 0).</param>
    /// <returns>Tokens a day; <see langword="null"/> when a fully used unit costs at least what the API charges (r ≥ 1: the placement never wins for good).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="apiUsdPerMillionTokens"/> is not positive.</exception>
    public static double? ApiBreakEvenTokensPerDay(Placement placement, Workload workload, decimal apiUsdPerMillionTokens)
    {
        (decimal unitMonthly, double unitTokensPerDay) = Unit(placement, workload);
        _ = Guard.Positive(apiUsdPerMillionTokens, nameof(apiUsdPerMillionTokens));
        double firstCrossing = (double)unitMonthly / ((double)apiUsdPerMillionTokens * DaysPerMonth / 1e6);
        double ratio = firstCrossing / unitTokensPerDay; // r
        if (!(ratio < 1))
        {
            return null;
        }

        double cheaperWholeStep = Math.Ceiling(1 / (1 - ratio)); // N
        return (cheaperWholeStep - 1) * firstCrossing;
    }

    /// <summary>
    /// The volume from which <paramref name="challenger"/> costs no more a month than <paramref name="incumbent"/> (e.g. owned hardware
    /// against a rented pod) at every volume up to <paramref name="maxTokensPerDay"/>; both curves are step functions, so the answer is 0 or a step.
    /// </summary>
    /// <param name="incumbent">The placement cheaper at low volume.</param>
    /// <param name="challenger">The placement that may win at higher volume.</param>
    /// <param name="workload">The workload both were planned for.</param>
    /// <param name="maxTokensPerDay">The largest volume to look at.</param>
    /// <returns>Tokens a day; <see langword="null"/> when the challenger still costs more just below <paramref name="maxTokensPerDay"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokensPerDay"/> is negative or spans more than a million steps.</exception>
    public static double? CrossoverTokensPerDay(Placement incumbent, Placement challenger, Workload workload, double maxTokensPerDay)
    {
        (decimal incumbentMonthly, double incumbentStep) = Unit(incumbent, workload);
        (decimal challengerMonthly, double challengerStep) = Unit(challenger, workload);
        _ = Guard.NotNegative(maxTokensPerDay, nameof(maxTokensPerDay));
        if (maxTokensPerDay / Math.Min(incumbentStep, challengerStep) > MaxSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTokensPerDay), maxTokensPerDay, "The range spans more than a million capacity steps; look at a smaller range.");
        }

        // Both costs are constant on the intervals between consecutive step boundaries: compare each interval once and
        // answer the start of the interval after the last one where the challenger costs more.
        double[] starts = [.. Boundaries(incumbentStep, maxTokensPerDay).Concat(Boundaries(challengerStep, maxTokensPerDay)).Distinct().Order()];
        double? from = 0;
        for (int i = 0; i < starts.Length; i++)
        {
            double inside = starts[i] == 0 ? 0 : Math.BitIncrement(starts[i]); // just past the boundary: inside the interval
            if (challengerMonthly * Units(inside, challengerStep) > incumbentMonthly * Units(inside, incumbentStep))
            {
                from = i + 1 < starts.Length ? starts[i + 1] : null;
            }
        }

        return from;
    }

    private static IEnumerable<double> Boundaries(double step, double max)
    {
        yield return 0;
        for (int k = 1; k * step < max; k++)
        {
            yield return k * step;
        }
    }

    private static (decimal UnitMonthlyUsd, double UnitTokensPerDay) Unit(Placement placement, Workload workload)
    {
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(workload);
        workload.Validate();
        if (placement.Replicas < 1 || !(placement.TokensPerSecond > 0))
        {
            throw new ArgumentException("The placement has no replicas or no throughput; use one from DeploymentPlanner.Plan.", nameof(placement));
        }

        // What one unit serves a day at the average, when the peak (average × ratio) fills it.
        double unitTokensPerDay = placement.TokensPerSecond / placement.Replicas * 86_400 / workload.PeakFactor;
        return (placement.MonthlyUsd / placement.Replicas, unitTokensPerDay);
    }

    private static int Units(double tokensPerDay, double unitTokensPerDay) => Math.Max(1, (int)Math.Ceiling(tokensPerDay / unitTokensPerDay));
}
