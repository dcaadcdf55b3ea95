#!/usr/bin/env bash
# Runs the command given and prints "exit N", then what it wrote to standard
# error, so that a test can check both. Usage: exit_and_output.sh COMMAND...
errors="$(mktemp)"
trap 'rm -f "$errors"' EXIT
"$@" 2>"$errors" >/dev/null
echo "exit $?"
cat "$errors"
