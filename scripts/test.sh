#!/usr/bin/env bash
# Runs everything the tests need, then the tests. This is the README's test command and what CI runs.
#   1. scripts/deps/*.sh install or build the real components the tests talk to (llama.cpp server,
#      Redis, Chromium), caching heavy builds outside the repository under $INFERENCE_SDK_CACHE.
#   2. dotnet test on the solution.
# Extra arguments go to dotnet test (for example: --filter "Category!=Soak").
set -euo pipefail
cd "$(dirname "$0")/.."
export INFERENCE_SDK_CACHE="${INFERENCE_SDK_CACHE:-$HOME/.cache/inference-sdk}"
mkdir -p "$INFERENCE_SDK_CACHE"

for dep in scripts/deps/*.sh; do
  [ -e "$dep" ] || continue
  echo "==> $dep"
  bash "$dep"
done

echo "==> dotnet test"
dotnet test Inference.Sdk.sln -c Release --logger "console;verbosity=normal" "$@"
