#!/usr/bin/env bash
# `pnpm start` in embedded mode on a temporary data directory: wait for /readyz, query /graphql,
# Ctrl-C it (SIGINT to its process group, as a terminal does) and check that nothing is left behind.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=${SMOKE_PORT:-4517}
log=$(mktemp)
unset DATABASE_URL
export PRACHUM_DATA_DIR="$data" PORT="$port"
start=$(date +%s.%N)
setsid pnpm start >"$log" 2>&1 &
pgid=$!
cleanup() { kill -KILL -- "-$pgid" 2>/dev/null || true; pkill -KILL -f "$data" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/readyz"
echo
echo "ready after $(echo "$(date +%s.%N) - $start" | bc) s"
body=$(curl -fsS -H 'content-type: application/json' -d '{"query":"{ __typename }"}' "http://127.0.0.1:$port/graphql")
echo "$body"
echo "$body" | grep -q '"__typename":"Query"'
curl -fsS "http://127.0.0.1:$port/" | grep -q '<div id="root">'
kill -INT -- "-$pgid"
for _ in $(seq 1 60); do
  if ! kill -0 -- "-$pgid" 2>/dev/null; then break; fi
  sleep 0.5
done
if kill -0 -- "-$pgid" 2>/dev/null; then echo "processes still running after SIGINT:"; ps -o pid,cmd -g "$pgid"; cat "$log"; exit 1; fi
if pgrep -f "$data" >/dev/null; then echo "a postgres of $data is still running"; pgrep -af "$data"; exit 1; fi
echo "stopped cleanly"
