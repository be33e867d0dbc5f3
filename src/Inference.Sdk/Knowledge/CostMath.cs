using System;
using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>The seeds' cost formulas as pure functions. Money is decimal USD; rates are per hour; utilization is in (0, 1].</summary>
public static class CostMath
{
    /// <summary>Hours in a (non-leap) year: 365 × 24.</summary>
    public const double HoursPerYear = 8_760;

    /// <summary>Below this utilization renting wins (the utilization rule: under 70% → cloud).</summary>
    public const double RentBelowUtilization = 0.70;

    /// <summary>At and above this sustained utilization owning wins (the utilization rule: 80%+ → on-premises).</summary>
    public const double OwnAtOrAboveUtilization = 0.80;

    /// <summary>
    /// At and above this utilization a pod is cheaper than serverless. The seed says "above ~30-40%"; 0.35 is the
    /// midpoint, and it is the break-even of a serverless per-second price about 2.9× the pod's hourly rate
    /// (serverless costs markup × utilization × pod rate per useful hour, a pod costs the pod rate: equal at 1 / markup).
    /// </summary>
    public const double PodAtOrAboveUtilization = 0.35;

    /// <summary>The fully loaded annual cost of one SRE the seed uses (half an SRE ≈ $100k a year).</summary>
    public const decimal DefaultSreFteAnnualUsd = 200_000m;

    /// <summary>The share of an SRE a self-hosted vLLM cluster consumes, per the seed.</summary>
    public const double DefaultSreFraction = 0.5;

    /// <summary>
    /// Effective cost per million tokens of capacity billed by the hour:
    /// $/hour ÷ (tokens/s × utilization × 3600 / 1e6).
    /// </summary>
    /// <param name="usdPerHour">What the capacity costs per hour (all GPUs of the target).</param>
    /// <param name="tokensPerSecond">Sustained throughput at full load, tokens per second (greater than 0).</param>
    /// <param name="utilization">The share of the hours doing useful work, in (0, 1]; 0.1 costs 10× per token what 1.0 costs.</param>
    /// <returns>USD per million tokens.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range; the exception names it.</exception>
    public static decimal EffectiveUsdPerMillionTokens(decimal usdPerHour, double tokensPerSecond, double utilization = 1.0)
    {
        _ = Guard.NotNegative(usdPerHour, nameof(usdPerHour));
        _ = Guard.Positive(tokensPerSecond, nameof(tokensPerSecond));
        _ = Guard.Fraction(utilization, nameof(utilization));
        double millionTokensPerHour = tokensPerSecond * utilization * 3600 / 1e6;
        if (millionTokensPerHour < 1e-12 || millionTokensPerHour > 1e15)
        {
            throw new ArgumentOutOfRangeException(nameof(tokensPerSecond), tokensPerSecond, "Throughput × utilization is outside the range a price per million tokens can be computed for.");
        }

        return usdPerHour / (decimal)millionTokensPerHour;
    }

    /// <summary>
    /// The decode rate memory bandwidth allows one stream: every generated token reads each active weight once, so
    /// tokens/s ≤ bandwidth × GPUs ÷ (active parameters × bytes per weight). The seeds' own figures sit below it
    /// (RTX 4090, 13B: 80-150 tok/s against a bound of ~155 at 4 bits), and batching serves several streams per read, so as
    /// the throughput of a replica it errs toward a higher cost per token, never toward a free one.
    /// </summary>
    /// <param name="memoryBandwidthTBps">Memory bandwidth of one GPU, TB/s.</param>
    /// <param name="gpuCount">GPUs the model is split across (tensor parallel: their bandwidths add up).</param>
    /// <param name="activeParametersBillions">Parameters used per token, in billions.</param>
    /// <param name="bytesPerWeight">Average stored bytes per weight of the format.</param>
    /// <returns>Tokens per second.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive; the exception names it.</exception>
    public static double MemoryBoundTokensPerSecond(double memoryBandwidthTBps, int gpuCount, double activeParametersBillions, double bytesPerWeight)
    {
        _ = Guard.Positive(memoryBandwidthTBps, nameof(memoryBandwidthTBps));
        _ = Guard.Positive(gpuCount, nameof(gpuCount));
        _ = Guard.Positive(activeParametersBillions, nameof(activeParametersBillions));
        _ = Guard.Positive(bytesPerWeight, nameof(bytesPerWeight));
        return memoryBandwidthTBps * 1e12 * gpuCount / (activeParametersBillions * 1e9 * bytesPerWeight);
    }

    /// <summary>
    /// Hourly cost of owned hardware: purchase price ÷ lifetime hours + power per hour + operations per hour.
    /// </summary>
    /// <param name="purchasePriceUsd">What the hardware cost.</param>
    /// <param name="lifetimeHours">Hours it is amortized over (3 years = 3 × <see cref="HoursPerYear"/> = 26,280).</param>
    /// <param name="powerUsdPerHour">Electricity (and cooling) per hour.</param>
    /// <param name="operationsUsdPerHour">Operations (people, space, network) per hour.</param>
    /// <returns>USD per hour.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range; the exception names it.</exception>
    public static decimal AmortizedUsdPerHour(decimal purchasePriceUsd, double lifetimeHours, decimal powerUsdPerHour, decimal operationsUsdPerHour)
    {
        _ = Guard.NotNegative(purchasePriceUsd, nameof(purchasePriceUsd));
        _ = Guard.Positive(lifetimeHours, nameof(lifetimeHours));
        _ = Guard.NotNegative(powerUsdPerHour, nameof(powerUsdPerHour));
        _ = Guard.NotNegative(operationsUsdPerHour, nameof(operationsUsdPerHour));
        return (purchasePriceUsd / (decimal)lifetimeHours) + powerUsdPerHour + operationsUsdPerHour;
    }

    /// <summary>Hours of renting that cost as much as buying: purchase price ÷ rent per hour (power and facilities not counted).</summary>
    /// <param name="purchasePriceUsd">What buying costs.</param>
    /// <param name="rentUsdPerHour">What renting costs per hour (greater than 0).</param>
    /// <returns>The break-even in hours ($30,000 vs $5/h → 6,000 hours).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range; the exception names it.</exception>
    public static double BreakEvenHours(decimal purchasePriceUsd, decimal rentUsdPerHour)
    {
        _ = Guard.NotNegative(purchasePriceUsd, nameof(purchasePriceUsd));
        _ = Guard.Positive(rentUsdPerHour, nameof(rentUsdPerHour));
        return (double)(purchasePriceUsd / rentUsdPerHour);
    }

    /// <summary>
    /// The utilization rule: under 70% rent (cloud), 70% up to 80% either (horizon, compliance, expertise decide),
    /// 80% and more own (on-premises).
    /// </summary>
    /// <param name="utilization">Sustained GPU utilization, in (0, 1].</param>
    /// <returns>The verdict with its reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="utilization"/> is outside (0, 1].</exception>
    public static UtilizationVerdict Classify(double utilization)
    {
        _ = Guard.Fraction(utilization, nameof(utilization));
        if (utilization < RentBelowUtilization)
        {
            return new(OwnershipRecommendation.Rent, utilization,
                Invariant($"Utilization {utilization:P0} is under {RentBelowUtilization:P0}: rent; idle owned hardware is wasted money."));
        }

        if (utilization < OwnAtOrAboveUtilization)
        {
            return new(OwnershipRecommendation.Either, utilization,
                Invariant($"Utilization {utilization:P0} is between {RentBelowUtilization:P0} and {OwnAtOrAboveUtilization:P0}: a toss-up decided by time horizon, compliance and team expertise."));
        }

        return new(OwnershipRecommendation.Own, utilization,
            Invariant($"Sustained utilization {utilization:P0} is at least {OwnAtOrAboveUtilization:P0}: owned hardware pays for itself."));
    }

    /// <summary>
    /// Serverless or pod at an expected utilization: below <see cref="PodAtOrAboveUtilization"/> (35%) serverless wins
    /// despite its per-second markup; at and above it a pod is cheaper.
    /// </summary>
    /// <param name="utilization">Expected utilization of a pod, in (0, 1].</param>
    /// <returns>The verdict with its reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="utilization"/> is outside (0, 1].</exception>
    public static ServerlessOrPodVerdict ServerlessOrPod(double utilization)
    {
        _ = Guard.Fraction(utilization, nameof(utilization));
        return utilization < PodAtOrAboveUtilization
            ? new(TargetTier.Serverless, utilization, PodAtOrAboveUtilization,
                Invariant($"Utilization {utilization:P0} is under {PodAtOrAboveUtilization:P0}: serverless scales to zero and wins despite its per-second markup."))
            : new(TargetTier.CloudPod, utilization, PodAtOrAboveUtilization,
                Invariant($"Utilization {utilization:P0} is at least {PodAtOrAboveUtilization:P0}: a pod billed by the hour is cheaper than serverless per-second pricing."));
    }

    /// <summary>
    /// The seeds' self-host rule: self-hosting wins when annual API spend exceeds annual GPU spend plus
    /// <paramref name="sreFraction"/> of an SRE (0.5 × $200,000 ≈ $100k a year by default).
    /// </summary>
    /// <param name="annualApiSpendUsd">What the hosted API costs per year.</param>
    /// <param name="annualGpuSpendUsd">What the GPUs would cost per year.</param>
    /// <param name="sreFteAnnualUsd">The fully loaded annual cost of one SRE.</param>
    /// <param name="sreFraction">The share of an SRE the stack consumes, in (0, 1].</param>
    /// <returns>The comparison with its reason.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range; the exception names it.</exception>
    public static SelfHostComparison SelfHostVerdict(
        decimal annualApiSpendUsd,
        decimal annualGpuSpendUsd,
        decimal sreFteAnnualUsd = DefaultSreFteAnnualUsd,
        double sreFraction = DefaultSreFraction)
    {
        _ = Guard.NotNegative(annualApiSpendUsd, nameof(annualApiSpendUsd));
        _ = Guard.NotNegative(annualGpuSpendUsd, nameof(annualGpuSpendUsd));
        _ = Guard.NotNegative(sreFteAnnualUsd, nameof(sreFteAnnualUsd));
        _ = Guard.Fraction(sreFraction, nameof(sreFraction));
        decimal sre = sreFteAnnualUsd * (decimal)sreFraction;
        decimal selfHost = annualGpuSpendUsd + sre;
        bool wins = annualApiSpendUsd > selfHost;
        string reason = Invariant($"API ${annualApiSpendUsd:N0}/yr {(wins ? ">" : "<=")} GPUs ${annualGpuSpendUsd:N0}/yr + {sreFraction:0.##} SRE ${sre:N0}/yr = ${selfHost:N0}/yr: ")
            + (wins ? "self-hosting wins." : "stay on the API.");
        return new(wins, annualApiSpendUsd, annualGpuSpendUsd, sre, reason);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
