using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Costs;

/// <summary>
/// Ranks the placements of a <see cref="Workload"/> (provider × GPU × count × quantization × engine × capacity) by what they cost a
/// month, with the cost per million tokens at the expected utilization, memory fit (<see cref="MemoryEstimator"/>), break-even
/// against the API bill and against buying, and the seeds' verdicts (<see cref="CostMath"/>). Pure: no I/O.
/// </summary>
public sealed class DeploymentPlanner
{
    /// <summary>Hours in a month (8,760 ÷ 12).</summary>
    public const double HoursPerMonth = CostMath.HoursPerYear / 12;

    private readonly DeploymentPlannerOptions _options;

    /// <summary>Initializes a new instance of the <see cref="DeploymentPlanner"/> class.</summary>
    /// <param name="options">Data and assumptions; the seeds' when <see langword="null"/>.</param>
    public DeploymentPlanner(DeploymentPlannerOptions? options = null)
    {
        _options = options ?? new DeploymentPlannerOptions();
        ArgumentNullException.ThrowIfNull(_options.Offers, "options.Offers");
        ArgumentNullException.ThrowIfNull(_options.Throughputs, "options.Throughputs");
        ArgumentNullException.ThrowIfNull(_options.OwnedHardware, "options.OwnedHardware");
        if (!(_options.SpotOnDemandShareLow is >= 0 and <= 1) || !(_options.SpotOnDemandShareHigh >= _options.SpotOnDemandShareLow && _options.SpotOnDemandShareHigh <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "SpotOnDemandShareLow and SpotOnDemandShareHigh are fractions with low <= high.");
        }

        foreach (OwnedHardware owned in _options.OwnedHardware)
        {
            owned.Validate();
        }
    }

    /// <summary>Formats placements as a plain-text table (for consoles and logs).</summary>
    /// <param name="placements">The placements, in the order to print.</param>
    /// <returns>The table.</returns>
    public static string FormatTable(IEnumerable<Placement> placements)
    {
        ArgumentNullException.ThrowIfNull(placements);
        var text = new StringBuilder();
        text.AppendLine("provider   GPUs              capacity  quant  engine  util   $/Mtok   full $/Mtok  $/month          fits  vs API/month");
        foreach (Placement p in placements)
        {
            text.AppendFormat(
                CultureInfo.InvariantCulture,
                "{0,-10} {1,-17} {2,-9} {3,-6} {4,-7} {5,5:P0} {6,8:0.000} {7,12:0.000}  {8,-16} {9,-5} {10}",
                p.Provider?.ToString() ?? "Market",
                string.Create(CultureInfo.InvariantCulture, $"{p.Replicas * p.GpuCount}× {Gpus.Get(p.Gpu).DisplayName}"),
                p.Capacity,
                p.Quantization,
                p.Engine,
                p.ExpectedUtilization,
                p.UsdPerMillionTokens,
                p.FullLoadUsdPerMillionTokens,
                p.MonthlyUsd == p.MonthlyUsdHigh ? p.MonthlyUsd.ToString("N0", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{p.MonthlyUsd:N0}-{p.MonthlyUsdHigh:N0}"),
                p.Fits ? "yes" : "no",
                p.MonthlySavingsVsApi is { } s ? s.ToString("+#,0;-#,0", CultureInfo.InvariantCulture) : "-");
            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>Ranks the placements of a workload: those that fit first, then by monthly cost, then by cost per million tokens.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>The placements, best first; empty when no throughput figure covers the model.</returns>
    public IReadOnlyList<Placement> Plan(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        workload.Validate();
        ModelSpec model = Models.Get(workload.ModelId);
        double averageTokensPerSecond = workload.TokensPerDay / 86_400.0;
        var placements = new List<Placement>();
        foreach (ThroughputFigure figure in _options.Throughputs.Where(f => string.Equals(f.ModelId, model.Id, StringComparison.OrdinalIgnoreCase)))
        {
            GpuSpec gpu = Gpus.Get(figure.Gpu);
            KvCacheDType kv = gpu.SupportsFp8 ? KvCacheDType.FP8 : KvCacheDType.Auto;
            MemoryEstimate memory = MemoryEstimator.Estimate(model, figure.Quantization, kv, workload.ContextTokens, workload.ConcurrentSequences, figure.Gpu, figure.GpuCount);

            if (!workload.RequiresPrivacy)
            {
                foreach (PriceOffer offer in _options.Offers.Offers.Where(o => o.Gpu == figure.Gpu && o.Capacity is CapacityType.OnDemand or CapacityType.Spot))
                {
                    // A bundle larger than a replica runs several replicas; a replica larger than a bundle rents several bundles.
                    int gpusPerUnit = Math.Max(offer.GpuCount, figure.GpuCount);
                    int replicasPerUnit = gpusPerUnit / figure.GpuCount;
                    decimal unitUsdPerHour = offer.UsdPerGpuHour * gpusPerUnit;
                    PriceOffer? onDemand = offer.Capacity == CapacityType.Spot ? OnDemandFallback(offer) : null;
                    decimal? fallbackUsdPerHour = onDemand is null ? null : onDemand.UsdPerGpuHour * gpusPerUnit;
                    placements.Add(Price(workload, figure, memory, averageTokensPerSecond, offer.Provider, offer.Capacity, unitUsdPerHour, fallbackUsdPerHour,
                        figure.TokensPerSecond * replicasPerUnit, figure.GpuCount * replicasPerUnit, gpu.TypicalPurchasePriceUsd * gpusPerUnit, offer.Source, offer.AsOf));
                }
            }

            foreach (OwnedHardware owned in _options.OwnedHardware.Where(h => h.Gpu == figure.Gpu && h.GpuCount >= figure.GpuCount))
            {
                int replicasPerUnit = owned.GpuCount / figure.GpuCount;
                placements.Add(Price(workload, figure, memory, averageTokensPerSecond, ProviderKind.Local, CapacityType.Owned, owned.UsdPerHour, null,
                    figure.TokensPerSecond * replicasPerUnit, figure.GpuCount * replicasPerUnit, null, owned.Source, null));
            }
        }

        return placements
            .OrderByDescending(p => p.Fits)
            .ThenBy(p => p.MonthlyUsd)
            .ThenBy(p => p.UsdPerMillionTokens)
            .ToArray();
    }

    private PriceOffer? OnDemandFallback(PriceOffer spot)
        => (spot.Provider is { } provider ? _options.Offers.Find(provider, spot.Gpu, CapacityType.OnDemand) : null)
            ?? _options.Offers.Offers.Where(o => o.Provider is null && o.Gpu == spot.Gpu && o.Capacity == CapacityType.OnDemand).MinBy(o => o.UsdPerGpuHour)
            ?? _options.Offers.FindCheapest(spot.Gpu, CapacityType.OnDemand);

    private Placement Price(
        Workload workload, ThroughputFigure figure, MemoryEstimate memory, double averageTokensPerSecond, ProviderKind? provider, CapacityType capacity,
        decimal unitUsdPerHour, decimal? fallbackUnitUsdPerHour, double unitTokensPerSecond, int gpusPerUnit, decimal? unitPurchaseUsd, string source, string? asOf)
    {
        int units = Math.Max(1, (int)Math.Ceiling(averageTokensPerSecond * workload.PeakFactor / unitTokensPerSecond));
        double capacityTokensPerSecond = unitTokensPerSecond * units;
        double utilization = Math.Clamp(averageTokensPerSecond / capacityTokensPerSecond, 1e-9, 1);
        decimal usdPerHour = unitUsdPerHour * units;
        decimal monthly = Monthly(usdPerHour);
        decimal low = monthly;
        decimal high = monthly;
        if (fallbackUnitUsdPerHour is { } fallback)
        {
            decimal fallbackMonthly = Monthly(fallback * units);
            low = Mix(monthly, fallbackMonthly, _options.SpotOnDemandShareLow);
            high = Mix(monthly, fallbackMonthly, _options.SpotOnDemandShareHigh);
        }

        decimal? api = workload.CurrentApiMonthlyUsd;
        return new Placement
        {
            Provider = provider,
            Gpu = figure.Gpu,
            GpuCount = gpusPerUnit,
            Replicas = units,
            Quantization = figure.Quantization,
            Engine = figure.Engine,
            Capacity = capacity,
            UsdPerHour = usdPerHour,
            TokensPerSecond = capacityTokensPerSecond,
            ExpectedUtilization = utilization,
            FullLoadUsdPerMillionTokens = CostMath.EffectiveUsdPerMillionTokens(usdPerHour, capacityTokensPerSecond),
            UsdPerMillionTokens = CostMath.EffectiveUsdPerMillionTokens(usdPerHour, capacityTokensPerSecond, utilization),
            MonthlyUsd = low,
            MonthlyUsdHigh = high,
            Memory = memory,
            MonthlySavingsVsApi = api - low,
            SelfHostVerdict = api is { } bill ? CostMath.SelfHostVerdict(bill * 12, low * 12) : null,
            BuyBreakEvenMonths = capacity != CapacityType.Owned && unitPurchaseUsd is { } purchase && usdPerHour > 0
                ? CostMath.BreakEvenHours(purchase * units, usdPerHour) / HoursPerMonth
                : null,
            UtilizationVerdict = CostMath.Classify(utilization),
            ServerlessOrPodVerdict = CostMath.ServerlessOrPod(utilization),
            PriceSource = source,
            PriceAsOf = asOf,
            ThroughputSource = figure.Source,
        };
    }

    private static decimal Monthly(decimal usdPerHour) => decimal.Round(usdPerHour * (decimal)HoursPerMonth, 2, MidpointRounding.AwayFromZero);

    private static decimal Mix(decimal spot, decimal onDemand, double onDemandShare)
        => decimal.Round((spot * (1 - (decimal)onDemandShare)) + (onDemand * (decimal)onDemandShare), 2, MidpointRounding.AwayFromZero);
}
