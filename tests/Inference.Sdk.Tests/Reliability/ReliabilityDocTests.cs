using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Tests.Reliability;

/// <summary>Every row of every table in <c>docs/reliability.md</c> that says what proves it names tests, and those tests exist.</summary>
public partial class ReliabilityDocTests
{
    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var row in ProvedRows())
        {
            data.Add(row);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_row_names_tests_that_exist(string row)
    {
        var names = TestName().Matches(row.Split('|', StringSplitOptions.RemoveEmptyEntries)[^1]).Select(m => m.Groups["n"].Value).ToList();

        Assert.True(names.Count > 0, $"this row names no test: {row}");
        Assert.All(names, name => Assert.True(Exists(name), $"'{name}' names no test class or method under tests/"));
    }

    private static IEnumerable<string> ProvedRows()
    {
        string[] lines = File.ReadAllLines(Path.Combine(FailureClassificationTests.RepositoryRoot(), "docs", "reliability.md"));
        for (int i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || !(lines[i].TrimEnd().EndsWith("| Proved by |", StringComparison.Ordinal) || lines[i].TrimEnd().EndsWith("| Test |", StringComparison.Ordinal)))
            {
                continue;
            }

            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++)
            {
                yield return lines[i];
            }
        }
    }

    private static bool Exists(string name)
    {
        // `Class.Method_*(args)`, `Folder/Class`, `Class`, or a method alone; `*` stands for the rest of a name.
        string plain = name.Split('(')[0];
        string[] parts = plain.Split('/')[^1].Split('.');
        string? type = parts[0].EndsWith("Tests", StringComparison.Ordinal) ? parts[0] : null;
        string? method = type is null ? parts[^1] : parts.Length > 1 ? parts[1] : null;
        var sources = Sources.Value;
        var inType = type is null ? sources : sources.Where(s => Regex.IsMatch(s, $@"\bclass {Regex.Escape(type)}\b")).ToList();
        if (inType.Count == 0)
        {
            return false;
        }

        if (method is null || method.Length == 0 || method == "*")
        {
            return true;
        }

        string pattern = $@"\b{Regex.Escape(method).Replace(@"\*", @"\w*", StringComparison.Ordinal)}\w*\(";
        return inType.Any(s => Regex.IsMatch(s, @"(public|private|internal)\s+(async\s+)?(Task|void)\s+" + pattern[2..]));
    }

    private static readonly Lazy<List<string>> Sources = new(() =>
        Directory.EnumerateFiles(Path.Combine(FailureClassificationTests.RepositoryRoot(), "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList());

    // A backticked test reference: a Tests class (maybe with a folder), a method, or both, maybe with a wildcard and arguments.
    [GeneratedRegex(@"`(?<n>(?:[\w.]+/)*(?:[A-Z]\w*Tests(?:\.[\w*]+)?|[A-Z]\w*_[\w*]*)(?:\([^`]*\))?)`")]
    private static partial Regex TestName();
}
