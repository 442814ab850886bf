#!/usr/bin/env bash
# Online backup of the embedded SQLite database: every schema file of DATA_DIR copied into DEST_DIR with SQLite's
# backup API while the API keeps serving. Usage: scripts/backup.sh [DATA_DIR] [DEST_DIR]
# (defaults: ./data and ./backups/<UTC time>). Needs the sqlite3 command-line shell. See README, "Backup and restore".
#
# One cut across the files: a first connection takes every file's write lock at once (BEGIN IMMEDIATE with all of them
# attached), a second opens its read snapshot of each file, the lock is let go, and the second copies each file from
# its snapshots. Writers wait only while the snapshots are opened (they queue on their busy timeout), not during the copy.
# Each file's copy is checked with PRAGMA integrity_check.
set -euo pipefail

data="${1:-data}"
dest="${2:-backups/$(date -u +%Y%m%dT%H%M%SZ)}"
command -v sqlite3 >/dev/null || { echo "backup: the sqlite3 shell is required (Debian/Ubuntu: apt-get install sqlite3)" >&2; exit 1; }
[ -f "$data/host.db" ] || { echo "backup: $data/host.db not found: is $data the API's Database:DataDirectory?" >&2; exit 1; }
[ ! -e "$dest" ] || [ -z "$(ls -A "$dest")" ] || { echo "backup: $dest is not empty" >&2; exit 1; }
mkdir -p "$dest"
data="$(cd "$data" && pwd)"
dest="$(cd "$dest" && pwd)"

# Every file: one per schema, and innovation.db, the connections' main file (empty, kept so the copy is the directory).
schemas=()
for file in "$data"/*.db; do
  schemas+=("$(basename "$file" .db)")
done

sql_quote() { printf "'%s'" "${1//\'/\'\'}"; }
attach=""
for schema in "${schemas[@]}"; do
  attach+="ATTACH $(sql_quote "$data/$schema.db") AS \"$schema\";"$'\n'
done

work="$(mktemp -d)"
trap 'exec 3>&-; rm -rf "$work"' EXIT
mkfifo "$work/lock"
# Run by the copier through .shell (whose arguments must hold no quote): tells the lock holder to let go.
printf '#!/bin/sh\necho "ROLLBACK;" > "%s"\n' "$work/lock" >"$work/release"
chmod +x "$work/release"

# The lock holder reads its commands from the fifo, so it stays in its transaction until told to roll back. It tries
# without waiting (.timeout 0) and starts again until it holds every file: waiting on one file while holding another
# could deadlock with an API write that took the files in another order.
locked=""
until=$((SECONDS + 30))
while [ "$SECONDS" -lt "$until" ]; do
  sqlite3 -batch -bail :memory: <"$work/lock" >/dev/null 2>&1 &
  holder=$!
  exec 3>"$work/lock"
  printf '.timeout 0\n%sBEGIN IMMEDIATE;\n.shell touch %s\n' "$attach" "$work/locked" >&3
  while [ ! -e "$work/locked" ] && kill -0 "$holder" 2>/dev/null; do sleep 0.005; done
  if [ -e "$work/locked" ]; then locked=yes; break; fi
  exec 3>&-
  wait "$holder" || true
  sleep 0.01
done
[ -n "$locked" ] || { echo "backup: the database files stayed busy for 30 s (a long write such as an atomic import?); try again" >&2; exit 1; }

# The copier: one read snapshot per file, opened while no writer can commit, then the lock is released and each file copied.
{
  echo ".timeout 30000"
  printf '%s' "$attach"
  echo "BEGIN;"
  for schema in "${schemas[@]}"; do echo "SELECT count(*) FROM \"$schema\".sqlite_master;"; done
  echo ".shell $work/release"
  for schema in "${schemas[@]}"; do echo ".backup \"$schema\" \"$dest/$schema.db\""; done
  echo "COMMIT;"
} | sqlite3 -batch -bail :memory: >/dev/null

exec 3>&-
wait "$holder"

# The copy's dispatch leases name instances of the original, not of the copy: freed, so an API started on the copy
# delivers at once instead of after Messaging:LeaseDuration.
sqlite3 "$dest/host.db" "UPDATE dispatcher_lease SET owner = NULL, expires_at = '0001-01-01T00:00:00.0000000Z';"

# Accompaniment's confidential notes are encrypted with the Data Protection keys, kept by default beside the files.
[ ! -d "$data/keys" ] || cp -a "$data/keys" "$dest/keys"

for file in "$dest"/*.db; do
  result="$(sqlite3 "$file" "PRAGMA integrity_check;")"
  [ "$result" = ok ] || { echo "backup: $file fails integrity_check: $result" >&2; exit 1; }
done
echo "backup: ${#schemas[@]} files (${schemas[*]}) copied to $dest"
