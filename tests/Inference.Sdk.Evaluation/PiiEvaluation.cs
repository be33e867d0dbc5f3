using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Evaluation;

/// <summary>
/// Recall and false positives of a PII detector per kind. A labelled value counts as found when one finding of its kind
/// covers all of it (what redaction needs); a finding that overlaps no labelled value of its kind is a false positive.
/// </summary>
public sealed class PiiEvaluation
{
    private PiiEvaluation(string split) => Split = split;

    public string Split { get; }

    /// <summary>Gets per kind: labelled values, values found whole, findings that match nothing.</summary>
    public SortedDictionary<string, (int Positives, int Found, int FalseFindings)> PerKind { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets per negative group (texts without any labelled value): texts, texts with at least one finding.</summary>
    public SortedDictionary<string, (int Texts, int Flagged)> Negatives { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the number of texts where two findings overlap.</summary>
    public int Overlapping { get; private set; }

    /// <summary>Gets examples of misses and false findings (only collected for the tuning split).</summary>
    public List<string> Examples { get; } = [];

    public static PiiEvaluation Run(IEnumerable<PiiExample> examples, string split, IPiiDetector detector, bool collectExamples = false)
    {
        var result = new PiiEvaluation(split);
        var findings = new List<PiiFinding>();
        foreach (var e in examples.Where(e => e.Split == split))
        {
            findings.Clear();
            detector.Detect(e.Text, findings);
            var sorted = findings.OrderBy(f => f.Start).ToList();
            for (int i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Start < sorted[i - 1].Start + sorted[i - 1].Length)
                {
                    result.Overlapping++;
                    break;
                }
            }

            foreach (var s in e.Spans)
            {
                bool found = findings.Any(f => f.Kind.ToString() == s.Kind && f.Start <= s.Start && f.Start + f.Length >= s.End);
                result.Add(Row(e.Text, s), positives: 1, found: found ? 1 : 0, falseFindings: 0);
                if (!found && collectExamples && split == DataSets.Tune)
                {
                    var got = string.Join(", ", findings.Select(f => $"{f.Kind} '{e.Text.Substring(f.Start, f.Length)}'"));
                    result.Examples.Add($"miss {s.Kind} '{e.Text[s.Start..s.End]}' in {e.Id} (found: {got})");
                }
            }

            foreach (var f in findings)
            {
                string kind = f.Kind.ToString();
                if (e.Labels(kind) && !e.Spans.Any(s => s.Kind == kind && f.Start < s.End && s.Start < f.Start + f.Length))
                {
                    result.Add(kind, positives: 0, found: 0, falseFindings: 1);
                    if (collectExamples && split == DataSets.Tune)
                    {
                        result.Examples.Add($"false {kind} '{e.Text.Substring(f.Start, f.Length)}' in {e.Id} ({e.Source})");
                    }
                }
            }

            if (e.Spans.Count == 0)
            {
                string group = e.Set switch
                {
                    "code-prose" => "code and technical prose",
                    "synth" => "synthetic sentences without a claimed kind",
                    "uk-ids" => "UK id negative cases (scrubadub, test-nino, NHS validators)",
                    _ => "Presidio negative cases",
                };
                var (texts, flagged) = result.Negatives.GetValueOrDefault(group);
                result.Negatives[group] = (texts + 1, flagged + (findings.Any(f => e.Labels(f.Kind.ToString())) ? 1 : 0));
            }
        }

        return result;
    }

    public double Recall(string kind) => PerKind.TryGetValue(kind, out var c) && c.Positives > 0 ? (double)c.Found / c.Positives : double.NaN;

    public double NegativeRate(string group) => Negatives.TryGetValue(group, out var c) && c.Texts > 0 ? (double)c.Flagged / c.Texts : 0;

    public static string Markdown(string title, IReadOnlyList<PiiEvaluation> splits)
    {
        var sb = new StringBuilder();
        sb.Append("#### ").AppendLine(title).AppendLine().Append("| kind |");
        foreach (var s in splits)
        {
            sb.Append(' ').Append(s.Split).Append(" values | found whole | recall | false findings |");
        }

        sb.AppendLine().Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|---:|---:|", splits.Count)));
        foreach (var kind in splits.SelectMany(s => s.PerKind.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            sb.Append("| ").Append(kind).Append(" |");
            foreach (var s in splits)
            {
                var (p, f, ff) = s.PerKind.GetValueOrDefault(kind);
                sb.Append($" {p} | {f} | {(p == 0 ? "—" : $"{100.0 * f / p:0.0} %")} | {ff} |");
            }

            sb.AppendLine();
        }

        sb.AppendLine().Append("| texts without personal data |");
        foreach (var s in splits)
        {
            sb.Append(' ').Append(s.Split).Append(" texts | with a finding | rate |");
        }

        sb.AppendLine().Append("|---|").AppendLine(string.Concat(Enumerable.Repeat("---:|---:|---:|", splits.Count)));
        foreach (var group in splits.SelectMany(s => s.Negatives.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            sb.Append("| ").Append(group).Append(" |");
            foreach (var s in splits)
            {
                var (t, fl) = s.Negatives.GetValueOrDefault(group);
                sb.Append($" {t} | {fl} | {(t == 0 ? 0 : 100.0 * fl / t):0.0} % |");
            }

            sb.AppendLine();
        }

        sb.AppendLine().Append("Texts with overlapping findings:");
        foreach (var s in splits)
        {
            sb.Append(' ').Append(s.Split).Append(' ').Append(s.Overlapping).Append(';');
        }

        return sb.AppendLine().ToString();
    }

    /// <summary>
    /// The row a labelled value is counted in: its kind, except an NHS number written as ten bare digits with no "NHS" within 40
    /// characters, which the detector does not claim (ten bare digits are as often a count, an id or a timestamp): it gets its own
    /// row, so the recall of the forms we claim is not mixed with one we leave alone.
    /// </summary>
    private static string Row(string text, PiiSpan span)
    {
        if (span.Kind != nameof(PiiKind.NhsNumber) || text.AsSpan(span.Start, span.End - span.Start).IndexOfAny(" -") >= 0)
        {
            return span.Kind;
        }

        int from = Math.Max(0, span.Start - 40), to = Math.Min(text.Length, span.End + 40);
        bool keyword = text.AsSpan(from, span.Start - from).Contains("nhs", StringComparison.OrdinalIgnoreCase)
            || text.AsSpan(span.End, to - span.End).Contains("nhs", StringComparison.OrdinalIgnoreCase);
        return keyword ? span.Kind : UnclaimedNhs;
    }

    /// <summary>The row of NHS numbers in a form the detector does not claim.</summary>
    public const string UnclaimedNhs = "NhsNumber: ten bare digits, no NHS near (not claimed)";

    private void Add(string kind, int positives, int found, int falseFindings)
    {
        var (p, f, ff) = PerKind.GetValueOrDefault(kind);
        PerKind[kind] = (p + positives, f + found, ff + falseFindings);
    }
}
