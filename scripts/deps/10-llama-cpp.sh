#!/usr/bin/env bash
# Builds the real llama.cpp server the integration tests talk to, from the llama.cpp source shipped in the
# npm package node-llama-cpp (llama/gitRelease.bundle), and generates two tiny random-weight models: one by llama.cpp's
# test-llama-archs (a random vocabulary), and one with a real tokenizer vocabulary for tool calls and JSON-schema output
# (scripts/deps/llama-tool-model.py, with the gguf package from the same llama.cpp source and Debian's python3-numpy).
# Idempotent: binaries are cached under $INFERENCE_SDK_CACHE/llama.cpp/<node-llama-cpp version>-<llama.cpp tag>/,
# the models under $INFERENCE_SDK_CACHE/models/. Writes $INFERENCE_SDK_CACHE/llama.cpp/current.env for the tests.
set -euo pipefail

NODE_LLAMA_CPP_VERSION="${NODE_LLAMA_CPP_VERSION:-3.22.1}"
CACHE="${INFERENCE_SDK_CACHE:-$HOME/.cache/inference-sdk}"
JOBS="${LLAMA_BUILD_JOBS:-2}"
mkdir -p "$CACHE/llama.cpp" "$CACHE/models"

step_start=0
step() { step_start=$SECONDS; echo "[llama.cpp] $*"; }
done_step() { echo "[llama.cpp]   done in $((SECONDS - step_start)) s"; }

need() { command -v "$1" >/dev/null 2>&1; }
missing=()
need cmake || missing+=(cmake)
need g++ || missing+=(g++)
need make || missing+=(make)
need git || missing+=(git)
need npm || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  pkgs=()
  for m in "${missing[@]}"; do case "$m" in g++) pkgs+=(g++);; npm) pkgs+=(npm);; *) pkgs+=("$m");; esac; done
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
  done_step
fi

# The key needs the llama.cpp tag, which lives in the npm package; remember it per node-llama-cpp version
# so a warm cache needs no network at all.
tag_file="$CACHE/llama.cpp/node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tag"
work=""
cleanup() { if [ -n "$work" ]; then rm -rf "$work"; fi; }
trap cleanup EXIT

fetch_package() {
  work="$(mktemp -d)"
  step "npm pack node-llama-cpp@$NODE_LLAMA_CPP_VERSION"
  (cd "$work" && npm pack --silent "node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >/dev/null \
    && tar xzf "node-llama-cpp-$NODE_LLAMA_CPP_VERSION.tgz" package/llama)
  done_step
}

if [ ! -s "$tag_file" ]; then
  fetch_package
  tag="$(sed -n 's/.*"tag"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/package/llama/llama.cpp.info.json" 2>/dev/null || true)"
  [ -n "$tag" ] || tag="$(sed -n 's/.*"release"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$work/package/llama/binariesGithubRelease.json")"
  [ -n "$tag" ] || { echo "[llama.cpp] cannot find the llama.cpp tag in node-llama-cpp@$NODE_LLAMA_CPP_VERSION" >&2; exit 1; }
  echo "$tag" > "$tag_file"
fi
tag="$(cat "$tag_file")"
dir="$CACHE/llama.cpp/$NODE_LLAMA_CPP_VERSION-$tag"
bin="$dir/bin"

if [ -x "$bin/llama-server" ] && [ -x "$bin/test-llama-archs" ]; then
  echo "[llama.cpp] cached: $bin"
else
  [ -n "$work" ] || fetch_package
  step "cloning llama.cpp $tag from gitRelease.bundle"
  git -c advice.detachedHead=false clone --quiet "$work/package/llama/gitRelease.bundle" "$work/llama.cpp"
  done_step
  step "configuring (Release, portable, no curl)"
  cmake -S "$work/llama.cpp" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DLLAMA_CURL=OFF -DGGML_NATIVE=OFF \
    -DLLAMA_BUILD_TESTS=ON -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DBUILD_SHARED_LIBS=OFF \
    -DGGML_OPENMP=OFF >/dev/null
  done_step
  step "building llama-server and test-llama-archs with -j$JOBS (takes minutes)"
  cmake --build "$work/build" --target llama-server test-llama-archs -j"$JOBS" >"$work/build.log" 2>&1 \
    || { tail -50 "$work/build.log" >&2; exit 1; }
  done_step
  mkdir -p "$bin.tmp"
  cp "$work/build/bin/llama-server" "$work/build/bin/test-llama-archs" "$bin.tmp/"
  rm -rf "$bin" && mv "$bin.tmp" "$bin"
fi

model_dir="$CACHE/models/llama-tiny-$NODE_LLAMA_CPP_VERSION-$tag"
pick_model() { find "$model_dir" -name '*.gguf' 2>/dev/null | sort | grep -m1 -- '-dense.gguf$' || find "$model_dir" -name '*.gguf' 2>/dev/null | sort | head -1 || true; }
model="$(pick_model)"
if [ -z "$model" ]; then
  step "generating the tiny random-weight llama model"
  rm -rf "$model_dir.tmp" && mkdir -p "$model_dir.tmp"
  "$bin/test-llama-archs" -a '^llama$' -o "$model_dir.tmp" >"$model_dir.tmp.log" 2>&1 \
    || { tail -30 "$model_dir.tmp.log" >&2; exit 1; }
  rm -rf "$model_dir" && mv "$model_dir.tmp" "$model_dir" && rm -f "$model_dir.tmp.log"
  model="$(pick_model)"
  [ -n "$model" ] || { echo "[llama.cpp] test-llama-archs wrote no .gguf into $model_dir" >&2; exit 1; }
  done_step
fi

# The tool-traffic model: keyed by the llama.cpp version and the generator's content, so a changed generator regenerates it.
generator="$(dirname "$0")/llama-tool-model.py"
generator_key="$(sha256sum "$generator" | cut -c1-12)"
tool_model="$CACHE/models/llama-tool-$NODE_LLAMA_CPP_VERSION-$tag-$generator_key.gguf"
if [ ! -s "$tool_model" ]; then
  if ! /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
    step "installing python3-numpy"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && $SUDO apt-get install -y -qq python3-numpy >/dev/null
    done_step
  fi
  [ -n "$work" ] || fetch_package
  if [ ! -d "$work/llama.cpp" ]; then
    step "cloning llama.cpp $tag from gitRelease.bundle (for gguf-py and the vocabulary)"
    git -c advice.detachedHead=false clone --quiet "$work/package/llama/gitRelease.bundle" "$work/llama.cpp"
    done_step
  fi
  step "generating the tiny tool-traffic model (real vocabulary)"
  /usr/bin/python3 "$generator" "$work/llama.cpp" "$tool_model.tmp"
  mv "$tool_model.tmp" "$tool_model"
  done_step
fi
# Also in a file of its own: a checkout whose script predates the tool model rewrites current.env without it.
echo "LLAMA_TOOL_MODEL=$tool_model" > "$CACHE/llama.cpp/tool-model.env"

cat > "$CACHE/llama.cpp/current.env" <<ENV
LLAMA_SERVER=$bin/llama-server
LLAMA_MODEL=$model
LLAMA_TOOL_MODEL=$tool_model
LLAMA_CPP_TAG=$tag
NODE_LLAMA_CPP_VERSION=$NODE_LLAMA_CPP_VERSION
ENV
echo "[llama.cpp] ready: $(cat "$CACHE/llama.cpp/current.env" | tr '\n' ' ')"
