using System.Collections.Generic;

namespace Inference.Sdk.Requests;

/// <summary>An organization's own kind of personal data (a patient id, an employee number), found by a regular expression.</summary>
/// <remarks>Bound from <c>Inference:Router:Pii:CustomPatterns</c>; findings are <see cref="PiiKind.Custom"/>.</remarks>
public sealed class PiiPattern
{
    /// <summary>Gets or sets a name for the pattern, used in error messages (never with the matched value).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the .NET regular expression whose matches are personal data.</summary>
    public string Pattern { get; set; } = string.Empty;

    /// <summary>Gets or sets words of which one must occur within <see cref="KeywordWindow"/> characters of a match (case-insensitive); empty: every match counts.</summary>
    public IList<string> Keywords { get; set; } = [];

    /// <summary>Gets or sets how many characters before or after a match a keyword may be (default 40).</summary>
    public int KeywordWindow { get; set; } = 40;
}
