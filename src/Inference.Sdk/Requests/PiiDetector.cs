using System;
using System.Buffers;
using System.Collections.Generic;
using System.Net;
using System.Text.RegularExpressions;

namespace Inference.Sdk.Requests;

/// <summary>
/// The built-in <see cref="IPiiDetector"/>: e-mail addresses, phone numbers, payment cards (Luhn-checked, known issuer
/// prefixes), IBANs (ISO 13616 mod-97), US social security numbers, IPv4/IPv6 addresses, and API-key-like secrets.
/// </summary>
/// <remarks>
/// Source-generated regular expressions find candidates and checksums confirm them; a scan allocates nothing unless
/// it finds something. Each family only runs when a cheap character pre-check says it can match.
/// </remarks>
public sealed partial class PiiDetector : IPiiDetector
{
    private const int MinimumSecretRun = 15;
    private const int SecretGateMaxLength = 256;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<string> SecretMarkers = SearchValues.Create(
        ["sk-", "sk_", "pk_", "rk_", "AKIA", "ASIA", "ghp_", "gho_", "ghs_", "github_pat_", "glpat-", "xox", "AIza", "rpa_", "hf_", "eyJ", "bearer", "api_key", "api-key", "apikey", "secret", "token", "password", "passwd", "pwd"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the shared instance.</summary>
    public static PiiDetector Instance { get; } = new();

    /// <inheritdoc/>
    public void Detect(ReadOnlySpan<char> text, ICollection<PiiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);

        if (text.Contains('@'))
        {
            foreach (var m in EmailRegex().EnumerateMatches(text))
            {
                findings.Add(new PiiFinding(PiiKind.Email, m.Index, m.Length));
            }
        }

        // Every numeric kind holds a run of at least four digits separated only by punctuation: skip them when prose has none.
        if (text.ContainsAny(Digits) && LongestDigitRun(text) >= 4)
        {
            int before = findings.Count;
            foreach (var m in IbanRegex().EnumerateMatches(text))
            {
                // The pattern may take a following word as a last group: drop trailing groups until the check passes.
                var candidate = text.Slice(m.Index, m.Length);
                while (!IsIban(candidate) && candidate.LastIndexOf(' ') is > 4 and var cut)
                {
                    candidate = candidate[..cut];
                }

                if (IsIban(candidate))
                {
                    findings.Add(new PiiFinding(PiiKind.Iban, m.Index, candidate.Length));
                }
            }

            foreach (var m in CardRegex().EnumerateMatches(text))
            {
                if (IsCard(text.Slice(m.Index, m.Length)) && !Overlaps(findings, before, m.Index, m.Length))
                {
                    findings.Add(new PiiFinding(PiiKind.CreditCard, m.Index, m.Length));
                }
            }

            foreach (var m in SsnRegex().EnumerateMatches(text))
            {
                if (!Overlaps(findings, before, m.Index, m.Length))
                {
                    findings.Add(new PiiFinding(PiiKind.UsSsn, m.Index, m.Length));
                }
            }

            foreach (var m in PhoneRegex().EnumerateMatches(text))
            {
                if (IsPhone(text.Slice(m.Index, m.Length)) && !Overlaps(findings, before, m.Index, m.Length))
                {
                    findings.Add(new PiiFinding(PiiKind.Phone, m.Index, m.Length));
                }
            }

            foreach (var m in Ipv4Regex().EnumerateMatches(text))
            {
                findings.Add(new PiiFinding(PiiKind.IpAddress, m.Index, m.Length));
            }
        }

        if (text.Contains("::", StringComparison.Ordinal) || text.Count(':') >= 7)
        {
            foreach (var m in Ipv6Regex().EnumerateMatches(text))
            {
                var candidate = text.Slice(m.Index, m.Length);
                if (candidate.Count(':') >= 2 && IPAddress.TryParse(candidate, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
                {
                    findings.Add(new PiiFinding(PiiKind.IpAddress, m.Index, m.Length));
                }
            }
        }

        // Short texts (chat turns) take a scalar pre-check first; on long ones the vectorized multi-string search is the cheaper pass.
        if ((text.Length > SecretGateMaxLength || MayHoldSecret(text)) && text.ContainsAny(SecretMarkers))
        {
            foreach (var m in SecretRegex().EnumerateMatches(text))
            {
                findings.Add(new PiiFinding(PiiKind.Secret, m.Index, m.Length));
            }
        }
    }

    /// <summary>
    /// Whether the secret pattern can match at all: its key-value forms need a <c>:</c> or <c>=</c>, and every vendor key, JWT and
    /// bearer token is a run of at least 15 key characters (the shortest, a Slack token, is <c>xoxb-</c> plus 10). Prose has
    /// neither, and this one pass is cheaper than the multi-string search it saves.
    /// </summary>
    internal static bool MayHoldSecret(ReadOnlySpan<char> text)
    {
        if (text.IndexOfAny(':', '=') >= 0)
        {
            return true;
        }

        int run = 0;
        foreach (char c in text)
        {
            run = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '~' or '+' or '/' ? run + 1 : 0;
            if (run >= MinimumSecretRun)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts the digits of the longest run of digits and number punctuation (space, dot, dash, slash, parentheses, colon).</summary>
    internal static int LongestDigitRun(ReadOnlySpan<char> text)
    {
        int best = 0;
        int run = 0;
        int i = text.IndexOfAny(Digits);
        while (i >= 0 && i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiDigit(c))
            {
                run++;
                i++;
            }
            else if (run > 0 && c is ' ' or '.' or '-' or '/' or '(' or ')' or ':')
            {
                i++;
            }
            else
            {
                best = Math.Max(best, run);
                run = 0;
                int next = text[i..].IndexOfAny(Digits);
                i = next < 0 ? -1 : i + next;
            }
        }

        return Math.Max(best, run);
    }

    /// <summary>Checks a candidate payment card number: 13 to 19 digits, a known issuer prefix, and the Luhn check.</summary>
    internal static bool IsCard(ReadOnlySpan<char> candidate)
    {
        Span<byte> digits = stackalloc byte[19];
        int n = 0;
        foreach (char c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 19)
                {
                    return false;
                }

                digits[n++] = (byte)(c - '0');
            }
        }

        if (n < 13)
        {
            return false;
        }

        int p2 = (digits[0] * 10) + digits[1];
        int p4 = (p2 * 100) + (digits[2] * 10) + digits[3];
        bool knownPrefix = digits[0] == 4                                   // Visa
            || (p2 is >= 51 and <= 55) || (p4 is >= 2221 and <= 2720)       // Mastercard
            || p2 is 34 or 37                                               // American Express
            || p4 == 6011 || p2 == 65 || (p4 is >= 6440 and <= 6499)        // Discover
            || (p4 is >= 3528 and <= 3589)                                  // JCB
            || p2 is 36 or 38 or 39 || (p4 is >= 3000 and <= 3059)          // Diners Club
            || p2 == 62                                                     // UnionPay
            || p2 is 50 or (>= 56 and <= 58) || p2 == 67 || p2 == 63;       // Maestro
        if (!knownPrefix)
        {
            return false;
        }

        int sum = 0;
        for (int i = n - 1, k = 0; i >= 0; i--, k++)
        {
            int v = digits[i];
            if ((k & 1) == 1)
            {
                v *= 2;
                if (v > 9)
                {
                    v -= 9;
                }
            }

            sum += v;
        }

        return sum % 10 == 0;
    }

    /// <summary>Checks a candidate IBAN with the ISO 13616 mod-97 rule (spaces ignored, case-insensitive).</summary>
    internal static bool IsIban(ReadOnlySpan<char> candidate)
    {
        Span<char> iban = stackalloc char[34];
        int n = 0;
        foreach (char c in candidate)
        {
            if (c == ' ')
            {
                continue;
            }

            if (n == 34 || !char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }

            iban[n++] = char.ToUpperInvariant(c);
        }

        if (n < 15 || !char.IsAsciiLetter(iban[0]) || !char.IsAsciiLetter(iban[1]) || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, the number mod 97 must be 1.
        int remainder = 0;
        for (int i = 0; i < n; i++)
        {
            char c = iban[(i + 4) % n];
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
        }

        return remainder == 1;
    }

    private static bool IsPhone(ReadOnlySpan<char> candidate)
    {
        int digits = 0;
        int separators = 0;
        foreach (char c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')' or '/')
            {
                separators++;
            }
        }

        // An international number (+) may be written without separators; a national one needs a separator or a trunk 0.
        return digits is >= 8 and <= 15 && (candidate[0] == '+' || separators > 0 || (candidate[0] == '0' && digits >= 10));
    }

    private static bool Overlaps(ICollection<PiiFinding> findings, int from, int start, int length)
    {
        if (findings is not IList<PiiFinding> list)
        {
            return false;
        }

        for (int i = from; i < list.Count; i++)
        {
            var f = list[i];
            if (start < f.Start + f.Length && f.Start < start + length)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})*\.\p{L}{2,24}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"(?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"(?<![\w+.-])(?<!\d )(?:\+\d{1,3}[ .-]?(?:\(0\)[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .\-/]?\d{2,4}){1,5}|\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}|\d{3}[.-]\d{3}[.-]\d{4}|0[1-9]\d{0,3}(?:[ .-]?\d{2,4}){2,5}|\(0\d{1,4}\)[ ]?\d{2,4}(?:[ .-]?\d{2,4}){1,4})(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(
        @"(?<![\w-])(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|rpa_[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{30,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})|(?i:bearer)\s+[A-Za-z0-9._~+/=-]{20,}|(?i:api[_-]?key|secret|token|password|passwd|pwd)\s*[""']?\s*[:=]\s*[""']?[^\s""',;]{8,}",
        RegexOptions.CultureInvariant)]
    internal static partial Regex SecretRegex();
}
