using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>A JSON value with the span of text it was read from.</summary>
internal abstract class JsonNode
{
    protected JsonNode(TextSpan span)
    {
        Span = span;
    }

    /// <summary>Gets the span of the value in the file, quotes included for strings.</summary>
    public TextSpan Span { get; }
}
