using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Inference.Sdk.Testing;

namespace Inference.Sdk.Tests.Infrastructure;

/// <summary>Every payload under tests/Fixtures names where it came from, and every sidecar has its payload.</summary>
public partial class FixtureSourceTests
{
    private static readonly string[] Kinds = ["verbatim", "excerpt", "built-from-source", "built-from-spec"];

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Fixtures.Root, "*", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".source.json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Fixtures.Root, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Each_fixture_has_a_sidecar_naming_its_source(string fixture)
    {
        string sidecar = Fixtures.Path(fixture) + ".source.json";
        Assert.True(File.Exists(sidecar), $"{fixture} has no {Path.GetFileName(sidecar)}");
        using var document = JsonDocument.Parse(File.ReadAllText(sidecar));
        JsonElement source = document.RootElement;

        Assert.Contains(String(source, "kind"), Kinds);
        Assert.False(string.IsNullOrWhiteSpace(String(source, "note")), $"{fixture}: the sidecar says nothing about how the payload was taken");
        bool fromRepository = String(source, "repository") is { } repository && repository.Count(c => c == '/') == 1
            && String(source, "path") is { Length: > 0 }
            && (String(source, "commit") is { } commit && CommitHash().IsMatch(commit) || String(source, "index_copy") is { Length: > 0 });
        bool fromPage = String(source, "page") is { } page && page.StartsWith("https://", StringComparison.Ordinal)
            && DateOnly.TryParseExact(String(source, "retrieved"), "yyyy-MM-dd", out _);
        Assert.True(fromRepository || fromPage, $"{fixture}: the sidecar names neither repository + commit + path nor page + retrieved date");
        if (String(source, "kind") == "excerpt")
        {
            Assert.True(String(source, "lines") is not null || String(source, "note")!.Contains("line", StringComparison.Ordinal), $"{fixture}: an excerpt must say which lines");
        }
    }

    [Fact]
    public void Every_sidecar_has_its_fixture_and_there_are_fixtures_for_each_service()
    {
        foreach (string sidecar in Directory.EnumerateFiles(Fixtures.Root, "*.source.json", SearchOption.AllDirectories))
        {
            Assert.True(File.Exists(sidecar[..^".source.json".Length]), $"{sidecar} describes no fixture");
        }

        string[] services = Directory.GetDirectories(Fixtures.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(["coreweave", "images", "lambda", "litellm", "llamacpp", "ollama", "runpod", "sglang", "tgi", "trtllm", "vllm"], services);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitHash();
}
