using System;
using System.Buffers;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Requests;

/// <summary>One compiled <see cref="PiiPattern"/>.</summary>
internal sealed class CustomPattern
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50);
    private readonly Regex _regex;
    private readonly SearchValues<string>? _keywords;
    private readonly int _window;

    private CustomPattern(Regex regex, SearchValues<string>? keywords, int window)
    {
        _regex = regex;
        _keywords = keywords;
        _window = window;
    }

    public static CustomPattern Create(PiiPattern? pattern, int index)
    {
        string key = $"Inference:Router:Pii:CustomPatterns:{index}";
        if (pattern is null || string.IsNullOrWhiteSpace(pattern.Pattern))
        {
            throw new ArgumentException($"{key}:Pattern is empty; set a .NET regular expression (for example PAT-\\d{{6}}).", nameof(pattern));
        }

        if (pattern.KeywordWindow is < 0 or > 1000)
        {
            throw new ArgumentException($"{key}:KeywordWindow is {pattern.KeywordWindow}; use 0 to 1000 characters.", nameof(pattern));
        }

        Regex regex;
        try
        {
            // The linear-time engine when the pattern allows it (configuration must not be able to stall the routing path).
            regex = new Regex(pattern.Pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            regex = Compile(pattern.Pattern, key);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{key}:Pattern ('{pattern.Name}') is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }

        var keywords = pattern.Keywords is { Count: > 0 } k ? SearchValues.Create([.. k], StringComparison.OrdinalIgnoreCase) : null;
        return new CustomPattern(regex, keywords, pattern.KeywordWindow);
    }

    public void Find(ReadOnlySpan<char> text, ref FindingSet found)
    {
        try
        {
            foreach (var m in _regex.EnumerateMatches(text))
            {
                if (m.Length > 0 && (_keywords is null || Near(text, m.Index, m.Length)))
                {
                    found.TryAdd(PiiKind.Custom, m.Index, m.Length);
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pattern that cannot decide in time treats the whole text as its kind: the request stays private.
            found.TryAdd(PiiKind.Custom, 0, text.Length);
        }
    }

    private bool Near(ReadOnlySpan<char> text, int start, int length)
    {
        int from = Math.Max(0, start - _window);
        int to = Math.Min(text.Length, start + length + _window);
        return text[from..start].ContainsAny(_keywords!) || text[(start + length)..to].ContainsAny(_keywords!);
    }

    private static Regex Compile(string pattern, string key)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, Timeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{key}:Pattern is not a valid regular expression: {e.Message}", nameof(pattern), e);
        }
    }
}
