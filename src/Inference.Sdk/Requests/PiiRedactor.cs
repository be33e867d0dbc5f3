using System;

namespace Inference.Sdk.Requests;

/// <summary>The placeholder label of each kind (<c>[EMAIL]</c>); <see cref="PiiRedaction"/> numbers it per value (<c>[EMAIL_1]</c>).</summary>
internal static class PiiRedactor
{
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
