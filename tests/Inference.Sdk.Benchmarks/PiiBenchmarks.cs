using System;
using System.Collections.Generic;
using System.Text;
using BenchmarkDotNet.Attributes;
using Inference.Sdk.Requests;

namespace Inference.Sdk.Benchmarks;

/// <summary>
/// The PII scan per kind of text, 4 KB each (divide by 4 for the cost per KB): prose, code, a JSON list of numbers (a tool
/// result), and a prompt full of phone-like runs (dates, versions, ids, amounts) with a few real phone numbers. Compared with
/// one read of the same characters.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(P95Config))]
public class PiiBenchmarks
{
    private const int Bytes = 4 * 1024;
    private readonly List<PiiFinding> _findings = [];
    private string _text = null!;

    /// <summary>The kinds of text.</summary>
    public enum TextKind
    {
        /// <summary>English prose with small numbers.</summary>
        Prose,

        /// <summary>C# with constants, loops and a comment with a build number.</summary>
        Code,

        /// <summary>A JSON list of 7- to 13-digit numbers (ids, Unix times in milliseconds).</summary>
        JsonNumbers,

        /// <summary>Prose with dates, versions, order ids and amounts, and one phone number in about 400 characters.</summary>
        PhoneLike,
    }

    /// <summary>Gets or sets the kind of text scanned.</summary>
    [Params(TextKind.Prose, TextKind.Code, TextKind.JsonNumbers, TextKind.PhoneLike)]
    public TextKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = Text(Kind);
        PiiDetector.Instance.Detect(_text, _findings);
    }

    /// <summary>The floor: read every character once.</summary>
    [Benchmark(Baseline = true)]
    public int Read()
    {
        int sum = 0;
        foreach (char c in _text)
        {
            sum += c;
        }

        return sum;
    }

    /// <summary>The built-in detector over the 4 KB.</summary>
    [Benchmark]
    public int Scan()
    {
        _findings.Clear();
        PiiDetector.Instance.Detect(_text, _findings);
        return _findings.Count;
    }

    internal static string Text(TextKind kind)
    {
        var sb = new StringBuilder(Bytes + 512);
        var random = new Random(42);
        while (sb.Length < Bytes)
        {
            switch (kind)
            {
                case TextKind.Prose:
                    sb.Append("Our quarterly review covers 12 regions, 48 stores and the new returns policy; summarize what changed since March. ");
                    break;
                case TextKind.Code:
                    sb.Append("for (int i = 0; i < 1024; i++)\n{\n    sum += values[i] * 31 + 0x7FFFFFFF; // build 20260315, seed ")
                        .Append(random.Next(1_000_000, 9_999_999)).Append("\n    total = Math.Min(total, 1_000_000);\n}\n");
                    break;
                case TextKind.JsonNumbers:
                    sb.Append(sb.Length == 0 ? "[" : ", ").Append(random.Next(3) switch
                    {
                        0 => random.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        1 => random.NextInt64(1_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => random.NextInt64(1_700_000_000_000, 1_799_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    });
                    break;
                default:
                    sb.Append("Order ").Append(random.Next(10_000_000, 99_999_999)).Append(" shipped on 2026-03-")
                        .Append(random.Next(10, 28)).Append(" with build 10.0.19045.").Append(random.Next(1000, 9999))
                        .Append("; the invoice total was $1,234,567.89 and the tracking number 1Z 999 AA1 01 2345 6784. ")
                        .Append("The courier called from 06.04.2020 records, ticket 4481 2290 17, and left a note: call me on +44 20 7946 0")
                        .Append(random.Next(100, 999)).Append(" before 17:30. Version 3.14.159 fixed it. ");
                    break;
            }
        }

        return kind == TextKind.JsonNumbers ? sb.Append(']').ToString() : sb.ToString();
    }
}
