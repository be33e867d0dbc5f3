using System;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>Group keys, windows and the integer unit (nano-dollars) the ledgers share.</summary>
internal static class CostKeys
{
    internal const decimal NanosPerUsd = 1_000_000_000m;

    internal static readonly CostDimension[] Dimensions = Enum.GetValues<CostDimension>();

    private static readonly string[] ProviderNames = Array.ConvertAll(Enum.GetValues<ProviderKind>(), p => p.ToString());
    private static readonly string[] TierNames = Array.ConvertAll(Enum.GetValues<TargetTier>(), t => t.ToString());

    /// <summary>USD to whole nano-dollars, rounded half away from zero.</summary>
    internal static long ToNanos(decimal usd)
    {
        // A cost already has at most 9 decimals (PricingModel.UsdDecimals): scale its integer mantissa instead of multiplying decimals.
        Span<int> bits = stackalloc int[4];
        _ = decimal.GetBits(usd, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        if (bits[2] == 0 && bits[1] >= 0 && scale <= 9)
        {
            long mantissa = ((long)bits[1] << 32) | (uint)bits[0];
            long factor = Pow10[9 - scale];
            if (mantissa <= long.MaxValue / factor)
            {
                long nanos = mantissa * factor;
                return bits[3] < 0 ? -nanos : nanos;
            }
        }

        return ToNanosSlow(usd);
    }

    /// <summary><see cref="ToNanos"/> in decimal arithmetic (any scale, any size).</summary>
    internal static long ToNanosSlow(decimal usd) => (long)decimal.Round(usd * NanosPerUsd, 0, MidpointRounding.AwayFromZero);

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    internal static decimal ToUsd(long nanos) => nanos / NanosPerUsd;

    internal static DateOnly WindowStart(CostWindow window, DateTimeOffset at)
    {
        DateTime utc = at.UtcDateTime;
        return window == CostWindow.Day ? DateOnly.FromDateTime(utc) : new DateOnly(utc.Year, utc.Month, 1);
    }

    internal static string KeyOf(CostDimension dimension, RequestCost cost) => dimension switch
    {
        CostDimension.Global => ICostLedger.GlobalKey,
        CostDimension.Target => cost.Target,
        CostDimension.Provider => Name(ProviderNames, (int)cost.Provider, cost.Provider),
        CostDimension.Model => cost.Model ?? ICostLedger.NoTenantKey,
        CostDimension.Tier => Name(TierNames, (int)cost.Tier, cost.Tier),
        CostDimension.Tenant => cost.Tenant ?? ICostLedger.NoTenantKey,
        CostDimension.Endpoint => cost.Endpoint ?? cost.Target,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    internal static string Normalize(CostDimension dimension, string? key)
        => dimension == CostDimension.Global ? ICostLedger.GlobalKey : key ?? ICostLedger.NoTenantKey;

    private static string Name<T>(string[] names, int index, T value)
        where T : struct, Enum
        => (uint)index < (uint)names.Length ? names[index] : value.ToString();
}
