namespace Inference.Sdk.Knowledge;

/// <summary>Whether a serverless endpoint or a pod is cheaper at a utilization (see <see cref="CostMath.ServerlessOrPod(double)"/>).</summary>
/// <param name="Recommendation"><see cref="TargetTier.Serverless"/> or <see cref="TargetTier.CloudPod"/>.</param>
/// <param name="Utilization">The expected utilization, in (0, 1].</param>
/// <param name="Threshold">The utilization at and above which a pod is cheaper.</param>
/// <param name="Reason">Why, with the numbers.</param>
public sealed record ServerlessOrPodVerdict(TargetTier Recommendation, double Utilization, double Threshold, string Reason);
