#!/usr/bin/env bash
# Time from `pnpm start` to /readyz 200, in embedded mode on a fresh data directory, then a second start
# on the same data, and the server process's resident memory once ready (idle).
# Usage (from the repository root): bash packages/server/bench/start-time.sh
# BENCH_KEEP_CLIENT=1 keeps an existing client build (by default it is removed, as on a fresh clone).
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=$(mktemp -d)
port=${BENCH_PORT:-4519}
unset DATABASE_URL
export PRACHUM_DATA_DIR="$data" PORT="$port" LOG_LEVEL=warn
measure() {
  local label=$1 start pgid pid rss
  start=$(date +%s.%N)
  setsid pnpm start >/dev/null 2>&1 &
  pgid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.05
  done
  echo "$label: ready after $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.2f') s"
  sleep 2
  # The server is the process of the group listening on the port (not pnpm, not postgres).
  pid=$(ss -Htlnp "sport = :$port" | grep -oP 'pid=\K[0-9]+' | head -1)
  rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status")
  echo "$label: idle RSS of the server process $rss MB ($(tr '\0' ' ' <"/proc/$pid/cmdline"))"
  kill -INT -- "-$pgid"
  while kill -0 -- "-$pgid" 2>/dev/null; do sleep 0.1; done
}
# As on a fresh clone: no built client yet.
[ -n "${BENCH_KEEP_CLIENT:-}" ] || rm -rf packages/client/dist
measure "first start (build when stale, initdb, migrate, demo data)"
measure "second start (same data)"
rm -rf "$data"
