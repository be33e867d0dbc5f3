using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonNode
{
    public JsonArray(IReadOnlyList<JsonNode> items, TextSpan span)
        : base(span)
    {
        Items = items;
    }

    /// <summary>Gets the items in order.</summary>
    public IReadOnlyList<JsonNode> Items { get; }
}
