using System.Collections.Generic;

namespace Inference.Sdk.Knowledge;

/// <summary>One thing <see cref="DeploymentRules"/> found wrong with a deployment.</summary>
/// <param name="RuleId">The rule's stable id (see <see cref="RuleIds"/>); also the analyzer diagnostic id.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong, with the numbers.</param>
/// <param name="Facts">The facts behind the finding, as ordered name/value pairs.</param>
public sealed record Finding(
    string RuleId,
    FindingSeverity Severity,
    string Message,
    IReadOnlyList<KeyValuePair<string, string>> Facts)
{
    /// <summary>Returns "RuleId Severity: Message".</summary>
    /// <returns>A human description.</returns>
    public override string ToString() => RuleId + " " + Severity + ": " + Message;
}
