namespace Inference.Sdk.Knowledge;

/// <summary>The utilization rule applied to one utilization (see <see cref="CostMath.Classify(double)"/>).</summary>
/// <param name="Recommendation">Rent, own, or either.</param>
/// <param name="Utilization">The sustained GPU utilization classified, in (0, 1].</param>
/// <param name="Reason">Why, with the numbers.</param>
public sealed record UtilizationVerdict(OwnershipRecommendation Recommendation, double Utilization, string Reason);
