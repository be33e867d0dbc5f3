namespace Inference.Sdk.Knowledge;

/// <summary>The seeds' self-host rule: self-hosting wins when annual API spend exceeds GPU spend plus half an SRE (see <see cref="CostMath.SelfHostVerdict"/>).</summary>
/// <param name="SelfHostWins">Whether self-hosting is cheaper.</param>
/// <param name="AnnualApiSpendUsd">What the API costs per year.</param>
/// <param name="AnnualGpuSpendUsd">What the GPUs cost per year.</param>
/// <param name="AnnualSreCostUsd">The share of an SRE the self-hosted stack consumes per year.</param>
/// <param name="Reason">Why, with the numbers.</param>
public sealed record SelfHostComparison(
    bool SelfHostWins,
    decimal AnnualApiSpendUsd,
    decimal AnnualGpuSpendUsd,
    decimal AnnualSreCostUsd,
    string Reason)
{
    /// <summary>Gets the annual cost of self-hosting: GPU spend + the SRE share.</summary>
    public decimal AnnualSelfHostCostUsd => AnnualGpuSpendUsd + AnnualSreCostUsd;

    /// <summary>Gets what self-hosting saves per year (negative when the API is cheaper).</summary>
    public decimal AnnualSavingsUsd => AnnualApiSpendUsd - AnnualSelfHostCostUsd;
}
