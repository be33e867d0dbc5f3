using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Inference.Sdk.Evaluation;

/// <summary>One labelled prompt of a task-type set (see <c>data/SOURCES.md</c>).</summary>
/// <remarks>Items of one group (a prompt template) share a split; an ungrouped item is its own group.</remarks>
public sealed record TaskExample(string Id, string Category, string Split, string Text, string Set, string Group);

/// <summary>One labelled span of personal data.</summary>
public sealed record PiiSpan(string Kind, int Start, int End);

/// <summary>One text of a PII set with its labelled spans (none for a negative).</summary>
/// <remarks>
/// <c>NegativeFor</c> is <c>*</c> when every kind is labelled (a finding of any kind that matches no span is false), or the one kind a
/// recognizer's negative case is about; a positive case of one recognizer labels only its kind.
/// </remarks>
public sealed record PiiExample(string Id, string Split, string Text, IReadOnlyList<PiiSpan> Spans, string Source, string Set, string? NegativeFor)
{
    /// <summary>Whether a finding of <paramref name="kind"/> that matches no labelled span counts as false here.</summary>
    public bool Labels(string kind) => NegativeFor == "*" || NegativeFor == kind || Spans.Any(s => s.Kind == kind);
}

/// <summary>Loads the stored data sets; the split of every item was fixed once by <c>data/collect.py</c>.</summary>
public static class DataSets
{
    /// <summary>The tuning part: rules, training and thresholds may look at it.</summary>
    public const string Tune = "tune";

    /// <summary>The held-out part: only measured, never tuned on.</summary>
    public const string HeldOut = "heldout";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Gets the folder holding <c>tasks/</c> and <c>pii/</c>: next to the assembly, else searched upwards from the working directory.</summary>
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<TaskExample> Tasks() =>
        [.. Files("tasks").SelectMany(f => Lines(f).Select(l =>
        {
            var r = JsonSerializer.Deserialize<TaskRow>(l, Json)!;
            return new TaskExample(r.Id, r.Category, r.Split, r.Text, Path.GetFileNameWithoutExtension(f), r.Group ?? r.Id);
        }))];

    public static IReadOnlyList<PiiExample> Pii() =>
        [.. Files("pii").SelectMany(f => Lines(f).Select(l =>
        {
            var r = JsonSerializer.Deserialize<PiiRow>(l, Json)!;
            return new PiiExample(r.Id, r.Split, r.Text, r.Spans ?? [], r.Source, Path.GetFileNameWithoutExtension(f), r.NegativeFor);
        }))];

    private static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(Path.Combine(Root, folder), "*.jsonl").Order(StringComparer.Ordinal);

    private static IEnumerable<string> Lines(string file) => File.ReadLines(file).Where(l => l.Length > 0);

    private static string FindRoot()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "data");
        if (Directory.Exists(Path.Combine(local, "tasks")))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Inference.Sdk.Evaluation", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The evaluation data folder (tests/Inference.Sdk.Evaluation/data) was not found next to the assembly or above the working directory.");
    }

    private sealed record TaskRow(string Id, string Category, string Split, string Text, string? Group);

    private sealed record PiiRow(string Id, string Split, string Text, List<PiiSpan>? Spans, string Source)
    {
        [JsonPropertyName("negative_for")]
        public string? NegativeFor { get; init; }
    }
}
