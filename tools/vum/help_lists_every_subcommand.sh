#!/bin/sh
# vum --help names every command, and every subcommand that a command's own
# --help lists on its usage lines ("vum batch write ...", "vum node upload").
# Usage: help_lists_every_subcommand.sh VUM COMMAND...
set -eu
vum=$1
shift
top=$("$vum" --help)
missing=""
for command in "$@"; do
  echo "$top" | grep -q "^  $command\b" || missing="$missing $command"
  for sub in $("$vum" "$command" --help 2>&1 |
      sed -n "s/^ *\(usage: \|Usage: \)\{0,1\}vum $command \([a-z][a-z-]*\)\b.*/\2/p" | sort -u); do
    echo "$top" | grep -q "\b$sub\b" || missing="$missing $command:$sub"
  done
done
if [ -n "$missing" ]; then
  echo "vum --help does not name:$missing" >&2
  exit 1
fi
echo "vum --help names every subcommand of: $*"
