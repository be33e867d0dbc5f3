using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Planner;

/// <summary>The three curves of the break-even chart (hosted API, best rented placement, best owned placement) and where they cross.</summary>
internal sealed record Comparison(Workload Workload, decimal? ApiUsdPerMillionTokens, Placement? Rented, Placement? Owned, double? RentedBeatsApi, double? OwnedBeatsApi, double? OwnedBeatsRented)
{
    /// <summary>How far (× today's volume) to look for the owned-vs-rented crossover.</summary>
    public const double SearchFactor = 10;

    public static Comparison From(Workload workload, IReadOnlyList<Placement> plan, decimal? apiUsdPerMillionTokens)
    {
        Placement? rented = plan.FirstOrDefault(p => p.Fits && p.Capacity != CapacityType.Owned);
        Placement? owned = plan.FirstOrDefault(p => p.Fits && p.Capacity == CapacityType.Owned);
        return new(
            workload,
            apiUsdPerMillionTokens,
            rented,
            owned,
            rented is not null && apiUsdPerMillionTokens is { } a ? BreakEven.ApiBreakEvenTokensPerDay(rented, workload, a) : null,
            owned is not null && apiUsdPerMillionTokens is { } b ? BreakEven.ApiBreakEvenTokensPerDay(owned, workload, b) : null,
            rented is not null && owned is not null ? BreakEven.CrossoverTokensPerDay(rented, owned, workload, SearchFactor * workload.TokensPerDay) : null);
    }

    public static string Name(Placement p) => p.Capacity == CapacityType.Owned
        ? $"owned {p.GpuCount * p.Replicas}× {Gpus.Get(p.Gpu).DisplayName}"
        : $"{p.Provider?.ToString() ?? "market"} {p.Capacity} {p.GpuCount * p.Replicas}× {Gpus.Get(p.Gpu).DisplayName}";

    public static string Volume(double tokensPerDay) => $"{tokensPerDay / 1e6:0.0} M tokens/day";
}
