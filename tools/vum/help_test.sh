#!/usr/bin/env bash
# A subcommand answers --help with its usage on standard output and exit 0.
# Usage: help_test.sh VUM COMMAND
set -uo pipefail
out="$("$1" "$2" --help 2>/dev/null)"
status=$?
[ "$status" -eq 0 ] || { echo "vum $2 --help exited $status" >&2; exit 1; }
grep -qi "^usage: vum $2" <<<"$out" || { echo "vum $2 --help printed no usage on stdout" >&2; exit 1; }
