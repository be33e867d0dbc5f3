using Inference.Sdk.Costs;
using Inference.Sdk.Knowledge;

namespace Planner;

/// <summary>Prints the ranked placements as a table, then why the first wins and where the curves cross.</summary>
internal static class Report
{
    public static void Print(TextWriter output, Workload w, IReadOnlyList<Placement> plan, Comparison comparison, int top)
    {
        output.WriteLine($"Workload: {w.ModelId}, {Comparison.Volume(w.TokensPerDay)} ({w.InputTokensPerDay / 1e6:0.0} M in, {w.OutputTokensPerDay / 1e6:0.0} M out), "
            + $"{w.Pattern}{(w.PeakToAverage is { } peak ? $" (peak {peak:0.##}× average)" : string.Empty)}, context {w.ContextTokens} × {w.ConcurrentSequences} sequences"
            + (w.RequiresPrivacy ? ", private: owned hardware only" : string.Empty));
        if (comparison.ApiUsdPerMillionTokens is { } api)
        {
            output.WriteLine($"Today: hosted API ${w.CurrentApiMonthlyUsd:N0}/month = ${api:0.00} per 1M tokens");
        }

        output.WriteLine();
        output.WriteLine($"{"#",2}  {"target",-22} {"GPUs",-16} {"quant/engine",-13} {"$/month",13} {"$/1M tok",9} {"util",5}  {"verdict",-16} why");
        Placement? best = plan.FirstOrDefault(p => p.Fits);
        int rank = 0;
        foreach (Placement p in plan.Take(top))
        {
            rank++;
            string target = p.Capacity == CapacityType.Owned ? "owned (buy)" : $"{p.Provider?.ToString() ?? "market"} {p.Capacity}";
            string gpus = $"{p.GpuCount * p.Replicas}× {Gpus.Get(p.Gpu).DisplayName}";
            string monthly = p.MonthlyUsd == p.MonthlyUsdHigh ? $"{p.MonthlyUsd:N0}" : $"{p.MonthlyUsd:N0}-{p.MonthlyUsdHigh:N0}";
            string verdict = p.Fits ? $"{p.UtilizationVerdict.Recommendation}, {(p.ServerlessOrPodVerdict.Recommendation == TargetTier.CloudPod ? "pod" : "serverless")}" : "no fit";
            string why = !p.Fits ? $"does not fit: {p.Memory}"
                : ReferenceEquals(p, best) ? "cheapest that fits"
                : $"+${p.MonthlyUsd - best!.MonthlyUsd:N0}/month vs #1";
            output.WriteLine($"{rank,2}  {target,-22} {gpus,-16} {$"{p.Quantization} {p.Engine}",-13} {monthly,13} {p.UsdPerMillionTokens,9:0.000} {$"{p.ExpectedUtilization * 100:0}%",5}  {verdict,-16} {why}");
        }

        if (best is null)
        {
            output.WriteLine();
            output.WriteLine("No placement fits the model's memory; lower --context or --concurrency, or pick a quantized model.");
            return;
        }

        output.WriteLine();
        output.WriteLine($"Why #1 ({Comparison.Name(best)}):");
        output.WriteLine($"  {best.UtilizationVerdict.Reason}");
        output.WriteLine($"  {best.ServerlessOrPodVerdict.Reason}");
        if (best.SelfHostVerdict is { } selfHost)
        {
            output.WriteLine($"  With people (0.5 SRE): {selfHost.Reason}");
        }

        if (best.BuyBreakEvenMonths is { } months)
        {
            output.WriteLine($"  Buying the same GPUs pays off after {months:0} months of renting around the clock.");
        }

        output.WriteLine($"  Prices: {best.PriceSource}{(best.PriceAsOf is { } asOf ? $" ({asOf})" : string.Empty)}; throughput: {best.ThroughputSource}");
        if (w.TimeToFirstTokenGoal is { } ttft)
        {
            output.WriteLine($"  Latency goal: first token within {ttft.TotalMilliseconds:0} ms (not used to rank: the throughput tables hold no latency figures).");
        }

        output.WriteLine();
        output.WriteLine("Break-even (cost a month vs tokens a day):");
        if (comparison.Rented is { } rented)
        {
            output.WriteLine($"  {Comparison.Name(rented)} vs API: {Describe(comparison.RentedBeatsApi, comparison.ApiUsdPerMillionTokens, "cheaper")}");
        }

        if (comparison.Owned is { } owned)
        {
            output.WriteLine($"  {Comparison.Name(owned)} vs API: {Describe(comparison.OwnedBeatsApi, comparison.ApiUsdPerMillionTokens, "cheaper")}");
            if (comparison.Rented is { } r)
            {
                output.WriteLine($"  {Comparison.Name(owned)} vs {Comparison.Name(r)}: "
                    + (comparison.OwnedBeatsRented is { } v ? $"owned is cheaper from {Comparison.Volume(v)}" : $"rented stays cheaper up to {Comparison.Volume(Comparison.SearchFactor * w.TokensPerDay)}"));
            }
        }
    }

    private static string Describe(double? crossover, decimal? api, string word)
        => api is null ? "no API price (give --api-monthly-usd or --api-usd-per-mtok)"
            : crossover is { } v ? $"{word} from {Comparison.Volume(v)}"
            : "never cheaper: a fully used unit costs more per token than the API";
}
