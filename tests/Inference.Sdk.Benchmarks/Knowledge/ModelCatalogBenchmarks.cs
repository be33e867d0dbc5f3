using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Inference.Sdk.Knowledge;

namespace Inference.Sdk.Benchmarks.Knowledge;

/// <summary>
/// What the larger model catalog (issue 17: 11 models, then 101) costs the analyzer and the start-up validation: the index
/// built once per process, and the look-ups made per target and per <c>ChatOptions</c>. The 11-model catalog is the first 11
/// entries of today's, indexed the same way, in the same run.
/// Run: dotnet run -c Release --project tests/Inference.Sdk.Benchmarks -- --filter '*ModelCatalogBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ModelCatalogBenchmarks
{
    private static readonly ModelSpec[] Small = Models.All.Take(11).ToArray();
    private static readonly ModelSpec[] Full = Models.All.ToArray();
    private static readonly Dictionary<string, ModelSpec> SmallIndex = Models.CreateIndex(Small);
    private static readonly Dictionary<string, ModelSpec> FullIndex = Models.CreateIndex(Full);

    // A Hugging Face id of the first 11, a GGUF file name, and a model neither catalog knows (every key is tried).
    private static readonly string Known = Small[0].Id;
    private const string GgufFile = "Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf";
    private const string Unknown = "acme/House-Model-13B-Instruct-AWQ";

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Index")]
    public int Index11() => Models.CreateIndex(Small).Count;

    [Benchmark]
    [BenchmarkCategory("Index")]
    public int Index101() => Models.CreateIndex(Full).Count;

    [Benchmark]
    [BenchmarkCategory("Index")]
    public int Create101() => ModelCatalog.Create().Length;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("LookUp")]
    public bool LookUp3In11() => Models.TryFind(SmallIndex, Known, out _) & Models.TryFind(SmallIndex, GgufFile, out _) & !Models.TryFind(SmallIndex, Unknown, out _);

    [Benchmark]
    [BenchmarkCategory("LookUp")]
    public bool LookUp3In101() => Models.TryFind(FullIndex, Known, out _) & Models.TryFind(FullIndex, GgufFile, out _) & !Models.TryFind(FullIndex, Unknown, out _);
}
