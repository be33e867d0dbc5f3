#!/usr/bin/env bash
# Added latency of a peer gateway vs our in-process router, same server, same requests (issue 9).
# Installs @portkey-ai/gateway (npm) into $INFERENCE_SDK_CACHE keyed by version, starts the fixed-completion
# loopback server and the gateway (node, loopback, fallback config over two targets on that server), then runs the
# .NET driver: sequential requests round-robin over direct / gateway / our pipeline; prints p50/p99 and added latency.
# Usage: scripts/bench/peer-gateway.sh [requests]   (env: PORTKEY_VERSION, default 1.15.2)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-2000}"
version="${PORTKEY_VERSION:-1.15.2}"
cache="${INFERENCE_SDK_CACHE:-$HOME/.cache/inference-sdk}"
gateway_dir="$cache/portkey-gateway-$version"
entry="$gateway_dir/node_modules/@portkey-ai/gateway/build/start-server.js"

if [[ ! -f "$entry" ]]; then
  mkdir -p "$gateway_dir"
  (cd "$gateway_dir" && npm install --no-audit --no-fund --silent "@portkey-ai/gateway@$version")
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
server_port="$(free_port)"
gateway_port="$(free_port)"
bench=tests/Inference.Sdk.Benchmarks
echo "building $bench (Release)..."
dotnet build "$bench" -c Release -v q -nologo >/dev/null
dll="$bench/bin/Release/net10.0/Inference.Sdk.Benchmarks.dll"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done  # whatever outlived SIGTERM
}
trap cleanup EXIT INT TERM

dotnet "$dll" peer-server "$server_port" >/dev/null 2>&1 &
pids+=($!)
node "$entry" --headless --port="$gateway_port" >/dev/null 2>&1 &
pids+=($!)

for url in "http://127.0.0.1:$server_port/health" "http://127.0.0.1:$gateway_port/"; do
  for _ in $(seq 1 100); do curl -s -o /dev/null "$url" && break; sleep 0.2; done
done

echo "machine: $(nproc) cores; $(uptime)"
echo "gateway: @portkey-ai/gateway $version on node $(node --version)"
dotnet "$dll" peer-latency "http://127.0.0.1:$server_port/v1" "http://127.0.0.1:$gateway_port/v1" "$requests"
echo "after: $(uptime)"
