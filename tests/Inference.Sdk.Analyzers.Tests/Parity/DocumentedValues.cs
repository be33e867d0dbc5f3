using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Analyzers.Tests.Parity;

/// <summary>
/// The names and aliases <c>docs/configuration.md</c> documents for each enum setting: the values column of the key's row
/// in the settings tables, and the "Names and aliases" table (<c>`alias`, `alias` → `Value`; …</c>).
/// </summary>
internal static class DocumentedValues
{
    private static readonly Lazy<string[]> Lines = new(() => File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "configuration.md")));

    /// <summary>The enum keys and the section they are under.</summary>
    public static readonly (string Key, bool TargetKey)[] EnumKeys =
    [
        ("Profile", false), ("Provider", true), ("Engine", true), ("Tier", true), ("Gpu", true), ("Quantization", true), ("KvCacheDType", true), ("Capacity", true),
    ];

    /// <summary>The names a key's row lists (every backticked word of its values column).</summary>
    public static IReadOnlyList<string> Names(string key)
    {
        string row = Lines.Value.TakeWhile(l => !l.StartsWith("## Names and aliases", StringComparison.Ordinal))
            .Single(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        string values = row.Split('|')[3];
        return [.. Regex.Matches(values, "`([^`]+)`").Select(m => m.Groups[1].Value)];
    }

    /// <summary>The aliases the "Names and aliases" table lists for a key, each with the name it means.</summary>
    public static IReadOnlyList<(string Alias, string Name)> Aliases(string key)
    {
        int table = Array.FindIndex(Lines.Value, l => l.StartsWith("## Names and aliases", StringComparison.Ordinal));
        Assert.True(table >= 0, "docs/configuration.md has a 'Names and aliases' section");
        string? row = Lines.Value.Skip(table).FirstOrDefault(l => l.StartsWith($"| `{key}` |", StringComparison.Ordinal));
        if (row is null)
        {
            return [];
        }

        var aliases = new List<(string, string)>();
        foreach (string group in row.Split('|')[2].Split(';'))
        {
            string[] sides = group.Split('→');
            Assert.Equal(2, sides.Length);
            string name = Regex.Match(sides[1], "`([^`]+)`").Groups[1].Value;
            aliases.AddRange(Regex.Matches(sides[0], "`([^`]+)`").Select(m => (m.Groups[1].Value, name)));
        }

        return aliases;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Inference.Sdk.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Inference.Sdk.sln) is not above " + AppContext.BaseDirectory);
    }
}
