using System;

namespace Inference.Sdk.Providers;

/// <summary>A price in USD per hour for a whole target (every GPU it uses), with where it came from and when.</summary>
/// <param name="UsdPerHour">The price in USD per hour.</param>
/// <param name="Source">Where the price came from, e.g. <c>runpod:/v2/pods/{id}</c> or a Knowledge offer's source.</param>
/// <param name="AsOf">When the price was read (live) or published (a catalog offer).</param>
/// <param name="IsLive">Whether the price was read from the provider's API just now rather than from a dated catalog.</param>
public sealed record ProviderPrice(decimal UsdPerHour, string Source, DateTimeOffset AsOf, bool IsLive);
