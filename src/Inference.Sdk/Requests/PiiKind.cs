namespace Inference.Sdk.Requests;

/// <summary>The kinds of personal data and secrets the built-in <see cref="PiiDetector"/> finds.</summary>
public enum PiiKind
{
    /// <summary>An e-mail address.</summary>
    Email,

    /// <summary>A telephone number (international with <c>+</c>, national with a trunk <c>0</c>, or North American).</summary>
    Phone,

    /// <summary>A payment card number that passes the Luhn check and has a known issuer prefix.</summary>
    CreditCard,

    /// <summary>An IBAN whose ISO 13616 mod-97 check passes.</summary>
    Iban,

    /// <summary>A US social security number.</summary>
    UsSsn,

    /// <summary>An IPv4 or IPv6 address.</summary>
    IpAddress,

    /// <summary>A secret: an API key with a known prefix, a bearer token, a JWT, or a <c>password=...</c> style assignment.</summary>
    Secret,
}
