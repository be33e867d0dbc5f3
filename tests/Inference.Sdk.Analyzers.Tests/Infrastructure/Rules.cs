using System.Linq;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Analyzers.Tests.Infrastructure;

/// <summary>The message the Knowledge layer gives for a rule on a description: what the diagnostic must carry.</summary>
internal static class Rules
{
    public static string Message(string ruleId, DeploymentDescription description)
        => DeploymentRules.Evaluate(description).Single(f => f.RuleId == ruleId).Message;
}
