using System;
using System.Buffers;

namespace Inference.Sdk.Requests;

/// <summary>
/// The cheap filter in front of libphonenumber: the runs of digits a phone number can come from, and the runs that no rule of
/// the detector would keep, rejected without parsing.
/// </summary>
/// <remarks>
/// libphonenumber's matcher reads a candidate as up to two lead characters (<c>+</c>, an opening bracket), blocks of digits
/// separated by at most four punctuation characters, and an extension. A <em>cluster</em> here is the same shape, built with a
/// superset of that punctuation, so every candidate the matcher would see lies inside one cluster (with its lead before and its
/// extension after). A cluster with fewer than seven ASCII digits holds no phone number the detector keeps
/// (<see cref="Phones.NationalDigits"/>). A <em>plain</em> cluster (ASCII digit groups joined by single spaces, dashes, dots or
/// slashes, no lead, no extension after it) can only yield itself: a match starting or ending inside it is one group of a longer
/// run, which the detector refuses. So the detector's own checks on the whole cluster decide it: a date, a version, an SSN shape
/// or a number glued to a word is rejected, and a bare run of digits needs a phone label or a word for number near, a verb of
/// calling before it, or to read as a national number in prose. Only what is left is handed to libphonenumber, as a short window
/// around the cluster, so a JSON list of numbers, a table or a log costs one pass over its characters.
/// </remarks>
internal static class PhoneCandidates
{
    /// <summary>How many characters before a cluster a window keeps (the lead and the character the matcher checks before a number).</summary>
    public const int Before = 8;

    /// <summary>How many characters after a cluster a window keeps (an extension such as <c> extension 12345#</c>, a time stamp's <c>:30</c>).</summary>
    public const int After = 24;

    // libphonenumber's VALID_PUNCTUATION (matched case-insensitively, so X too), its plus signs and opening brackets.
    private static readonly SearchValues<char> Punctuation = SearchValues.Create(
        "-xX\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30FC\uFF0D\uFF0E\uFF0F \u00A0\u00AD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D.[]/~\u2053\u223C\uFF5E+\uFF0B");

    private static readonly SearchValues<char> Lead = SearchValues.Create("+\uFF0B(\uFF08[\uFF3B");

    // What can start an extension after a number (libphonenumber's explicit and ambiguous labels, the RFC 3966 form), compared
    // ignoring case after spaces, tabs and commas.
    private static readonly string[] ExtensionLabels = ["ext", "x", "#", "~", "int", ";ext=", "\uFF45\uFF58", "\uFF58", "\uFF03", "\uFF5E", "\uFF49\uFF4E\uFF54", "\u0434\u043E\u0431", "anexo"];

    private static readonly SearchValues<char> AsciiDigits = SearchValues.Create("0123456789");

    /// <summary>
    /// Finds the next cluster at or after <paramref name="from"/>: digits (any decimal digit) joined by runs of at most four
    /// punctuation characters, from its first to its last digit.
    /// </summary>
    /// <returns><see langword="false"/> when no ASCII digit is left.</returns>
    public static bool Next(ReadOnlySpan<char> text, int from, out int start, out int end, out int asciiDigits)
    {
        start = end = asciiDigits = 0;
        int first = from < text.Length ? text[from..].IndexOfAny(AsciiDigits) : -1;
        if (first < 0)
        {
            return false;
        }

        start = from + first;
        while (start > from && char.IsDigit(text[start - 1]))
        {
            start--; // digits of another script right before
        }

        int last = start;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsDigit(c))
            {
                last = i;
                asciiDigits += char.IsAsciiDigit(c) ? 1 : 0;
            }
            else if (i - last > 4 || !Punctuation.Contains(c))
            {
                break;
            }
        }

        end = last + 1;
        return true;
    }

    /// <summary>
    /// Whether the cluster <c>[start, end)</c> can yield a phone number the detector keeps: <see langword="false"/> only when
    /// libphonenumber's answer could not change the outcome.
    /// </summary>
    public static bool MayHoldPhone(ReadOnlySpan<char> text, int start, int end, int asciiDigits)
    {
        if (asciiDigits < 7)
        {
            return false;
        }

        var cluster = text[start..end];
        if (HasLead(text, start) || MayHaveExtension(text, end) || !IsPlain(cluster, out bool grouped))
        {
            return true;
        }

        // A plain cluster yields itself or nothing.
        if (!PiiDetector.IsPhone(text, start, end - start))
        {
            return false;
        }

        // Groups are separators: the region pass keeps a valid grouped number. A bare run needs words around it.
        return grouped
            || Phones.Near(text, start, end - start, Phones.Context.LabelOrNumber)
            || Phones.AfterCallVerb(text, start)
            || Phones.IsBareNumberInProse(text, start, end - start);
    }

    /// <summary>Whether a lead character (<c>+</c>, an opening bracket) stands in the punctuation right before a cluster.</summary>
    private static bool HasLead(ReadOnlySpan<char> text, int start)
    {
        for (int i = start - 1; i >= 0 && start - i <= 10; i--)
        {
            char c = text[i];
            if (Lead.Contains(c))
            {
                return true;
            }

            if (!Punctuation.Contains(c))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether an extension label (<c>x</c>, <c>ext.</c>, <c>#</c>, <c>;ext=</c>, <c>доб</c>) can follow a cluster.</summary>
    private static bool MayHaveExtension(ReadOnlySpan<char> text, int end)
    {
        var rest = text[end..].TrimStart(" \u00A0\t,");
        if (rest.IsEmpty)
        {
            return false;
        }

        foreach (string label in ExtensionLabels)
        {
            if (rest.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a cluster is ASCII digit groups joined by single spaces, dashes, dots or slashes; <paramref name="grouped"/> when it has more than one group.</summary>
    private static bool IsPlain(ReadOnlySpan<char> cluster, out bool grouped)
    {
        grouped = false;
        for (int i = 0; i < cluster.Length; i++)
        {
            char c = cluster[i];
            if (char.IsAsciiDigit(c))
            {
                continue;
            }

            if (c is not (' ' or '-' or '.' or '/') || !char.IsAsciiDigit(cluster[i - 1]) || !char.IsAsciiDigit(cluster[i + 1]))
            {
                return false;
            }

            grouped = true;
        }

        return true;
    }
}
