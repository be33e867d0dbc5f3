using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Hosting;

/// <summary>One thing wrong with the <c>Inference</c> configuration: the key it is at, how serious, and what to do.</summary>
/// <param name="Path">The configuration path of the key, e.g. <c>Inference:Targets:gpu-pod:Quantization</c>.</param>
/// <param name="Severity">Errors stop the host at start; warnings are logged once.</param>
/// <param name="Message">What is wrong and the fix.</param>
/// <param name="RuleId">The deployment rule id (<see cref="RuleIds"/>) when a Knowledge rule found it; otherwise <see langword="null"/>.</param>
internal sealed record ConfigurationProblem(string Path, FindingSeverity Severity, string Message, string? RuleId = null)
{
    /// <summary>Returns "Path: [RuleId] Message", or "Path message" when the message continues the sentence ("... is missing").</summary>
    public override string ToString() => RuleId is not null ? $"{Path}: {RuleId} {Message}"
        : Message is [char first, ..] && char.IsLower(first) ? $"{Path} {Message}"
        : $"{Path}: {Message}";
}
