#!/usr/bin/env bash
# Runs dotnet test (its own output stays visible), then prints one plain summary line computed
# from the TRX result files, e.g. "42 passed, 0 failed, 12 skipped", and exits with dotnet test's
# status. Needs only bash, grep and sed.
# Usage: scripts/test-summary.sh [solution-or-project] [extra dotnet test arguments...]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target="${1:-Innovation.Api.sln}"
shift $(( $# > 0 ? 1 : 0 ))
results="TestResults"
rm -rf "$results"

# No LogFileName: each test project then writes its own uniquely named .trx file.
# The per-test "Skipped" lines are left out here: the reasons are counted once at the end.
dotnet test "$target" --logger "trx" --results-directory "$results" "$@" | grep -v -E '^[[:space:]]+Skipped '
status=${PIPESTATUS[0]}

# <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".." .../>
counter() { local n; n=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2" | head -n 1); echo "${n:-0}"; }
passed=0 failed=0 skipped=0 files=0
while IFS= read -r -d '' trx; do
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  [ -n "$counters" ] || continue
  total=$(counter total "$counters"); executed=$(counter executed "$counters")
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") \
    + $(counter timeout "$counters") + $(counter aborted "$counters")))
  skipped=$((skipped + total - executed))
done < <(find "$results" -name '*.trx' -print0 2>/dev/null)

if [ "$files" -eq 0 ]; then
  echo "No test results were written (dotnet test exited with status $status: a build error?)."
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with status $status although no test failed (see its output above)."
fi
# Why tests were skipped, once per reason: "416 skipped: Live SQL Server suite skipped: set INNOVATION_TEST_SQLSERVER…".
if [ "$skipped" -gt 0 ]; then
  find "$results" -name '*.trx' -exec grep -h -A4 'outcome="NotExecuted"' {} + \
    | sed -n 's/.*<Message>\(OneTimeSetUp: \)\{0,1\}\(.*\)<\/Message>.*/\2/p' | sort | uniq -c \
    | sed 's/^ *\([0-9]*\) /\1 skipped: /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
