#!/bin/sh
# The ABI check of libvum_c: the functions it exports are exactly those the
# version script lists and the header declares, and its SONAME carries the
# C API's major version. Usage: exports_test.sh LIBRARY MAP HEADER
set -eu
lib=$1 map=$2 header=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TtWDdBbRr]$/ {print $3}' | sed 's/@.*//' |
  grep -v '^VUM_C_' | sort -u >"$work/exported"
sed -n 's/^ *\(vum_[a-z_0-9]*\);$/\1/p' "$map" | sort -u >"$work/listed"
grep -o '^[a-z][a-z_ *]*\(vum_[a-z_0-9]*\)(' "$header" | sed 's/.*\(vum_[a-z_0-9]*\)(/\1/' |
  sort -u >"$work/declared"
if ! diff -u "$work/listed" "$work/exported"; then
  echo "the exported symbols differ from the version script (- listed, + exported)" >&2
  exit 1
fi
if ! diff -u "$work/declared" "$work/listed"; then
  echo "the header's functions differ from the version script (- declared, + listed)" >&2
  exit 1
fi
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libvum_c.so.1" ] || { echo "SONAME is $soname, not libvum_c.so.1" >&2; exit 1; }
echo "exports exactly the $(wc -l <"$work/exported") functions of the C API, SONAME $soname"
