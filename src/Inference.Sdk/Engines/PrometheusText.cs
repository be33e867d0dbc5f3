using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Inference.Sdk.Engines;

/// <summary>A parser of the Prometheus text exposition format (0.0.4, and the OpenMetrics subset engines emit). Pure.</summary>
/// <remarks>
/// Comments (<c># HELP</c>, <c># TYPE</c>, <c># EOF</c>) and blank lines are skipped; timestamps and exemplars after the
/// value are ignored; quoted (UTF-8) metric names inside the braces are accepted. Anything else that is not a sample
/// is a <see cref="FormatException"/> naming the line.
/// </remarks>
internal static class PrometheusText
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    /// <summary>Parses <paramref name="text"/> into samples.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">A line is not a sample, a comment or blank.</exception>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        int lineNumber = 0;
        foreach (ReadOnlySpan<char> rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            ReadOnlySpan<char> line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line, lineNumber));
        }

        return samples;
    }

    private static PrometheusSample ParseLine(ReadOnlySpan<char> line, int lineNumber)
    {
        int i = 0;
        string? name = null;
        if (line[0] != '{')
        {
            i = ReadName(line, 0, allowColon: true);
            if (i == 0)
            {
                throw Error(lineNumber, "expected a metric name");
            }

            name = line[..i].ToString();
        }

        IReadOnlyList<KeyValuePair<string, string>> labels = NoLabels;
        int brace = SkipSpaces(line, i);
        if (brace < line.Length && line[brace] == '{')
        {
            (labels, name, i) = ReadLabels(line, brace + 1, name, lineNumber);
        }

        if (string.IsNullOrEmpty(name))
        {
            // Also the quoted form: {""} names no metric.
            throw Error(lineNumber, "expected a metric name");
        }

        int valueStart = SkipSpaces(line, i);
        if (valueStart == i && i < line.Length)
        {
            throw Error(lineNumber, "expected a space before the value");
        }

        int valueEnd = valueStart;
        while (valueEnd < line.Length && line[valueEnd] is not (' ' or '\t'))
        {
            valueEnd++;
        }

        if (valueEnd == valueStart)
        {
            throw Error(lineNumber, $"the sample '{name}' has no value");
        }

        return new PrometheusSample(name, labels, ParseValue(line[valueStart..valueEnd], lineNumber));
    }

    private static (IReadOnlyList<KeyValuePair<string, string>> Labels, string? Name, int Next) ReadLabels(
        ReadOnlySpan<char> line, int i, string? name, int lineNumber)
    {
        List<KeyValuePair<string, string>>? labels = null;
        while (true)
        {
            i = SkipSpaces(line, i);
            if (i >= line.Length)
            {
                throw Error(lineNumber, "unterminated label set");
            }

            if (line[i] == '}')
            {
                return (labels is null ? NoLabels : labels, name, i + 1);
            }

            string key;
            if (line[i] == '"')
            {
                (key, i) = ReadQuoted(line, i + 1, lineNumber);
            }
            else
            {
                int end = ReadName(line, i, allowColon: false);
                if (end == i)
                {
                    throw Error(lineNumber, "expected a label name");
                }

                key = line[i..end].ToString();
                i = end;
            }

            i = SkipSpaces(line, i);
            if (i < line.Length && line[i] == '=')
            {
                i = SkipSpaces(line, i + 1);
                if (i >= line.Length || line[i] != '"')
                {
                    throw Error(lineNumber, $"expected a quoted value for label '{key}'");
                }

                (string value, i) = ReadQuoted(line, i + 1, lineNumber);
                (labels ??= []).Add(new KeyValuePair<string, string>(key, value));
            }
            else if (name is null)
            {
                name = key; // a quoted metric name: {"name.with.dots", label="x"}
            }
            else
            {
                throw Error(lineNumber, $"expected '=' after label '{key}'");
            }

            i = SkipSpaces(line, i);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                throw Error(lineNumber, "expected ',' or '}' in the label set");
            }
        }
    }

    private static (string Value, int Next) ReadQuoted(ReadOnlySpan<char> line, int i, int lineNumber)
    {
        var value = new StringBuilder();
        while (i < line.Length)
        {
            char c = line[i++];
            if (c == '"')
            {
                return (value.ToString(), i);
            }

            if (c == '\\' && i < line.Length)
            {
                char escaped = line[i++];
                value.Append(escaped == 'n' ? '\n' : escaped);
            }
            else
            {
                value.Append(c);
            }
        }

        throw Error(lineNumber, "unterminated quoted string");
    }

    private static double ParseValue(ReadOnlySpan<char> token, int lineNumber)
    {
        if (token.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            return double.NaN;
        }

        if (token.Equals("+Inf", StringComparison.OrdinalIgnoreCase) || token.Equals("Inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.PositiveInfinity;
        }

        if (token.Equals("-Inf", StringComparison.OrdinalIgnoreCase))
        {
            return double.NegativeInfinity;
        }

        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return value;
        }

        throw Error(lineNumber, $"'{Clip(token)}' is not a number");
    }

    private static int ReadName(ReadOnlySpan<char> line, int start, bool allowColon)
    {
        int i = start;
        while (i < line.Length)
        {
            char c = line[i];
            bool ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > start && char.IsAsciiDigit(c));
            if (!ok)
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static int SkipSpaces(ReadOnlySpan<char> line, int i)
    {
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static string Clip(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : string.Concat(text[..40], "…");

    private static FormatException Error(int lineNumber, string what) =>
        new($"Prometheus text, line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {what}.");
}
