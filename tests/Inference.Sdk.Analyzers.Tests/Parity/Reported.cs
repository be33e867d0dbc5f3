namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>One diagnostic or start-up problem, as both sides can be compared: id, severity, configuration path, message.</summary>
internal sealed record Reported(string Id, string Severity, string Path, string Message)
{
    /// <summary>Returns "id severity path": what the parity test compares first.</summary>
    public override string ToString() => $"{Id} {Severity} {Path}";
}
