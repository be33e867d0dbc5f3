using System.Collections.Generic;

namespace Inference.Sdk.Requests;

/// <summary>Settings of the built-in <see cref="PiiDetector"/>, bound from <c>Inference:Router:Pii</c>.</summary>
public sealed class PiiDetectorOptions
{
    /// <summary>The regions whose national phone formats are tried when a number has no international prefix.</summary>
    public static readonly IReadOnlyList<string> StandardRegions = ["US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "BR", "JP", "CN", "TR", "IL", "AU"];

    /// <summary>
    /// Gets or sets the ISO 3166 region codes whose national phone formats are tried (libphonenumber default regions); numbers
    /// written with <c>+</c> or an international prefix are found whatever the list. Default: <see cref="StandardRegions"/>.
    /// </summary>
    public IList<string> DefaultRegions { get; set; } = [.. StandardRegions];

    /// <summary>Gets or sets the organization's own patterns (<c>Inference:Router:Pii:CustomPatterns</c>).</summary>
    public IList<PiiPattern> CustomPatterns { get; set; } = [];
}
