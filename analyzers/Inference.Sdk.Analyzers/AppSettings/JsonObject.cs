using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace Inference.Sdk.Analyzers.AppSettings;

/// <summary>A JSON object whose keys match case-insensitively, as in <c>Microsoft.Extensions.Configuration</c>.</summary>
internal sealed class JsonObject : JsonNode
{
    public JsonObject(IReadOnlyList<JsonProperty> properties, TextSpan span)
        : base(span)
    {
        Properties = properties;
    }

    /// <summary>Gets the properties in the order they were written.</summary>
    public IReadOnlyList<JsonProperty> Properties { get; }

    /// <summary>Finds a property by name, ignoring case; the last one written wins, as in configuration.</summary>
    public JsonProperty? Find(string name)
    {
        for (var i = Properties.Count - 1; i >= 0; i--)
        {
            if (string.Equals(Properties[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return Properties[i];
            }
        }

        return null;
    }
}
