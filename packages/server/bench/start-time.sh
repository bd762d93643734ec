#!/usr/bin/env bash
# Time from `pnpm start` to /readyz 200, in embedded mode on a fresh data directory, then a second start
# on the same data. Usage (from the repository root): bash packages/server/bench/start-time.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
data=$(mktemp -d)
port=${BENCH_PORT:-4519}
unset DATABASE_URL
export PRACHUM_DATA_DIR="$data" PORT="$port" LOG_LEVEL=warn
measure() {
  local label=$1 start pgid
  start=$(date +%s.%N)
  setsid pnpm start >/dev/null 2>&1 &
  pgid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.05
  done
  echo "$label: ready after $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.2f') s"
  kill -INT -- "-$pgid"
  while kill -0 -- "-$pgid" 2>/dev/null; do sleep 0.1; done
}
# As on a fresh clone: no built client yet.
rm -rf packages/client/dist
measure "first start (build client, initdb, migrate, demo data)"
measure "second start (same data)"
rm -rf "$data"
