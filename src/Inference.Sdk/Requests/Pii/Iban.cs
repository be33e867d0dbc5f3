using System;

namespace Inference.Sdk.Requests;

/// <summary>IBANs: the length of each country's IBAN from the ISO 13616 IBAN Registry, and the mod-97 check.</summary>
internal static class Iban
{
    // SWIFT IBAN Registry (ISO 13616), release 99 (2025): country code and IBAN length of every member.
    private const string Registry =
        "AD24AE23AL28AT20AZ28BA20BE16BG22BH22BI27BR29BY28CH21CR22CY28CZ24DE22DJ27DK18DO28EE20EG29ES24FI18FK18FO18FR27GB22GE22GI23GL18" +
        "GR27GT28HN28HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20LV21LY25MC27MD24ME22MK19MN20MR27MT31MU30NI28NL18NO15" +
        "OM23PK24PL28PS29PT25QA29RO24RS22RU33SA24SC31SD18SE24SI19SK24SM27SO23ST25SV28TL23TN24TR26UA29VA22VG24XK20YE30";

    /// <summary>Gets the IBAN length of a country, 0 when the country has no IBAN.</summary>
    public static int LengthOf(char a, char b)
    {
        a = char.ToUpperInvariant(a);
        b = char.ToUpperInvariant(b);
        for (int i = 0; i < Registry.Length; i += 4)
        {
            if (Registry[i] == a && Registry[i + 1] == b)
            {
                return ((Registry[i + 2] - '0') * 10) + (Registry[i + 3] - '0');
            }
        }

        return 0;
    }

    /// <summary>
    /// Reads an IBAN starting at <paramref name="start"/>: exactly the country's length in letters and digits, separated by single
    /// spaces or dashes (one kind), not followed by another letter or digit, passing mod-97.
    /// </summary>
    /// <returns>The number of characters the IBAN spans, 0 when there is none.</returns>
    public static int Match(ReadOnlySpan<char> text, int start)
    {
        if (start + 4 > text.Length)
        {
            return 0;
        }

        int length = LengthOf(text[start], text[start + 1]);
        if (length == 0)
        {
            return 0;
        }

        Span<char> iban = stackalloc char[34];
        int n = 0;
        int i = start;
        char separator = '\0';
        while (i < text.Length && n < length)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                iban[n++] = char.ToUpperInvariant(c);
                i++;
            }
            else if (c is ' ' or '-' && n >= 4 && (separator == '\0' || separator == c) && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]))
            {
                separator = c;
                i++;
            }
            else
            {
                break;
            }
        }

        if (n != length || (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) || MixedCase(text[start..i]))
        {
            return 0;
        }

        return Mod97(iban[..n]) ? i - start : 0;
    }

    private static bool MixedCase(ReadOnlySpan<char> s) => s.IndexOfAnyInRange('a', 'z') >= 0 && s.IndexOfAnyInRange('A', 'Z') >= 0;

    public static bool IsValid(ReadOnlySpan<char> candidate)
    {
        candidate = candidate.Trim();
        return candidate.Length >= 4 && Match(candidate, 0) == candidate.Length;
    }

    private static bool Mod97(ReadOnlySpan<char> iban)
    {
        if (!char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, the number mod 97 must be 1.
        int remainder = 0;
        for (int k = 0; k < iban.Length; k++)
        {
            char c = iban[(k + 4) % iban.Length];
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder == 1;
    }
}
