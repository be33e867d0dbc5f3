using System;
using System.Globalization;

namespace Inference.Sdk.Knowledge;

/// <summary>
/// One GPU price quote: who rents (or owns) which GPU, how many in the bundle, per GPU-hour in USD, on what capacity,
/// as of which month and from which source. Prices move monthly: see <see cref="OfferCatalog.WithOverrides"/>.
/// </summary>
public sealed record PriceOffer
{
    private readonly decimal? _usdPerGpuHourHigh;

    /// <summary>Creates a price quote.</summary>
    /// <param name="provider">Who sells it; <see langword="null"/> for a market-wide quote ("various providers").</param>
    /// <param name="gpu">The GPU.</param>
    /// <param name="gpuCount">GPUs in the bundle the quote is for (8 for an 8-GPU node), at least 1.</param>
    /// <param name="usdPerGpuHour">USD per GPU-hour (the low end when the source quotes a range).</param>
    /// <param name="capacity">On-demand, spot, owned (amortized) or per token.</param>
    /// <param name="asOf">The month the price was quoted, "yyyy-MM".</param>
    /// <param name="source">Where the price comes from.</param>
    /// <exception cref="ArgumentException">A parameter is out of range or malformed; the exception names it.</exception>
    public PriceOffer(ProviderKind? provider, GpuKind gpu, int gpuCount, decimal usdPerGpuHour, CapacityType capacity, string asOf, string source)
    {
        Provider = provider is ProviderKind p ? Guard.Defined(p, nameof(provider)) : null;
        Gpu = Guard.Defined(gpu, nameof(gpu));
        GpuCount = Guard.Positive(gpuCount, nameof(gpuCount));
        UsdPerGpuHour = Guard.NotNegative(usdPerGpuHour, nameof(usdPerGpuHour));
        Capacity = Guard.Defined(capacity, nameof(capacity));
        AsOf = IsYearMonth(Guard.NotNull(asOf, nameof(asOf)))
            ? asOf
            : throw new ArgumentException("The month must be written yyyy-MM, e.g. 2026-05.", nameof(asOf));
        Source = Guard.NotNullOrWhiteSpace(source, nameof(source));
    }

    /// <summary>Gets who sells it; <see langword="null"/> for a market-wide quote ("various providers").</summary>
    public ProviderKind? Provider { get; }

    /// <summary>Gets the GPU.</summary>
    public GpuKind Gpu { get; }

    /// <summary>Gets how many GPUs the quoted bundle has (8 for an 8-GPU node).</summary>
    public int GpuCount { get; }

    /// <summary>Gets the price per GPU-hour in USD (the low end when the source quotes a range).</summary>
    public decimal UsdPerGpuHour { get; }

    /// <summary>Gets the high end of the price per GPU-hour when the source quotes a range; otherwise <see langword="null"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below <see cref="UsdPerGpuHour"/>.</exception>
    public decimal? UsdPerGpuHourHigh
    {
        get => _usdPerGpuHourHigh;
        init => _usdPerGpuHourHigh = value is not decimal high || high >= UsdPerGpuHour
            ? value
            : throw new ArgumentOutOfRangeException(nameof(UsdPerGpuHourHigh), high, "The high end of a price range must not be below its low end.");
    }

    /// <summary>Gets how the capacity is bought.</summary>
    public CapacityType Capacity { get; }

    /// <summary>Gets the month the price was quoted, "yyyy-MM" (sorts chronologically as text).</summary>
    public string AsOf { get; }

    /// <summary>Gets where the price comes from.</summary>
    public string Source { get; }

    /// <summary>Gets a note on how to read the quote, when the source qualifies it.</summary>
    public string? Note { get; init; }

    /// <summary>Gets the price of the whole bundle per hour: <see cref="UsdPerGpuHour"/> × <see cref="GpuCount"/>.</summary>
    public decimal UsdPerHour => UsdPerGpuHour * GpuCount;

    /// <summary>Returns the quote on one line, e.g. "RunPod H100 SXM5 on-demand $2.69/GPU-h (2026-03, DeployBase.AI ...)".</summary>
    /// <returns>A human description.</returns>
    public override string ToString()
    {
        string price = UsdPerGpuHourHigh is decimal high
            ? string.Format(CultureInfo.InvariantCulture, "${0:0.00}-{1:0.00}", UsdPerGpuHour, high)
            : string.Format(CultureInfo.InvariantCulture, "${0:0.00###}", UsdPerGpuHour);
        string bundle = GpuCount > 1 ? string.Format(CultureInfo.InvariantCulture, " ×{0}", GpuCount) : string.Empty;
        return string.Format(CultureInfo.InvariantCulture, "{0} {1}{2} {3} {4}/GPU-h ({5}, {6})",
            Provider?.ToString() ?? "Market", Gpus.Get(Gpu).DisplayName, bundle, Capacity, price, AsOf, Source);
    }

    private static bool IsYearMonth(string text)
        => text.Length == 7 && text[4] == '-'
            && int.TryParse(text.Substring(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year) && year >= 2000
            && int.TryParse(text.Substring(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month) && month is >= 1 and <= 12;
}
