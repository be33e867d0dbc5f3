#!/usr/bin/env bash
# Installs redis-server from Debian for the Redis ledger's integration tests. Idempotent. The tests start their own
# server on a free loopback port (--save '' --appendonly no) and stop it; no system service is used.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server present: $(redis-server --version)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends redis-server; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends redis-server
fi
# Debian may start a packaged service; the tests never use it.
if command -v service >/dev/null 2>&1; then $SUDO service redis-server stop >/dev/null 2>&1 || true; fi
redis-server --version
