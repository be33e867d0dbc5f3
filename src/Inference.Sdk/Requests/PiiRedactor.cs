using System;
using System.Collections.Generic;
using System.Text;

namespace Inference.Sdk.Requests;

/// <summary>Replaces findings with placeholders such as <c>[EMAIL]</c>; nothing is restored afterwards.</summary>
internal static class PiiRedactor
{
    public static string Redact(string text, List<PiiFinding> findings)
    {
        findings.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var sb = new StringBuilder(text.Length);
        int at = 0;
        foreach (var f in findings)
        {
            if (f.Start < at)
            {
                continue; // overlaps a finding already replaced
            }

            sb.Append(text, at, f.Start - at).Append(Placeholder(f.Kind));
            at = f.Start + f.Length;
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    public static string Placeholder(PiiKind kind) => kind switch
    {
        PiiKind.Email => "[EMAIL]",
        PiiKind.Phone => "[PHONE]",
        PiiKind.CreditCard => "[CARD]",
        PiiKind.Iban => "[IBAN]",
        PiiKind.UsSsn => "[SSN]",
        PiiKind.IpAddress => "[IP]",
        PiiKind.Secret => "[SECRET]",
        PiiKind.UsItin => "[ITIN]",
        PiiKind.UkNino => "[NINO]",
        PiiKind.NhsNumber => "[NHS]",
        PiiKind.Passport => "[PASSPORT]",
        PiiKind.CryptoAddress => "[CRYPTO]",
        PiiKind.MacAddress => "[MAC]",
        PiiKind.Custom => "[PII]",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown PII kind."),
    };
}
