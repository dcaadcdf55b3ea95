#!/usr/bin/env bash
# Hostile input against every reader of vum convert and vum validate, with
# the process's address space capped: each must stay within its documented
# memory (docs/limits.md) whatever arrives, refuse what is over a limit with
# a message that names it, and go on with the next record.
# Usage: limits_test.sh VUM
set -uo pipefail
vum="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# Runs "$@" with at most $cap KiB of address space for at most $secs
# seconds; sets $status and $output.
capped() {
  local cap="$1" secs="$2"
  shift 2
  output="$( (ulimit -v "$cap"; timeout "$secs" "$@") 2>&1)"
  status=$?
}

# 1. Endless input without a newline: NDJSON and a JSON array keep reading in
# bounded memory (stopped by the timeout: 124), never grow until they die.
capped 400000 3 "$vum" convert --from ndjson --to ndjson /dev/zero "$work/out.ndjson"
[ "$status" -eq 124 ] || fail "NDJSON from /dev/zero: exit $status, not still running in 400 MB: $output"
capped 400000 3 "$vum" convert --from json-array --to ndjson \
  <(printf '['; cat /dev/zero) "$work/out2.ndjson"
[ "$status" -eq 124 ] || fail "JSON array of zeros: exit $status, not still running in 400 MB: $output"

# 2. One JSON document or binary record from an endless source: refused at
# the document limit, at once.
for from in json binary; do
  capped 400000 20 "$vum" convert --from "$from" --to ndjson /dev/zero "$work/out3.ndjson"
  [ "$status" -eq 1 ] || fail "$from from /dev/zero: exit $status: $output"
  [[ "$output" == *"larger than the limit of 4194304 bytes"* ]] ||
    fail "$from from /dev/zero: the limit is not named: $output"
done

# 3. A line over the limit between two good records: refused by number, the
# others converted.
good='{"idWerkzoekende":"a-1"}'
{ echo "$good"; head -c 6000000 /dev/zero | tr '\0' ' '; echo; echo "$good"; } > "$work/long.ndjson"
capped 400000 20 "$vum" convert --from ndjson --to ndjson "$work/long.ndjson" "$work/out4.ndjson"
[ "$status" -eq 1 ] || fail "long line: exit $status: $output"
[[ "$output" == *"line 2"*"larger than the limit"* ]] || fail "long line: not named: $output"
[ "$(wc -l < "$work/out4.ndjson" 2>/dev/null)" = 2 ] || fail "long line: the two good records were not written"

# 4. Deep nesting and long lists inside small documents.
deep="{\"idWerkzoekende\":\"d\",\"x\":$(printf '[%.0s' $(seq 40))$(printf ']%.0s' $(seq 40))}"
long="{\"idWerkzoekende\":\"l\",\"vervoermiddel\":[$(printf '{},%.0s' $(seq 20000)){}]}"
printf '%s\n%s\n%s\n' "$deep" "$long" "$good" > "$work/shape.ndjson"
capped 400000 20 "$vum" convert --from ndjson --to ndjson "$work/shape.ndjson" "$work/out5.ndjson"
[[ "$output" == *"line 1"*"nested deeper than the limit of 32 levels"* ]] ||
  fail "deep nesting: not refused with the limit: $output"
[[ "$output" == *"line 2"*"more elements than the limit of 10000"* ]] ||
  fail "long list: not refused with the limit: $output"

# 5. The same through vum validate, which reads NDJSON line by line.
capped 400000 3 "$vum" validate --codelists none /dev/stdin < /dev/zero
[ "$status" -ne 134 ] && [ "$status" -ne 139 ] || fail "validate of /dev/zero crashed: $status"

# 6. CSV: a field over its limit is refused with its line; an endless CSV
# stops at the file limit within its documented memory (3 x 256 MiB).
{ echo "idWerkzoekende"; head -c 100000 /dev/zero | tr '\0' 'x'; echo; } > "$work/field.csv"
capped 400000 20 "$vum" convert --from csv --to ndjson "$work/field.csv" "$work/out6.ndjson"
[ "$status" -ne 0 ] && [[ "$output" == *"CSV line 2"*"longer than the limit of 65536 bytes"* ]] ||
  fail "CSV field: exit $status: $output"
capped 1200000 60 "$vum" convert --from csv --to ndjson /dev/zero "$work/out7.ndjson"
[[ "$output" == *"larger than the limit of 268435456 bytes"* ]] ||
  fail "CSV from /dev/zero: exit $status: $output"

[ "$failures" -eq 0 ] && echo "every reader stayed within its limits"
exit "$failures"
