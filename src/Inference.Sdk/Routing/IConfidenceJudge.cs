using Microsoft.Extensions.AI;

namespace Inference.Sdk.Routing;

/// <summary>Scores how confident an edge model's answer is; below <see cref="HybridRouterOptions.ConfidenceThreshold"/> the router escalates to the cloud.</summary>
public interface IConfidenceJudge
{
    /// <summary>Scores an answer.</summary>
    /// <param name="response">The edge target's answer.</param>
    /// <returns>A confidence in [0, 1], or <see langword="null"/> when the judge cannot tell (then the answer is kept).</returns>
    double? Score(ChatResponse response);
}
