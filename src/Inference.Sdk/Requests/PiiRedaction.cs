using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Inference.Sdk.Requests;

/// <summary>
/// Redaction of one request: every finding becomes a numbered placeholder (<c>[EMAIL_1]</c>), the same value the same placeholder
/// everywhere in the request, so a conversation that mentions one address twice still reads as one address. The map from
/// placeholders back to the values lives only as long as the request (<see cref="Restore"/>) and is never logged.
/// </summary>
/// <remarks>
/// Numbers follow the order of first appearance in the walk (instructions, then messages in order), so on each turn of a tool loop
/// the values of the earlier turns keep their numbers.
/// </remarks>
internal sealed class PiiRedaction : ContentText
{
    private readonly IPiiDetector _detector;
    private readonly List<PiiFinding> _findings = [];
    private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _originals = new(StringComparer.Ordinal);
    private readonly Dictionary<PiiKind, int> _numbers = [];

    /// <summary>Initializes a new instance of the <see cref="PiiRedaction"/> class.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="json">How objects in tool traffic are serialized.</param>
    public PiiRedaction(IPiiDetector detector, JsonSerializerOptions json)
        : base(json) => _detector = detector;

    /// <summary>Gets the number of distinct values replaced.</summary>
    public int Count => _originals.Count;

    /// <summary>Gets the restore of this request's placeholders (the originals stay with it, for this request only).</summary>
    public PiiRestore Restore => new(_originals, Json);

    /// <inheritdoc/>
    protected override string? Visit(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        _findings.Clear();
        _detector.Detect(text, _findings);
        if (_findings.Count == 0)
        {
            return null;
        }

        _findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var sb = new StringBuilder(text.Length);
        int at = 0;
        foreach (var f in _findings)
        {
            if (f.Start < at)
            {
                continue; // overlaps a finding already replaced
            }

            sb.Append(text, at, f.Start - at).Append(PlaceholderOf(f.Kind, text.Substring(f.Start, f.Length)));
            at = f.Start + f.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private string PlaceholderOf(PiiKind kind, string value)
    {
        if (_placeholders.TryGetValue(value, out string? placeholder))
        {
            return placeholder;
        }

        int number = _numbers.GetValueOrDefault(kind) + 1;
        _numbers[kind] = number;
        string label = PiiRedactor.Placeholder(kind); // "[EMAIL]"
        placeholder = string.Concat(label.AsSpan(0, label.Length - 1), "_", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "]");
        _placeholders[value] = placeholder;
        _originals[placeholder] = value;
        return placeholder;
    }
}
