using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>The message the Knowledge layer gives for a rule on a description: what the diagnostic must carry.</summary>
internal static class Rules
{
    public static string Message(string ruleId, DeploymentDescription description)
        => DeploymentRules.Evaluate(description).Single(f => f.RuleId == ruleId).Message;

    /// <summary>The output-budget message (INF1004, INF2001, INF2003) for a model and the context the engine serves.</summary>
    public static string OutputBudget(int maxOutput, string modelId, int? contextLength = null)
        => DeploymentRules.OutputBudget(maxOutput, contextLength, expectedPrompt: null, Models.Get(modelId))!.Message;

    /// <summary>The INF2002 message for an edge target.</summary>
    public static string EdgeThreshold(int threshold, string target, string modelId, int context)
        => DeploymentRules.EdgeThreshold(threshold, target, Models.Get(modelId), context)!.Message;
}
