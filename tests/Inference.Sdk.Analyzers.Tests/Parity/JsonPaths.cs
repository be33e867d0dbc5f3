using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// Where each key and value of an appsettings snippet starts, as a configuration path ("Inference:Targets:t:Gpu"), read with
/// System.Text.Json (not the analyzer's own reader), so a diagnostic's location can be named the way the start-up validation names it.
/// </summary>
internal sealed class JsonPaths
{
    private readonly Dictionary<int, string> _names = new();
    private readonly Dictionary<int, string> _values = new();

    public JsonPaths(string json)
    {
        Assert.True(json.All(c => c < 128), "the corpus is ASCII, so byte offsets are character offsets");
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new List<string>();
        string? pending = null;
        var unnamed = new Stack<int>();
        while (reader.Read())
        {
            int start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pending = reader.GetString()!;
                    _names[start] = Join(path, pending);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (pending is not null)
                    {
                        _values[start] = Join(path, pending);
                    }

                    path.Add(pending ?? "[item]");
                    pending = null;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    path.RemoveAt(path.Count - 1);
                    break;
                default:
                    if (pending is not null)
                    {
                        _values[start] = Join(path, pending);
                    }

                    pending = null;
                    break;
            }
        }

        Written = _values.Values.Concat(_names.Values).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets every path written in the snippet.</summary>
    public ISet<string> Written { get; }

    /// <summary>The path of the key or value that starts at <paramref name="offset"/>.</summary>
    public string At(int offset)
        => _values.TryGetValue(offset, out string? value) ? value
            : _names.TryGetValue(offset, out string? name) ? name
            : throw new InvalidOperationException($"No key or value starts at offset {offset}.");

    private static string Join(List<string> path, string name) => string.Join(":", path.Skip(1).Append(name)); // without the document's root object
}
