#!/bin/sh
# Figures and names in the docs that the code determines, checked against it:
# - the number of conformance cases wherever README.md and docs/conformance.md
#   state it, and each file's count in docs/conformance.md's table;
# - every public header (include/vum/*.h and c/vum.h) named in README.md;
# - every Debian package scripts/lib/setup.sh installs named in README.md;
# - every column of the node's processing log (lib/node/store.cc) and every
#   field of `vum node log --format json` (tools/vum/node_command.cc) in the
#   tables of docs/node.md.
# Usage: docs_match_the_code.sh SOURCE_DIR
set -eu
src=$1
fail=0
problem() { echo "$*" >&2; fail=1; }

total=0
for f in "$src"/conformance/vectors/*.textproto; do
  n=$(grep -c '^test_case {' "$f")
  total=$((total + n))
  name=$(basename "$f")
  row=$(grep "^| \`$name\` |" "$src/docs/conformance.md" | cut -d'|' -f3 | tr -d ' ')
  [ "$row" = "$n" ] || problem "docs/conformance.md says $name has ${row:-no row} cases; it has $n"
done
# Where the docs state the whole suite's size (commas as thousands).
check_total() {  # FILE EXTENDED-REGEX-WITH-ONE-NUMBER-GROUP
  stated=$(grep -oE "$2" "$src/$1" | head -1 | sed -E "s#$2#\\1#" | tr -d ',')
  [ "$stated" = "$total" ] ||
    problem "$1 states ${stated:-no} conformance cases where it says /$2/; there are $total"
}
check_total README.md '`vectors/` \(([0-9,]+) cases'
check_total README.md '\(([0-9,]+) of [0-9,]+ pass\)'
check_total README.md 'conformance suite, ([0-9,]+) cases'
check_total docs/conformance.md '^([0-9,]+) cases in `conformance/vectors/`'
check_total docs/conformance.md 'prints `VUM conformance: ([0-9,]+) cases'

for h in "$src"/include/vum/*.h; do
  name=$(basename "$h")
  grep -q "\`$name\`" "$src/README.md" || problem "README.md does not name the public header $name"
done
grep -q '`include/vum/c/vum.h`' "$src/README.md" || problem "README.md does not name include/vum/c/vum.h"

packages=$(sed -n '/^VUM_PACKAGES=(/,/^)/p' "$src/scripts/lib/setup.sh" | grep -v 'VUM_PACKAGES=(\|^)' | tr ' ' '\n' | grep -v '^$')
for p in $packages; do
  grep -q "\`$p\`" "$src/README.md" || problem "README.md's dependencies do not name the package $p"
done

# The log's columns, from its CREATE TABLE (seq is the row number only).
columns=$(sed -n '/CREATE TABLE IF NOT EXISTS log(/,/);/p' "$src/lib/node/store.cc" |
  grep -oE '[a-z_]+ (TEXT|INTEGER)' | cut -d' ' -f1 | grep -v '^seq$')
[ -n "$columns" ] || problem "lib/node/store.cc: no columns found for the log table"
for c in $columns; do
  grep -q "^| \`$c\`\|^| \`[a-z_]*\`, \`$c\`\|^| \`$c\`, " "$src/docs/node.md" ||
    problem "docs/node.md's processing log table does not name the column $c"
done
# The JSON fields vum node log writes, from RunLog.
fields=$(sed -n '/^int RunLog(/,/^}/p' "$src/tools/vum/node_command.cc" |
  grep -oE '\\"[a-zA-Z]+\\":' | tr -d '\\":')
[ -n "$fields" ] || problem "tools/vum/node_command.cc: no JSON fields found in RunLog"
for f in $fields; do
  grep -q "^| \`$f\` |" "$src/docs/node.md" ||
    problem "docs/node.md does not describe the field $f of vum node log --format json"
done

[ "$fail" -eq 0 ] || exit 1
echo "the docs state $total conformance cases, every public header and every package, and the log's columns and fields, as the code has them"
