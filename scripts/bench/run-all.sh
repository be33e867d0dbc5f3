#!/usr/bin/env bash
# Re-takes every issue-9 measurement in docs/benchmarks.md, printing the machine's load before and after each.
# Needs the llama.cpp build (scripts/deps/10-llama-cpp.sh) for the throughput run, npm for the peer gateway.
# Usage: scripts/bench/run-all.sh   (run it on a quiet machine: the numbers in the docs were taken under load)
set -euo pipefail
cd "$(dirname "$0")/../.."
bench=tests/Inference.Sdk.Benchmarks
dotnet build "$bench" -c Release -v q -nologo >/dev/null
dll="$bench/bin/Release/net10.0/Inference.Sdk.Benchmarks.dll"
step() { echo; echo "== $1 — $(nproc) cores, $(uptime)"; }

step "micro: routing, features, costs"
(cd "$bench" && dotnet run -c Release --no-build -- --filter '*RoutingBenchmarks*' '*FeatureBenchmarks*' '*CostBenchmarks*' --job short --inProcess)

step "streaming: CPU and bytes per update (router + meter, default pipeline)"
(cd "$bench" && dotnet run -c Release --no-build -- --filter '*StreamingBenchmarks*' --job short --inProcess)

step "pipeline vs raw HttpClient and the bare OpenAI SDK"
(cd "$bench" && dotnet run -c Release --no-build -- --filter '*PipelineBenchmarks*' --inProcess --warmupCount 5 --iterationCount 25 --launchCount 1)

step "pipeline layers"
dotnet "$dll" decompose 1500

step "throughput against llama.cpp"
dotnet "$dll" throughput 10 2

step "peer gateway"
bash scripts/bench/peer-gateway.sh 2000
echo; echo "done — $(uptime)"
