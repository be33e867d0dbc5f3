using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Inference.Sdk.Requests;

/// <summary>
/// The built-in <see cref="IPiiDetector"/>: e-mail addresses, phone numbers (libphonenumber), payment cards of every issuer
/// range (Luhn), IBANs (ISO 13616 length per country and mod-97), US SSNs and ITINs, UK NINOs, NHS numbers (mod 11),
/// passport numbers near a passport keyword, checksummed crypto addresses, MAC and IP addresses, API-key-like secrets, and
/// the patterns of <see cref="PiiDetectorOptions.CustomPatterns"/>.
/// </summary>
/// <remarks>
/// Candidates come from source-generated regular expressions and are confirmed by checksums, registries and parsers. A
/// finding spans the whole value, and findings never overlap: the kinds are tried from the most to the least specific
/// and a candidate overlapping an earlier finding is dropped. Each family runs only when a cheap pre-check allows it, and a
/// scan of text without findings allocates nothing unless a run of digits could be a phone number by the
/// detector's own rules (see <see cref="PhoneCandidates"/>): only such runs reach libphonenumber, each as a short window.
/// </remarks>
public sealed partial class PiiDetector : IPiiDetector
{
    private const int MinimumSecretRun = 15;
    private const int SecretGateMaxLength = 256;
    private const int KeywordWindow = 40;

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789ABCDEFabcdef");
    private static readonly SearchValues<char> MacSeparators = SearchValues.Create(":-.");
    private static readonly SearchValues<string> SecretMarkers = SearchValues.Create(
        ["sk-", "sk_", "pk_", "rk_", "AKIA", "ASIA", "ghp_", "gho_", "ghs_", "github_pat_", "glpat-", "xox", "AIza", "rpa_", "hf_", "eyJ", "bearer", "api_key", "api-key", "apikey", "secret", "token", "password", "passwd", "pwd"],
        StringComparison.OrdinalIgnoreCase);

    private static readonly Keywords PassportWords = Keywords.Create(
        ["passport", "reisepass", "passeport", "pasaporte", "passaporto", "paspoort", "paszport", "паспорт", "여권", "パスポート", "护照", "護照"]);

    // Presidio's UkNhsRecognizer context words (presidio-analyzer predefined_recognizers/country_specific/uk/uk_nhs_recognizer.py).
    private static readonly SearchValues<string> NhsWords = SearchValues.Create(
        ["nhs", "national health service", "health services authority", "health authority"], StringComparison.OrdinalIgnoreCase);

    private readonly PhoneNumberUtil _phones = PhoneNumberUtil.GetInstance();
    private readonly string[] _regions;
    private readonly CustomPattern[] _custom;

    /// <summary>Initializes a new instance with the standard phone regions and no custom patterns.</summary>
    public PiiDetector()
        : this(null)
    {
    }

    /// <summary>Initializes a new instance.</summary>
    /// <param name="options">The phone regions and custom patterns; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">A region is not one libphonenumber knows, or a custom pattern is empty or not a valid regular expression.</exception>
    public PiiDetector(PiiDetectorOptions? options)
    {
        options ??= new PiiDetectorOptions();
        var regions = new List<string>();
        foreach (string? region in options.DefaultRegions ?? [])
        {
            string code = region?.Trim().ToUpperInvariant() ?? string.Empty;
            if (!_phones.GetSupportedRegions().Contains(code))
            {
                throw new ArgumentException(
                    $"Inference:Router:Pii:DefaultRegions has '{region}', which is not a region libphonenumber knows; use ISO 3166 two-letter codes such as US, GB, DE.",
                    nameof(options));
            }

            if (!regions.Contains(code))
            {
                regions.Add(code);
            }
        }

        _regions = [.. regions];
        var custom = new List<CustomPattern>();
        var patterns = options.CustomPatterns ?? [];
        for (int i = 0; i < patterns.Count; i++)
        {
            custom.Add(CustomPattern.Create(patterns[i], i));
        }

        _custom = [.. custom];
    }

    /// <summary>Gets the shared instance for default options, else a new detector.</summary>
    internal static PiiDetector For(PiiDetectorOptions? options) =>
        options is null || (options.CustomPatterns is { Count: 0 } && options.DefaultRegions is { } r && r.SequenceEqual(PiiDetectorOptions.StandardRegions))
            ? Instance
            : new PiiDetector(options);

    /// <summary>Gets the shared instance with the default options.</summary>
    public static PiiDetector Instance { get; } = new();

    /// <inheritdoc/>
    public void Detect(ReadOnlySpan<char> text, ICollection<PiiFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var found = new FindingSet(stackalloc PiiFinding[16]);
        try
        {
            Scan(text, ref found);
            found.CopyTo(findings);
        }
        finally
        {
            found.Dispose();
        }
    }

    private void Scan(ReadOnlySpan<char> text, ref FindingSet found)
    {
        // Most specific first: a later candidate overlapping an earlier finding is dropped.
        if ((text.Length > SecretGateMaxLength || MayHoldSecret(text)) && text.ContainsAny(SecretMarkers))
        {
            foreach (var m in SecretRegex().EnumerateMatches(text))
            {
                if (IsSecretValue(text.Slice(m.Index, m.Length)))
                {
                    found.TryAdd(PiiKind.Secret, m.Index, m.Length);
                }
            }
        }

        if (text.Contains('@'))
        {
            foreach (var m in EmailRegex().EnumerateMatches(text))
            {
                found.TryAdd(PiiKind.Email, m.Index, m.Length);
            }
        }

        foreach (var pattern in _custom)
        {
            pattern.Find(text, ref found);
        }

        bool hasDigits = text.ContainsAny(Digits);
        int digitRun = hasDigits ? LongestDigitRun(text) : 0;
        if (hasDigits && LongestTokenWithDigit(text) >= 26)
        {
            foreach (var m in CryptoRegex().EnumerateMatches(text))
            {
                if (Crypto.IsAddress(text.Slice(m.Index, m.Length)))
                {
                    found.TryAdd(PiiKind.CryptoAddress, m.Index, m.Length);
                }
            }
        }

        if (digitRun >= 4)
        {
            foreach (var m in IbanStartRegex().EnumerateMatches(text))
            {
                if (Iban.Match(text, m.Index) is > 0 and int length)
                {
                    found.TryAdd(PiiKind.Iban, m.Index, length);
                }
            }
        }

        if (MayHoldMac(text))
        {
            foreach (var m in MacRegex().EnumerateMatches(text))
            {
                if (IsMac(text.Slice(m.Index, m.Length)))
                {
                    found.TryAdd(PiiKind.MacAddress, m.Index, m.Length);
                }
            }
        }

        if (text.Contains("::", StringComparison.Ordinal) || text.Count(':') >= 6)
        {
            foreach (var m in Ipv6Regex().EnumerateMatches(text))
            {
                int zone = ZoneLength(text, m.Index + m.Length);
                int prefix = PrefixLength(text, m.Index + m.Length + zone);
                if (IsIpv6(text.Slice(m.Index, m.Length), prefix > 0))
                {
                    found.TryAdd(PiiKind.IpAddress, m.Index, m.Length + zone + prefix);
                }
            }
        }

        if (digitRun < 4)
        {
            return;
        }

        foreach (var m in Ipv4Regex().EnumerateMatches(text))
        {
            if (IsIpv4(text.Slice(m.Index, m.Length)))
            {
                found.TryAdd(PiiKind.IpAddress, m.Index, m.Length + PrefixLength(text, m.Index + m.Length));
            }
        }

        if (digitRun >= 12)
        {
            foreach (var m in CardRegex().EnumerateMatches(text))
            {
                if (Cards.IsCard(text.Slice(m.Index, m.Length)))
                {
                    found.TryAdd(PiiKind.CreditCard, m.Index, m.Length);
                }
            }
        }

        bool nhsWord = digitRun >= 10 && text.ContainsAny(NhsWords);
        if (nhsWord)
        {
            FindNhs(text, ref found, requireKeyword: true);
        }

        if (digitRun >= 3 && PassportWords.ContainsAny(text))
        {
            foreach (var m in PassportRegex().EnumerateMatches(text))
            {
                if (IsPassportNumber(text.Slice(m.Index, m.Length)) && Near(text, m.Index, m.Length, PassportWords))
                {
                    found.TryAdd(PiiKind.Passport, m.Index, m.Length);
                }
            }
        }

        if (digitRun >= 9)
        {
            foreach (var m in ItinRegex().EnumerateMatches(text))
            {
                found.TryAdd(PiiKind.UsItin, m.Index, m.Length);
            }

            foreach (var m in SsnRegex().EnumerateMatches(text))
            {
                found.TryAdd(PiiKind.UsSsn, m.Index, m.Length);
            }
        }

        if (digitRun >= 6)
        {
            foreach (var m in NinoRegex().EnumerateMatches(text))
            {
                found.TryAdd(PiiKind.UkNino, m.Index, m.Length);
            }
        }

        if (digitRun >= 10)
        {
            FindNhs(text, ref found, requireKeyword: false);
        }

        if (digitRun >= 7)
        {
            FindPhones(text, ref found);
        }
    }

    private void FindPhones(ReadOnlySpan<char> text, ref FindingSet found)
    {
        // libphonenumber reads only the clusters of digits that can hold a phone number the rules below keep, each as a short
        // window (the one allocation per plausible cluster): a list of numbers, a table or a log is one pass over its characters.
        int from = 0;
        while (PhoneCandidates.Next(text, from, out int start, out int end, out int asciiDigits))
        {
            from = end;
            if (PhoneCandidates.MayHoldPhone(text, start, end, asciiDigits))
            {
                int windowStart = start;
                while (windowStart > 0 && start - windowStart < PhoneCandidates.Before && !char.IsAsciiDigit(text[windowStart - 1]))
                {
                    windowStart--;
                }

                int windowEnd = Math.Min(text.Length, end + PhoneCandidates.After);
                FindPhones(text, text[windowStart..windowEnd].ToString(), windowStart, start, end, ref found);
            }
        }
    }

    /// <summary>Runs libphonenumber over one window and keeps the matches that overlap its cluster <c>[start, end)</c>.</summary>
    private void FindPhones(ReadOnlySpan<char> text, string window, int offset, int start, int end, ref FindingSet found)
    {
        // Possible numbers (the right length for their country, in one pass per numbering plan family: North American 7/10
        // digits, and the open lengths of Germany's plan, which make nearly every other national number possible) count when
        // written the way only phone numbers are written (+CC, an international prefix, North American groups), with a phone
        // label near (phone, Tel., Handy, 電話) or right after a verb of calling (call me on, dial, rufen Sie mich unter).
        foreach (string region in (ReadOnlySpan<string>)["US", "DE"])
        {
            foreach (var m in _phones.FindNumbers(window, region, PhoneNumberUtil.Leniency.POSSIBLE, long.MaxValue))
            {
                int at = offset + m.Start;
                if (at < end && at + m.Length > start
                    && IsPhone(text, at, m.Length)
                    && (Phones.HasPhoneShape(text.Slice(at, m.Length))
                        || Phones.Near(text, at, m.Length, Phones.Context.Label)
                        || Phones.AfterCallVerb(text, at)))
                {
                    found.TryAdd(PiiKind.Phone, at, m.Length);
                }
            }
        }

        // Valid numbers (libphonenumber's metadata for one of the default regions) count when written in groups, with a phone
        // label or a word for number near, or as a bare national number of 10 or 11 digits in prose (not code, a log, an
        // amount, an id, a count, a Unix time or a placeholder).
        foreach (string region in _regions)
        {
            foreach (var m in _phones.FindNumbers(window, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                int at = offset + m.Start;
                if (at < end && at + m.Length > start
                    && IsPhone(text, at, m.Length)
                    && (HasSeparator(text.Slice(at, m.Length))
                        || Phones.Near(text, at, m.Length, Phones.Context.LabelOrNumber)
                        || Phones.IsBareNumberInProse(text, at, m.Length)))
                {
                    found.TryAdd(PiiKind.Phone, at, m.Length);
                }
            }
        }
    }

    /// <summary>Whether a 3-3-4 number is a valid North American number (then it is not read as an NHS number without the word NHS).</summary>
    private bool IsValidPhone(ReadOnlySpan<char> candidate)
    {
        try
        {
            return _phones.IsValidNumber(_phones.Parse(candidate.ToString(), "US"));
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    /// <summary>Whether a match stands alone (not glued to letters, not one group of a longer run of digit groups) and is no date, version or SSN.</summary>
    internal static bool IsPhone(ReadOnlySpan<char> text, int start, int length)
    {
        int end = start + length;
        if ((start > 0 && char.IsAsciiLetterOrDigit(text[start - 1])) || (end < text.Length && char.IsAsciiLetterOrDigit(text[end])))
        {
            return false;
        }

        if ((start > 1 && ((text[start - 1] is ' ' or '-' or '.' or ':' or '/' && char.IsAsciiDigit(text[start - 2])) || (text[start - 1] == '-' && char.IsAsciiLetter(text[start - 2]))))
            || (end + 1 < text.Length && text[end] is ' ' or '-' or '.' or ':' or '/' && char.IsAsciiDigit(text[end + 1])))
        {
            return false; // a group of an IBAN, a card, an account number or a timestamp
        }

        if (text[Math.Max(0, start - 12)..start].Contains("ISBN", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var raw = text.Slice(start, length);
        return Phones.NationalDigits(raw) >= 7 && !Phones.LooksLikeDateOrVersion(raw) && !Phones.LooksLikeSsn(raw);
    }

    private static bool HasSeparator(ReadOnlySpan<char> raw) => raw.IndexOfAny(" -.()/+") >= 0;

    private void FindNhs(ReadOnlySpan<char> text, ref FindingSet found, bool requireKeyword)
    {
        foreach (var m in NhsRegex().EnumerateMatches(text))
        {
            // Without the word NHS near, only the printed 3-3-4 form counts: ten bare digits are too often a count or a timestamp.
            var candidate = text.Slice(m.Index, m.Length);
            if (IsNhsNumber(candidate) && (requireKeyword ? Near(text, m.Index, m.Length, NhsWords) : candidate.Length == 12 && !IsValidPhone(candidate)))
            {
                found.TryAdd(PiiKind.NhsNumber, m.Index, m.Length);
            }
        }
    }

    /// <summary>Whether one of <paramref name="words"/> occurs within <see cref="KeywordWindow"/> characters before or after a value.</summary>
    internal static bool Near(ReadOnlySpan<char> text, int start, int length, SearchValues<string> words)
    {
        int from = Math.Max(0, start - KeywordWindow);
        int to = Math.Min(text.Length, start + length + KeywordWindow);
        return text[from..start].ContainsAny(words) || text[(start + length)..to].ContainsAny(words);
    }

    /// <summary>Whether one of <paramref name="words"/> occurs within <see cref="KeywordWindow"/> characters before or after a value.</summary>
    internal static bool Near(ReadOnlySpan<char> text, int start, int length, Keywords words)
    {
        int from = Math.Max(0, start - KeywordWindow);
        int to = Math.Min(text.Length, start + length + KeywordWindow);
        return words.ContainsAny(text[from..start]) || words.ContainsAny(text[(start + length)..to]);
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

        // A run of MinimumSecretRun key characters covers one of the places MinimumSecretRun - 1, 2 * MinimumSecretRun - 1, …: only
        // the runs through those places are measured (in prose, a few words instead of every character).
        for (int at = MinimumSecretRun - 1; at < text.Length; at += MinimumSecretRun)
        {
            if (!IsKeyChar(text[at]))
            {
                continue;
            }

            int start = at;
            while (start > 0 && IsKeyChar(text[start - 1]))
            {
                start--;
            }

            int end = at + 1;
            while (end < text.Length && end - start < MinimumSecretRun && IsKeyChar(text[end]))
            {
                end++;
            }

            if (end - start >= MinimumSecretRun)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '~' or '+' or '/';

    /// <summary>
    /// Whether the MAC pattern can match at all: its colon and dash forms hold a separator with two hex digits on each side and the
    /// same separator three characters on (<c>3c:22:f</c>), its dotted form a dot with four hex digits on each side and another dot
    /// five on (<c>3c22.fb1a.</c>). The regular expression runs only where such a place exists: prose is full of the hex letters a to
    /// f, and a search starting at each of them costs more than this pass over the separators.
    /// </summary>
    internal static bool MayHoldMac(ReadOnlySpan<char> text)
    {
        int i = text.IndexOfAny(MacSeparators);
        while (i >= 0)
        {
            char c = text[i];
            bool candidate = c == '.'
                ? i >= 4 && i + 5 < text.Length && text[i + 5] == '.' && IsHexRun(text.Slice(i - 4, 4)) && IsHexRun(text.Slice(i + 1, 4))
                : i >= 2 && i + 3 < text.Length && text[i + 3] == c && IsHexRun(text.Slice(i - 2, 2)) && IsHexRun(text.Slice(i + 1, 2));
            if (candidate)
            {
                return true;
            }

            int next = text[(i + 1)..].IndexOfAny(MacSeparators);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }

    private static bool IsHexRun(ReadOnlySpan<char> s) => !s.ContainsAnyExcept(HexDigits);

    /// <summary>
    /// Whether an assignment's value can be a secret: not a placeholder (<c>$HF_TOKEN</c>, <c>${TOKEN}</c>, <c>&lt;your-key&gt;</c>) and
    /// not a bare word (<c>not-needed</c>, <c>mypassword</c>); vendor keys, JWTs and bearer tokens always are.
    /// </summary>
    internal static bool IsSecretValue(ReadOnlySpan<char> match)
    {
        int assign = match.IndexOfAny(':', '=');
        if (assign < 0 || match.StartsWith("bearer", StringComparison.OrdinalIgnoreCase) || match.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return true;
        }

        var value = match[(assign + 1)..].TrimStart(" \"'");
        if (value.IsEmpty || value[0] is '$' or '{' or '<' or '%' or '[' || value.StartsWith("os.", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in value)
        {
            if (!char.IsAsciiLetter(c) && c is not ('-' or '_'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Counts the digits of the longest run of digits and number punctuation (space, tab, dot, dash, slash, parentheses, colon).</summary>
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
            else if (run > 0 && c is ' ' or '\t' or '.' or '-' or '/' or '(' or ')' or ':')
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

    /// <summary>The length of the longest run of ASCII letters and digits that holds a digit (crypto addresses are such runs of 26 or more).</summary>
    internal static int LongestTokenWithDigit(ReadOnlySpan<char> text)
    {
        int best = 0;
        int i = text.IndexOfAny(Digits);
        while (i >= 0)
        {
            int start = i;
            while (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
            {
                start--;
            }

            int end = i;
            while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
            {
                end++;
            }

            best = Math.Max(best, end - start);
            int next = end < text.Length ? text[end..].IndexOfAny(Digits) : -1;
            i = next < 0 ? -1 : end + next;
        }

        return best;
    }

    /// <summary>Checks a candidate payment card number (kept for callers of the previous API): see <see cref="Cards.IsCard"/>.</summary>
    internal static bool IsCard(ReadOnlySpan<char> candidate) => Cards.IsCard(candidate);

    /// <summary>Checks a candidate IBAN: the country's ISO 13616 length and mod-97 (spaces and dashes ignored, case-insensitive).</summary>
    internal static bool IsIban(ReadOnlySpan<char> candidate) => Iban.IsValid(candidate);

    /// <summary>An NHS number: ten digits whose modulus 11 check digit (weights 10 to 2) is the last digit.</summary>
    internal static bool IsNhsNumber(ReadOnlySpan<char> candidate)
    {
        Span<int> d = stackalloc int[10];
        int n = 0;
        foreach (char c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 10)
                {
                    return false;
                }

                d[n++] = c - '0';
            }
        }

        if (n != 10)
        {
            return false;
        }

        int sum = 0;
        for (int i = 0; i < 9; i++)
        {
            sum += d[i] * (10 - i);
        }

        int check = 11 - (sum % 11);
        return check != 10 && (check == 11 ? 0 : check) == d[9];
    }

    private static bool IsPassportNumber(ReadOnlySpan<char> candidate)
    {
        int digits = 0, letters = 0;
        foreach (char c in candidate)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (char.IsAsciiLetter(c))
            {
                letters++;
            }
            else
            {
                return false;
            }
        }

        return digits >= 5 && letters <= 3;
    }

    private static bool IsMac(ReadOnlySpan<char> candidate)
    {
        // All zeros and the broadcast address identify no device.
        bool zeros = true, ones = true;
        foreach (char c in candidate)
        {
            if (char.IsAsciiHexDigit(c))
            {
                zeros &= c == '0';
                ones &= c is 'f' or 'F';
            }
        }

        return !zeros && !ones;
    }

    private static bool IsIpv4(ReadOnlySpan<char> candidate) =>
        !candidate.StartsWith("127.", StringComparison.Ordinal) && !candidate.SequenceEqual("0.0.0.0") && !candidate.SequenceEqual("255.255.255.255");

    /// <summary>The length of a CIDR prefix (<c>/24</c>) right after an address, 0 when there is none.</summary>
    private static int PrefixLength(ReadOnlySpan<char> text, int at)
    {
        if (at + 1 >= text.Length || text[at] != '/' || !char.IsAsciiDigit(text[at + 1]))
        {
            return 0;
        }

        int end = at + 1;
        while (end < text.Length && end - at <= 3 && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end < text.Length && char.IsAsciiLetterOrDigit(text[end]) ? 0 : end - at;
    }

    /// <summary>
    /// The length of an IPv6 zone index right after an address, 0 when there is none: <c>%eth0</c>, <c>%3</c> (RFC 4007 section 11),
    /// <c>%25en1</c> in a URI (RFC 6874). The zone is part of the address text, so it is part of the finding.
    /// </summary>
    private static int ZoneLength(ReadOnlySpan<char> text, int at)
    {
        if (at >= text.Length || text[at] != '%')
        {
            return 0;
        }

        int end = at + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '.' or '_' or '~' or '-'))
        {
            end++;
        }

        while (end > at + 1 && text[end - 1] is '.' or '-')
        {
            end--; // the end of a sentence or a dash after the address
        }

        return end > at + 1 ? end - at : 0;
    }

    private static bool IsIpv6(ReadOnlySpan<char> candidate, bool network)
    {
        // A slice such as [::2] or [::-1] parses or nearly parses as IPv6: an address needs two groups, or an embedded IPv4.
        int groups = 0;
        bool inGroup = false;
        foreach (char c in candidate)
        {
            bool hex = char.IsAsciiHexDigit(c);
            if (hex && !inGroup)
            {
                groups++;
            }

            inGroup = hex;
        }

        // A Python slice (l[1::2], [::-1]) has at most two short decimal groups; an address has more groups or a hex letter.
        bool hexLetter = candidate.IndexOfAnyInRange('a', 'f') >= 0 || candidate.IndexOfAnyInRange('A', 'F') >= 0;
        return (groups >= 3 || candidate.Contains('.') || (groups >= 1 && (network || hexLetter)))
            && IPAddress.TryParse(candidate, out var ip)
            && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && !IPAddress.IsLoopback(ip)
            && !ip.Equals(IPAddress.IPv6None);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}_%+-](?:[\p{L}\p{N}._%+'-]{0,62}[\p{L}\p{N}_%+-])?@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63})*\.(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}-])", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}[ -]?[A-Za-z0-9]", RegexOptions.CultureInvariant)]
    private static partial Regex IbanStartRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9-])\d(?:[ -]?\d){11,18}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"(?<![\d.-])(?!000|666|9\d\d)\d{3}([- .])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"(?<![\d.-])9\d{2}([- ]?)(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])\1\d{4}(?![\d-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex ItinRegex();

    // HMRC's NINO rules (NIM39110): no D, F, I, Q, U or V in the prefix, no O second, never BG, GB, KN, NK, NT, TN or ZZ; six digits
    // however they are grouped (2-2-2 on the card, 3-3 or 6 in forms; a space, a few spaces or tabs, or a dash); a suffix A to D.
    [GeneratedRegex(@"(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ|bg|gb|kn|nk|nt|tn|zz)[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z](?:[ \t]{1,3}|-)?\d(?:(?:[ \t]{1,3}|-)?\d){5}(?:[ \t]{1,3}|-)?[A-Da-d](?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex NinoRegex();

    [GeneratedRegex(@"(?<![\d-])\d{3}([- ]?)\d{3}\1\d{4}(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex NhsRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z0-9]{6,9}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex PassportRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:[13][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc1|tb1)[02-9ac-hj-np-z]{8,87}|(?:BC1|TB1)[02-9AC-HJ-NP-Z]{8,87}|0x[0-9A-Fa-f]{40})(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CryptoRegex();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:.-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])|(?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])", RegexOptions.CultureInvariant)]
    internal static partial Regex MacRegex();

    [GeneratedRegex(@"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(@"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{1,4})?(?![\w:]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex(
        @"(?<![\w-])(?:sk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}|(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}|(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|rpa_[A-Za-z0-9]{20,}|hf_[A-Za-z0-9]{30,}|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})|(?i:bearer)\s+[A-Za-z0-9._~+/=-]{20,}|(?i:api[_-]?key|secret|token|password|passwd|pwd)\s*[""']?\s*[:=]\s*[""']?[^\s""',;]{8,}",
        RegexOptions.CultureInvariant)]
    internal static partial Regex SecretRegex();
}
