using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Inference.Sdk.Costs;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>
/// The pricing of every target, built once from the options (so the meter and the router agree), with GPU-hour targets
/// registered for utilization; and the hosted list prices (<see cref="HostedPriceTable"/>) hosted-API targets without a typed
/// price are priced from: the shipped table until <see cref="Reprice"/> brings a newer one.
/// </summary>
internal sealed class InferenceTargetPricing(IOptions<InferenceOptions> options, GpuUtilizationTracker utilization, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, MeteredTarget> _metered = new(StringComparer.OrdinalIgnoreCase);
    private HostedPriceTable _hosted = HostedPriceTable.Default;

    /// <summary>Gets the list prices hosted targets are priced from now.</summary>
    public HostedPriceTable Hosted => Volatile.Read(ref _hosted);

    /// <summary>Gets how a target charges now.</summary>
    public PricingModel Get(string target) => Metered(target).Pricing;

    /// <summary>Gets what the cost meter of a target bills: the same instance for the target's whole life, repriced in place.</summary>
    public MeteredTarget Metered(string name) => _metered.GetOrAdd(name, n =>
    {
        InferenceTargetOptions target = options.Value.Targets[n];
        PricingModel pricing = InferencePricing.For(target, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), Hosted);
        if (pricing is GpuHourPricing hourly)
        {
            utilization.Register(n, hourly);
        }

        return new MeteredTarget(n, pricing, target.Provider, target.Tier, target.Model);
    });

    /// <summary>Whether a target is priced from the hosted list prices: a hosted API with no price of its own typed.</summary>
    public static bool PricedFromList(InferenceTargetOptions target) =>
        InferencePricing.IsHostedApi(target)
        && target is { InputUsdPerMillionTokens: null, OutputUsdPerMillionTokens: null, UsdPerGpuHour: null, UsdPerServerlessSecond: null };

    /// <summary>
    /// Prices the targets that read the list from <paramref name="table"/> from now on (meter and router alike); typed prices
    /// never change. Returns the targets whose prices changed, with their new pricing.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, PerTokenPricing>> Reprice(HostedPriceTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Volatile.Write(ref _hosted, table);
        var changed = new List<KeyValuePair<string, PerTokenPricing>>();
        foreach ((string name, InferenceTargetOptions target) in options.Value.Targets)
        {
            if (!PricedFromList(target) || InferencePricing.For(target, table.AsOf, table) is not PerTokenPricing fresh)
            {
                continue;
            }

            MeteredTarget metered = Metered(name);
            if (metered.Pricing is not PerTokenPricing current || !SamePrices(current, fresh))
            {
                metered.Reprice(fresh);
                changed.Add(KeyValuePair.Create(name, fresh));
            }
        }

        return changed;
    }

    private static bool SamePrices(PerTokenPricing a, PerTokenPricing b) =>
        a.InputUsdPerMillionTokens == b.InputUsdPerMillionTokens && a.OutputUsdPerMillionTokens == b.OutputUsdPerMillionTokens
        && a.CachedInputUsdPerMillionTokens == b.CachedInputUsdPerMillionTokens && a.ReasoningUsdPerMillionTokens == b.ReasoningUsdPerMillionTokens;
}
