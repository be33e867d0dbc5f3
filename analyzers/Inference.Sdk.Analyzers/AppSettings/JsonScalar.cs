using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>A string, number, boolean or null, kept as the string the configuration binder would see.</summary>
internal sealed class JsonScalar : JsonNode
{
    public JsonScalar(string? value, TextSpan span)
        : base(span)
    {
        Value = value;
    }

    /// <summary>Gets the value as configuration sees it (strings unescaped, numbers as written, <see langword="null"/> for null).</summary>
    public string? Value { get; }
}
