#!/usr/bin/env bash
# Standard input works wherever a file does: "-" (and /dev/stdin) in every
# format vum reads, for the commands that read records; "-" as convert's
# output is standard output. No scratch copy stays behind.
# Usage: stdin_test.sh VUM EXAMPLE.json
set -uo pipefail
vum="$1"
example="$2"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work/tmp"
mkdir -p "$TMPDIR"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$vum" generate --count 7 --seed 3 "$work/g.vumb" >/dev/null || fail generate
"$vum" generate --count 7 --seed 3 "$work/g.vumb.zst" >/dev/null || fail generate zst
"$vum" convert "$work/g.vumb" "$work/g.ndjson" >/dev/null || fail to ndjson
"$vum" convert "$work/g.vumb" "$work/g.csv" >/dev/null || fail to csv
"$vum" convert --to json-array "$work/g.vumb" "$work/g.json" >/dev/null || fail to array
"$vum" convert --from json --to binary "$example" "$work/one.bin" >/dev/null || fail to bin

for f in g.vumb g.vumb.zst g.ndjson g.csv g.json; do
  out="$("$vum" validate - <"$work/$f")" || fail "validate - <$f exited $?"
  grep -q "checked 7 record(s)" <<<"$out" || fail "validate - <$f: $out"
  out="$(cat "$work/$f" | "$vum" summary /dev/stdin)" || fail "summary /dev/stdin <$f"
  grep -q "read 7 werkzoekende(n)" <<<"$out" || fail "summary <$f: $out"
done
out="$("$vum" validate - <"$example")" || fail "validate - <json"
grep -q "checked 1 record(s)" <<<"$out" || fail "validate one JSON: $out"
out="$("$vum" validate - <"$work/one.bin")" || fail "validate - <bin"
grep -q "checked 1 record(s)" <<<"$out" || fail "validate binary: $out"
"$vum" batch inspect - <"$work/g.vumb" | grep -q "verified" || fail "batch inspect -"
"$vum" view --as owner - <"$example" | grep -q idWerkzoekende || fail "view -"
# anonymize reads its input twice: the scratch copy makes that possible.
"$vum" anonymize --k 1 - "$work/views.ndjson" <"$work/g.vumb" >/dev/null || fail "anonymize -"
[ "$(wc -l <"$work/views.ndjson")" -eq 7 ] || fail "anonymize wrote $(wc -l <"$work/views.ndjson")"
# convert from standard input to standard output.
lines="$("$vum" convert --to ndjson - - <"$work/g.vumb" 2>/dev/null | grep -c '^{"idWerkzoekende"')"
[ "$lines" -eq 7 ] || fail "convert - - wrote $lines records"
# Its report goes to standard error then, not between the records.
others="$("$vum" convert --to ndjson - - <"$work/g.vumb" 2>/dev/null | grep -vc '^{')"
[ "$others" -eq 0 ] || fail "convert - - mixed $others other lines into the records"
"$vum" batch write - "$work/g.ndjson" 2>/dev/null | "$vum" batch inspect - | grep -q "verified" ||
  fail "batch write - | batch inspect -"
[ -z "$(ls -A "$TMPDIR")" ] || fail "scratch files left: $(ls -A "$TMPDIR")"
echo "standard input read in every format; no scratch file left"
