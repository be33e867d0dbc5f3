namespace Inference.Sdk.Knowledge;

/// <summary>How serious a <see cref="Finding"/> is (the analyzers map it to a diagnostic severity).</summary>
public enum FindingSeverity
{
    /// <summary>Worth knowing; nothing breaks.</summary>
    Info,

    /// <summary>It runs, but costs money, quality or reliability.</summary>
    Warning,

    /// <summary>It will not run as described.</summary>
    Error,
}
