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

    /// <summary>A US individual taxpayer identification number (<c>9XX-7X-XXXX</c> and the other IRS middle-digit ranges).</summary>
    UsItin,

    /// <summary>A UK National Insurance number (two prefix letters from the allowed set, six digits, suffix A to D).</summary>
    UkNino,

    /// <summary>An NHS number (ten digits, modulus 11 check digit).</summary>
    NhsNumber,

    /// <summary>A passport number written near a word for passport.</summary>
    Passport,

    /// <summary>A cryptocurrency address whose checksum passes (Bitcoin Base58Check, Bech32 or Bech32m; Ethereum EIP-55 mixed case).</summary>
    CryptoAddress,

    /// <summary>A MAC address (six hexadecimal pairs separated by colons or dashes, or three dotted groups of four).</summary>
    MacAddress,

    /// <summary>A value matched by a pattern of <see cref="PiiDetectorOptions.CustomPatterns"/>.</summary>
    Custom,
}
