using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Inference.Sdk.Requests;

/// <summary>Detection: every text of a request through the <see cref="IPiiDetector"/>, keeping only the kinds found (never the values).</summary>
internal sealed class PiiScan : ContentText
{
    private readonly IPiiDetector _detector;
    private readonly List<PiiFinding> _findings = [];

    /// <summary>Initializes a new instance of the <see cref="PiiScan"/> class.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="json">How objects in tool traffic are serialized.</param>
    public PiiScan(IPiiDetector detector, JsonSerializerOptions json)
        : base(json) => _detector = detector;

    /// <summary>Gets the kinds found so far, as a bit set over <see cref="PiiKind"/>.</summary>
    public int Kinds { get; private set; }

    /// <inheritdoc/>
    protected override string? Visit(string text)
    {
        Look(text);
        return null;
    }

    /// <inheritdoc/>
    protected override void Look(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        _findings.Clear();
        _detector.Detect(text, _findings);
        foreach (var f in _findings)
        {
            Kinds |= 1 << (int)f.Kind;
        }
    }
}
