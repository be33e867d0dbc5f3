using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Inference.Sdk.Testing;

/// <summary>
/// Payloads copied from the upstream projects into <c>tests/Fixtures/&lt;service&gt;/</c>, each with a sidecar
/// <c>&lt;file&gt;.source.json</c> naming where it came from (repository, commit and path, or page and date).
/// Loopback servers answer with these instead of JSON written by hand.
/// </summary>
public static class Fixtures
{
    /// <summary>Gets the folder the fixtures are copied to next to the test assembly.</summary>
    public static string Root { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Gets the full path of a fixture, e.g. <c>tgi/metrics.prom</c>.</summary>
    public static string Path(string name)
    {
        string path = System.IO.Path.Combine(Root, name.Replace('/', System.IO.Path.DirectorySeparatorChar));
        return File.Exists(path) ? path : throw new FileNotFoundException($"No fixture '{name}' under {Root}.", path);
    }

    /// <summary>Reads a fixture as text, exactly as stored.</summary>
    public static string Text(string name) => File.ReadAllText(Path(name), Encoding.UTF8);

    /// <summary>Reads a fixture's non-empty lines.</summary>
    public static IReadOnlyList<string> Lines(string name) =>
        File.ReadAllLines(Path(name), Encoding.UTF8).Where(l => l.Length > 0).ToArray();

    /// <summary>Parses a JSON fixture.</summary>
    public static JsonElement Json(string name)
    {
        using var document = JsonDocument.Parse(Text(name));
        return document.RootElement.Clone();
    }

    /// <summary>An answer with the fixture's bytes as body.</summary>
    public static IResult Answer(string name, int status = 200, string contentType = "application/json") =>
        Results.Text(Text(name), contentType, Encoding.UTF8, status);

    /// <summary>A JSON array fixture of stream chunks framed as SSE events, ending with <c>data: [DONE]</c>.</summary>
    public static string SseFromJsonArray(string name)
    {
        var builder = new StringBuilder();
        foreach (JsonElement chunk in Json(name).EnumerateArray())
        {
            builder.Append("data: ").Append(chunk.GetRawText().ReplaceLineEndings(string.Empty)).Append("\n\n");
        }

        return builder.Append("data: [DONE]\n\n").ToString();
    }
}
