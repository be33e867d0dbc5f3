using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace Inference.Sdk.Benchmarks;

/// <summary>Adds the 95th percentile to the summary (issue 9 asks for mean, p95 and allocated bytes).</summary>
public sealed class P95Config : ManualConfig
{
    public P95Config() => AddColumn(StatisticColumn.P95);
}
