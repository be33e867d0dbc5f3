using System;

namespace Inference.Sdk.Requests;

/// <summary>The shape checks around libphonenumber's matches: what only phone numbers look like, and what dates and versions look like.</summary>
internal static class Phones
{
    /// <summary>
    /// Whether a possible number is written the way only phone numbers are: with <c>+</c>, with an international prefix
    /// (<c>00</c>, <c>011</c>), or in North American groups <c>(212) 555-0147</c> / <c>212-555-0147</c> / <c>212.555.0147</c>,
    /// optionally with an extension.
    /// </summary>
    public static bool HasPhoneShape(ReadOnlySpan<char> raw)
    {
        int ext = raw.IndexOfAny('x', 'X', 'e');
        var number = ext > 0 ? raw[..ext].TrimEnd() : raw;
        int digits = 0;
        foreach (char c in number)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        if (number.StartsWith('+'))
        {
            return digits >= 8;
        }

        if (number.StartsWith("00", StringComparison.Ordinal) || number.StartsWith("011", StringComparison.Ordinal))
        {
            return digits >= 10 && number.IndexOfAny(" -.()") > 0;
        }

        // (212) 555-0147, (212)555-0147, 212-555-0147, 212.555.0147, 212 555 0147
        return digits == 10 && IsNorthAmerican(number);
    }

    /// <summary>Whether a match reads as a date (<c>03-11-2000</c>, <c>06.04.2020</c>, <c>2024-01-15</c>) or a version (<c>10.0.19045.2965</c>).</summary>
    public static bool LooksLikeDateOrVersion(ReadOnlySpan<char> raw)
    {
        Span<int> groups = stackalloc int[8];
        int count = 0, length = 0;
        char separator = '\0';
        foreach (char c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                length++;
                continue;
            }

            if (c is not ('.' or '-' or '/') || (separator != '\0' && separator != c) || count == groups.Length - 1)
            {
                return false; // another separator (space, parenthesis, +): not a bare date or version
            }

            separator = c;
            groups[count++] = length;
            length = 0;
        }

        groups[count++] = length;
        if (count == 2 && separator == '.')
        {
            return true; // 0.6196289: a decimal number
        }

        if (count == 3 && separator != '\0')
        {
            bool dayMonthYear = groups[0] is 1 or 2 && groups[1] is 1 or 2 && groups[2] is 2 or 4;
            bool yearMonthDay = groups[0] == 4 && groups[1] is 1 or 2 && groups[2] is 1 or 2;
            if (dayMonthYear || yearMonthDay)
            {
                return true;
            }
        }

        if (separator == '.' && count >= 3)
        {
            for (int i = 0; i < count; i++)
            {
                if (groups[i] == 1 || groups[i] >= 5)
                {
                    return true; // 10.0.19045.2965, 1.2.3: uneven dotted groups are versions
                }
            }
        }

        return false;
    }

    /// <summary>The digits before an extension.</summary>
    public static int NationalDigits(ReadOnlySpan<char> raw)
    {
        int digits = 0;
        foreach (char c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c) || c == '#')
            {
                break;
            }
        }

        return digits;
    }

    /// <summary>Whether a match has the US SSN shape <c>123-45-6789</c> (an invalid SSN is no phone number either).</summary>
    public static bool LooksLikeSsn(ReadOnlySpan<char> raw) =>
        raw.Length == 11 && raw[3] is '-' or ' ' or '.' && raw[6] == raw[3] && raw[..3].IndexOfAnyExceptInRange('0', '9') < 0
        && raw[4..6].IndexOfAnyExceptInRange('0', '9') < 0 && raw[7..].IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool IsNorthAmerican(ReadOnlySpan<char> s)
    {
        int i = 0;
        bool paren = s.Length > 0 && s[0] == '(';
        if (paren)
        {
            i++;
        }

        if (!Digits(s, ref i, 3) || (paren && (i >= s.Length || s[i++] != ')')))
        {
            return false;
        }

        char sep = i < s.Length ? s[i] : '\0';
        if (sep is ' ' or '-' or '.')
        {
            i++;
        }
        else if (!paren)
        {
            return false;
        }

        if (!Digits(s, ref i, 3) || i >= s.Length || s[i] is not ('-' or '.' or ' '))
        {
            return false;
        }

        i++;
        return Digits(s, ref i, 4) && i == s.Length;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int i, int count)
    {
        for (int k = 0; k < count; k++, i++)
        {
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
