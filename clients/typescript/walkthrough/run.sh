#!/usr/bin/env bash
# Publishes the API, starts it (Development settings) on a fresh temporary data directory and a free port, waits until
# /health/ready answers, runs the walkthrough through the typed client (walkthrough.ts) and stops the API.
# Usage: clients/typescript/walkthrough/run.sh (make client-check runs it after `npm ci` and the type check).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(cd ../.. && pwd)
work=$(mktemp -d)
api_pid=
stop() {
  if [ -n "$api_pid" ]; then kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

# Debug, as make test builds it: the publish then mostly copies what is built already.
dotnet publish "$root/src/Innovation.Api" -c Debug -o "$work/api" -v q -nologo >/dev/null
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
mkdir -p "$work/data"
(cd "$work/api" && ASPNETCORE_ENVIRONMENT=Development Database__DataDirectory="$work/data" \
  DataProtection__KeysDirectory="$work/data/keys" exec dotnet Innovation.Api.dll --urls "http://127.0.0.1:$port") \
  >"$work/api.log" 2>&1 &
api_pid=$!

for _ in $(seq 1 120); do
  if curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; then break; fi
  if ! kill -0 "$api_pid" 2>/dev/null; then cat "$work/api.log" >&2; echo "walkthrough: the API stopped before it was ready" >&2; exit 1; fi
  sleep 0.5
done
curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready" || { cat "$work/api.log" >&2; echo "walkthrough: the API was not ready within a minute" >&2; exit 1; }

start=$(date +%s%N)
INNOVATION_API="http://127.0.0.1:$port" node_modules/.bin/tsx walkthrough/walkthrough.ts
echo "walkthrough: $(( ($(date +%s%N) - start) / 1000000 )) ms against the started API"
