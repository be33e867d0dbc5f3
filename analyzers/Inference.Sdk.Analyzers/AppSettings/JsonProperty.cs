using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>One <c>"name": value</c> pair of a JSON object, with the span of its name.</summary>
internal sealed class JsonProperty
{
    public JsonProperty(string name, TextSpan nameSpan, JsonNode value)
    {
        Name = name;
        NameSpan = nameSpan;
        Value = value;
    }

    /// <summary>Gets the unescaped name.</summary>
    public string Name { get; }

    /// <summary>Gets the span of the name, quotes included.</summary>
    public TextSpan NameSpan { get; }

    /// <summary>Gets the value.</summary>
    public JsonNode Value { get; }
}
