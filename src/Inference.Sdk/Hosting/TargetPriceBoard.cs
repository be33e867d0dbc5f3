using System;
using System.Collections.Concurrent;
using Inference.Sdk.Providers;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The newest live price of each target, written by <see cref="ProviderMonitor"/> and read by the router's expected cost
/// without waiting. The target's own bill (a pod's <c>cost</c>, an instance's price) wins over a catalog price for its GPU.
/// </summary>
internal sealed class TargetPriceBoard
{
    private readonly ConcurrentDictionary<string, ProviderPrice> _own = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ProviderPrice> _catalog = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The price the router uses for <paramref name="target"/>, or <see langword="null"/> when none was read.</summary>
    public ProviderPrice? Latest(string target)
        => _own.TryGetValue(target, out ProviderPrice? own) ? own : _catalog.TryGetValue(target, out ProviderPrice? listed) ? listed : null;

    /// <summary>Records the price the provider reports for the target itself; returns whether the price the router uses changed.</summary>
    public bool RecordOwn(string target, ProviderPrice price) => Record(_own, target, price);

    /// <summary>Records the catalog price of the target's GPU; returns whether the price the router uses changed.</summary>
    public bool RecordCatalog(string target, ProviderPrice price) => Record(_catalog, target, price);

    private bool Record(ConcurrentDictionary<string, ProviderPrice> prices, string target, ProviderPrice price)
    {
        decimal? before = Latest(target)?.UsdPerHour;
        prices[target] = price;
        return before != Latest(target)?.UsdPerHour;
    }
}
