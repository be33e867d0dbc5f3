namespace Inference.Sdk.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>: the key a finding blames, and a computed fix for the code fixes.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The setting the finding blames, as the start-up validation names it under its section: a target key (<c>GpuCount</c>), <c>Profile</c>, <c>Router:EdgeTokenThreshold</c>.</summary>
    public const string Key = "Key";

    /// <summary>The <c>Quantization</c> member name to switch to (INF1001).</summary>
    public const string Quantization = "Quantization";

    /// <summary>The smallest GPU count that fits (INF1002).</summary>
    public const string GpuCount = "GpuCount";

    /// <summary>The <c>GpuKind</c> member name of the smallest GPU that fits at the current count (INF1002).</summary>
    public const string Gpu = "Gpu";

    /// <summary>The clamped <c>MaxOutputTokens</c> (INF2001, INF2003).</summary>
    public const string MaxOutputTokens = "MaxOutputTokens";
}
