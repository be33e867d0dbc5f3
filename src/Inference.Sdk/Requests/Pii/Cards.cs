using System;

namespace Inference.Sdk.Requests;

/// <summary>Payment card numbers: the issuer ranges and lengths of ISO/IEC 7812 issuers, and the Luhn check.</summary>
/// <remarks>
/// Ranges (IIN prefix → lengths): UATP 1 (15); GPN 1946 (16, 18, 19); Mir 2200–2204 and BORICA 2205 (16–19); JCB 2131 and
/// 1800 (15); Mastercard 2221–2720 and 51–55 (16); American Express 34, 37 (15); Diners Club 300–305, 3095, 36, 38, 39 (14–19);
/// JCB 35 (16–19: 3528–3589 issued, the rest of 35 reserved to JCB); RuPay 353, 356 and LankaPay 357111 (16); Visa 4 (13, 16, 19); Maestro 50, 56–69 (12–19), which
/// covers Verve, Dankort, RuPay 60/65/508, Discover 6011/644–649/65, UnionPay 62, InstaPayment and InterPayment; RuPay 81, 82
/// and UzCard 8600 (16); Troy 9792 and Humo 9860 (16).
/// </remarks>
internal static class Cards
{
    public static bool IsCard(ReadOnlySpan<char> candidate)
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

        return n >= 12 && IssuerAllows(digits[..n]) && Luhn(digits[..n]);
    }

    private static bool IssuerAllows(ReadOnlySpan<byte> d)
    {
        int n = d.Length;
        int p2 = (d[0] * 10) + d[1];
        int p3 = (p2 * 10) + d[2];
        int p4 = (p3 * 10) + d[3];
        int p6 = (p4 * 100) + (d[4] * 10) + d[5];
        return d[0] switch
        {
            1 => n == 15 || (p4 == 1946 && n is 16 or 18 or 19),
            2 => (p4 is >= 2200 and <= 2205 && n >= 16) || (p4 is >= 2221 and <= 2720 && n == 16) || (p4 == 2131 && n == 15),
            3 => (p2 is 34 or 37 && n == 15)
                 || ((p3 is >= 300 and <= 305 || p4 == 3095 || p2 is 36 or 38 or 39) && n >= 14)
                 || (p2 == 35 && n >= 16)
                 || ((p3 is 353 or 356 || p6 == 357111) && n == 16),
            4 => n is 13 or 16 or 19,
            5 => (p2 is >= 51 and <= 55 && n == 16) || p2 is 50 or (>= 56 and <= 58),
            6 => true,
            8 => (p2 is 81 or 82 || p4 == 8600) && n == 16,
            9 => (p4 is 9792 or 9860) && n == 16,
            0 => p4 == 604 && n >= 12, // Maestro UK 0604
            _ => false,
        };
    }

    private static bool Luhn(ReadOnlySpan<byte> digits)
    {
        int sum = 0;
        for (int i = digits.Length - 1, k = 0; i >= 0; i--, k++)
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
}
