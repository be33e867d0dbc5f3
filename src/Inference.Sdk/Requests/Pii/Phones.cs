using System;

namespace Inference.Sdk.Requests;

/// <summary>The shape checks around libphonenumber's matches: what only phone numbers look like, and what dates and versions look like.</summary>
internal static class Phones
{
    /// <summary>How far (characters before and after a number) a context word is looked for.</summary>
    public const int ContextWindow = 40;

    // Whole words naming a phone (phone, Tel., Fax:, Handy, 電話): they make any possible number near them a phone number, even a bare
    // run of digits. Inside identifiers too (phone_number, mobilePhone).
    private static readonly string[] LabelList =
    [
        "phone", "phones", "telephone", "cellphone", "smartphone", "tel", "tel.", "tel:", "mobile", "mob", "cell", "fax", "whatsapp",
        "sms", "voicemail", "hotline", "helpline",
        "telefon", "telefonnummer", "rufnummer", "handy", "handynummer", "mobil", "mobilnummer", "faxnummer", "durchwahl",
        "téléphone", "tél", "teléfono", "móvil", "celular", "telefono", "cellulare", "telefoon", "telefoonnummer", "mobiel", "gsm",
        "telefone", "telemóvel", "telefonu", "cep no", "cep tel", "cep telefonu", "tlf", "puhelin", "komórka", "τηλέφωνο", "טלפון", "هاتف",
        "телефон", "тел", "моб", "電話", "电话", "手机", "携帯", "전화", "휴대폰",
    ];

    // Before a bare run of digits: what makes it an id, a count, a time or an amount rather than a phone number.
    private static readonly string[] NotPhoneBefore =
    [
        "id", "ids", "#", "no", "order", "invoice", "ticket", "ref", "reference", "tracking", "transaction", "txn", "serial", "build",
        "pid", "uid", "gid", "epoch", "timestamp", "ts", "seed", "size", "total", "count", "sum", "balance", "amount", "price", "cost",
        "population", "isbn", "ean", "upc", "sku", "version", "offset", "port", "hash", "block", "nonce", "step", "steps", "iteration",
        "of", "than", "over", "about", "approximately", "around", "exactly", "only", "all", "first", "last", "top", "with", "is", "was",
        "are", "were", "be", "equals", "returns", "return", "value", "max", "min", "maximum", "minimum", "limit", "int", "long", "result",
        "answer", "score", "between", "from", "by", "multiply", "divide", "add", "plus", "minus", "times", "code", "pin", "otp", "zip", "seeds",
        "compute", "calculate", "factor", "factorize", "prime", "square", "sqrt",
    ];

    // After a bare run of digits: units and things counted.
    private static readonly string[] NotPhoneAfter =
    [
        "ms", "ns", "us", "µs", "s", "sec", "secs", "second", "seconds", "min", "minutes", "h", "hours", "days", "years", "b", "bytes", "kb",
        "mb", "gb", "tb", "bits", "tokens", "times", "rows", "records", "items", "entries", "users", "people", "views", "downloads", "votes",
        "requests", "calls", "words", "lines", "steps", "km", "m", "kg", "g", "usd", "eur", "gbp", "dollars", "euros", "yen", "rupees", "won",
        "yuan", "lira", "points", "px", "hz", "mhz", "ghz", "parameters", "params", "samples", "iterations", "and", "or", "to", "x", "is", "mod", "modulo", "divided", "plus", "minus", "squared", "percent", "more",
        "less", "fewer", "new", "left", "remaining", "total", "each", "per",
    ];

    // The verbs of calling: a number right after one (call me on …, dial …, not answering at …, rufen Sie mich unter … an) is a phone
    // number, written in groups or not. Only right before the number, so that "called 1 000 000 times" stays a count.
    private static readonly string[] CallVerbs =
    [
        "call", "calling", "dial", "dialing", "dialling", "phone", "contact", "answering", "whatsapp", "anrufen", "rufen", "ruf", "appeler",
        "appelez", "appelle", "appelle-moi", "llamar", "llame", "llámame", "llamame", "chiamare", "chiama", "chiamami", "bel", "bellen",
        "ligar", "ligue", "ligue-me", "позвоните", "звоните",
    ];

    // Verbs that are phone verbs only with a person after them (text me at …, reach us on …, ring me on …).
    private static readonly string[] PersonVerbs = ["text", "reach", "ring", "message", "sms"];

    // Between the verb and the number: a person and a preposition (call me on, rufen Sie mich unter, appelez-moi au).
    private static readonly string[] Persons = ["me", "us", "him", "her", "them", "moi", "nous", "mich", "uns", "sie", "mi", "ci", "nos", "mij", "ons", "мне", "нам"];
    private static readonly string[] Prepositions = ["on", "at", "to", "via", "now", "back", "anytime", "unter", "an", "au", "sur", "al", "en", "su", "al", "op", "em", "no", "pelo", "по"];

    // Words for "number": with them a run of digits *valid* for a default region is a phone number (my CN number is 13812345678).
    private static readonly string[] NumberList = ["number", "no.", "nr", "nr.", "numero", "número", "numéro", "nummer", "numaram", "номер", "番号", "号码", "번호"];

    private static readonly Keywords LabelSearch = Keywords.Create(LabelList);
    private static readonly Keywords LabelOrNumberSearch = Keywords.Create([.. LabelList, .. NumberList]);

    /// <summary>How a number is confirmed by the words around it.</summary>
    public enum Context
    {
        /// <summary>A phone label (phone, Tel., Fax, Handy, 電話).</summary>
        Label,

        /// <summary>A phone label or a word for number (number, Nr., numéro).</summary>
        LabelOrNumber,
    }

    /// <summary>Whether a word of <paramref name="context"/> stands within <see cref="ContextWindow"/> characters before or after a number.</summary>
    public static bool Near(ReadOnlySpan<char> text, int start, int length, Context context)
    {
        int from = Math.Max(0, start - ContextWindow);
        int to = Math.Min(text.Length, start + length + ContextWindow);
        return HasWord(text[from..start], context) || HasWord(text[(start + length)..to], context);
    }

    /// <summary>
    /// Whether the words right before a number are a verb of calling with its person and preposition: <c>call me on</c>,
    /// <c>not answering at</c>, <c>dial</c>, <c>reach us at</c>, <c>rufen Sie mich unter</c>, <c>appelez-moi au</c>.
    /// </summary>
    public static bool AfterCallVerb(ReadOnlySpan<char> text, int start)
    {
        int end = start;
        bool person = false;
        for (int words = 0; words < 5; words++)
        {
            // Back over spaces, a colon or a hyphen (appelez-moi) to the previous word.
            while (end > 0 && text[end - 1] is ' ' or '\t' or ':' or '-' or '\u00A0')
            {
                end--;
            }

            int begin = end;
            while (begin > 0 && char.IsLetter(text[begin - 1]))
            {
                begin--;
            }

            if (begin == end || (begin > 0 && (text[begin - 1] == '_' || char.IsAsciiDigit(text[begin - 1]))))
            {
                return false;
            }

            var word = text[begin..end];
            if (IsOneOf(word, CallVerbs) || (person && IsOneOf(word, PersonVerbs)))
            {
                return true;
            }

            if (IsOneOf(word, Persons))
            {
                person = true;
            }
            else if (person || !IsOneOf(word, Prepositions))
            {
                return false; // a person comes right after the verb, a preposition after the person
            }

            end = begin;
        }

        return false;
    }

    private static bool IsOneOf(ReadOnlySpan<char> word, string[] words)
    {
        foreach (string w in words)
        {
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="window"/> holds a word of the context as a whole word (not <c>microphone</c>, <c>recall</c>, <c>tell</c>).</summary>
    private static bool HasWord(ReadOnlySpan<char> window, Context context)
    {
        var search = context switch
        {
            Context.Label => LabelSearch,
            _ => LabelOrNumberSearch,
        };
        int offset = 0;
        while (offset < window.Length)
        {
            int i = search.IndexOfAny(window[offset..]);
            if (i < 0)
            {
                return false;
            }

            i += offset;
            if (IsWordAt(window, i, LabelList, identifier: true)
                || (context == Context.LabelOrNumber && IsWordAt(window, i, NumberList, identifier: true)))
            {
                return true;
            }

            offset = i + 1;
        }

        return false;
    }

    /// <summary>
    /// Whether one of <paramref name="words"/> starts at <paramref name="i"/> as a word: no letter right before or after it (in an
    /// <paramref name="identifier"/>, <c>_</c> and a lower-to-upper case change separate words too: phone_number, mobilePhone).
    /// </summary>
    private static bool IsWordAt(ReadOnlySpan<char> window, int i, string[] words, bool identifier)
    {
        // Scripts written without spaces (電話番号, 携帯電話) have no word boundaries to check.
        bool spaced = window[i] < '\u2E80';
        if (spaced && i > 0 && IsWordChar(window[i - 1], identifier) && !(identifier && char.IsLower(window[i - 1]) && char.IsUpper(window[i])))
        {
            return false;
        }

        var rest = window[i..];
        foreach (string word in words)
        {
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase)
                && (!spaced || rest.Length == word.Length || !char.IsLetter(word[^1]) || !IsWordChar(rest[word.Length], identifier)
                    || (identifier && char.IsUpper(rest[word.Length]))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c, bool identifier) => char.IsLetter(c) || (!identifier && (c == '_' || char.IsAsciiDigit(c)));

    /// <summary>
    /// Whether a bare run of 10 or 11 digits (<c>5321234567</c>, <c>02121234567</c>), already valid for a default region, reads as a
    /// phone number written in prose: not on a line of code, JSON, a table or a log (<c>{ } [ ] ; = &lt; &gt; | ` " _</c>), not in
    /// quotes, not an amount or a hash (<c>$</c>, <c>#</c>, <c>%</c> around it), not after a word that makes it an id, a count or
    /// a time (<c>order</c>, <c>id</c>, <c>total</c>), not before a unit (<c>ms</c>, <c>bytes</c>, <c>tokens</c>), not a Unix time
    /// (ten digits from 1), not one item of a list of numbers (<c>3214567890, 2964567812</c>), and no placeholder (<c>1234567890</c>: eight digits counting up or down, seven alike).
    /// </summary>
    public static bool IsBareNumberInProse(ReadOnlySpan<char> text, int start, int length)
    {
        var run = text.Slice(start, length);
        if (length is < 10 or > 11 || run.IndexOfAnyExceptInRange('0', '9') >= 0 || (length == 10 && run[0] == '1') || IsPlaceholder(run))
        {
            return false;
        }

        int lineStart = text[..start].LastIndexOfAny('\n', '\r') + 1;
        int lineEnd = text[(start + length)..].IndexOfAny('\n', '\r');
        lineEnd = lineEnd < 0 ? text.Length : start + length + lineEnd;
        var line = text[Math.Max(lineStart, start - 60)..Math.Min(lineEnd, start + length + 60)];
        if (line.IndexOfAny("{}[];=<>|`\"_\t") >= 0)
        {
            return false;
        }

        var before = text[lineStart..start].TrimEnd(" \u00A0");
        var after = text[(start + length)..lineEnd].TrimStart(" \u00A0");
        if ((before.Length > 0 && before[^1] is '"' or '\'' or '#' or '$' or '€' or '£' or '¥' or '/' or '\\' or '.' or '+' or '*' or '@' or '&' or '~')
            || (after.Length > 0 && after[0] is '"' or '\'' or '%' or '$' or '€' or '*' or '/' or '\\' or '@' or '&' or '+' or '_'))
        {
            return false;
        }

        return !IsListItem(before, after) && !IsOneOf(LastWord(before.TrimEnd(":-"), out _), NotPhoneBefore) && !IsOneOf(FirstWord(after), NotPhoneAfter);
    }

    /// <summary>Whether a bare number is one item of a list of numbers (<c>3214567890, 2964567812</c>): a digit right across a comma before or after it.</summary>
    private static bool IsListItem(ReadOnlySpan<char> before, ReadOnlySpan<char> after)
    {
        if (before.Length > 0 && before[^1] == ',')
        {
            var item = before[..^1].TrimEnd(" \u00A0");
            if (item.Length > 0 && char.IsAsciiDigit(item[^1]))
            {
                return true;
            }
        }

        if (after.Length > 0 && after[0] == ',')
        {
            var item = after[1..].TrimStart(" \u00A0");
            return item.Length > 0 && char.IsAsciiDigit(item[0]);
        }

        return false;
    }

    private static ReadOnlySpan<char> LastWord(ReadOnlySpan<char> s, out int begin)
    {
        s = s.TrimEnd(" \u00A0");
        begin = s.Length;
        while (begin > 0 && (char.IsLetter(s[begin - 1]) || s[begin - 1] == '#'))
        {
            begin--;
        }

        return s[begin..];
    }

    private static ReadOnlySpan<char> FirstWord(ReadOnlySpan<char> s)
    {
        int end = 0;
        while (end < s.Length && (char.IsLetter(s[end]) || s[end] == 'µ'))
        {
            end++;
        }

        return s[..end];
    }

    /// <summary>Whether digits are a placeholder: eight counting up or down by one (<c>1234567890</c>, <c>9876543210</c>) or seven alike (<c>5555555555</c>).</summary>
    private static bool IsPlaceholder(ReadOnlySpan<char> digits)
    {
        int up = 1, down = 1, same = 1;
        for (int i = 1; i < digits.Length; i++)
        {
            int step = (digits[i] - digits[i - 1] + 10) % 10;
            up = step == 1 ? up + 1 : 1;
            down = step == 9 ? down + 1 : 1;
            same = step == 0 ? same + 1 : 1;
            if (up >= 8 || down >= 8 || same >= 7)
            {
                return true;
            }
        }

        return false;
    }

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
