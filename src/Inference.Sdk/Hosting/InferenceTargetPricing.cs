using System;
using System.Collections.Concurrent;
using Inference.Sdk.Costs;
using Microsoft.Extensions.Options;

namespace Inference.Sdk.Hosting;

/// <summary>The pricing model of every target, built once from the options (so the meter and the router agree), and GPU-hour targets registered for utilization.</summary>
internal sealed class InferenceTargetPricing(IOptions<InferenceOptions> options, GpuUtilizationTracker utilization, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, PricingModel> _pricing = new(StringComparer.OrdinalIgnoreCase);

    public PricingModel Get(string target) => _pricing.GetOrAdd(target, name =>
    {
        PricingModel pricing = InferencePricing.For(options.Value.Targets[name], DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (pricing is GpuHourPricing hourly)
        {
            utilization.Register(name, hourly);
        }

        return pricing;
    });
}
