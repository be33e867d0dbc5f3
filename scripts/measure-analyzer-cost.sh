#!/usr/bin/env bash
# Measures what the Inference.Sdk analyzers cost a consumer build (docs/benchmarks.md, "Analyzers").
# Packs the package under a unique version into a temporary feed, generates a console project of N files
# (default 300: each with an InferenceTargetOptions initializer, a ChatOptions initializer and ordinary code),
# builds it with -p:ReportAnalyzer=true and prints the analyzer section of the report.
#   scripts/measure-analyzer-cost.sh [files]
set -euo pipefail
cd "$(dirname "$0")/.."
files="${1:-300}"
work="$(mktemp -d)"
version="0.0.0-cost$(date +%s)"
trap 'rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/inference.sdk/$version"' EXIT

dotnet build src/Inference.Sdk -c Release -nologo -v:q >/dev/null
dotnet pack src/Inference.Sdk -c Release --no-build -o "$work/feed" -p:Version="$version" -nologo -v:q >/dev/null

cd "$work"
echo '<Project />' > Directory.Build.props
echo '<Project />' > Directory.Build.targets
echo '<Project />' > Directory.Packages.props
cat > nuget.config <<XML
<configuration><packageSources><clear /><add key="local" value="$work/feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>
XML
mkdir consumer && cd consumer
cat > Consumer.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="Inference.Sdk" Version="$version" /></ItemGroup>
</Project>
XML
echo 'System.Console.WriteLine(Generated.File0.Target().Gpu);' > Program.cs
for i in $(seq 0 $((files - 1))); do
  cat > "File$i.cs" <<CS
using Inference.Sdk.Hosting;
using Inference.Sdk.Knowledge;
using Microsoft.Extensions.AI;

namespace Generated;

public static class File$i
{
    public static InferenceTargetOptions Target() => new()
    {
        Model = ModelIds.Llama31_8B,
        Gpu = GpuKind.L40S,
        Quantization = Quantization.FP8,
        KvCacheDType = KvCacheDType.FP8,
        ContextLength = 16384,
        MaxOutputTokens = 2048,
    };

    public static ChatOptions Options() => new() { ModelId = ModelIds.Llama31_8B, MaxOutputTokens = 1024 };

    public static int Work(int[] values)
    {
        var sum = 0;
        foreach (var value in values.Where(v => v % 2 == $((i % 7)))) { sum += value * $i; }
        return values.Select(v => v + 1).Aggregate(sum, (a, b) => a ^ b);
    }
}
CS
done
dotnet restore -nologo -v:q >/dev/null
# First build: the compiler server loads and JIT-compiles every analyzer. Second build (one file touched): the
# server is warm, which is what an edit-build loop costs.
for run in cold warm; do
  [ "$run" = warm ] && touch File0.cs
  dotnet build --no-restore -nologo -p:ReportAnalyzer=true -v:d > "build-$run.log"
  echo "== $run build (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  grep -E "Total analyzer execution time|Inference.Sdk.Analyzers.InferenceAnalyzer|Microsoft.CodeAnalysis.CSharp.NetAnalyzers, " "build-$run.log" | sed 's/^ *//' | sort -u
  grep -E "Time Elapsed" "build-$run.log" | tail -1
done
