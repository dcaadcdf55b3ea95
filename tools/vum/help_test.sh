#!/usr/bin/env bash
# A command and each of its subcommands answer --help on standard output with
# exit 0, in the one layout every command shares (tools/vum/command_line.h,
# FormatHelp): "Usage: vum COMMAND ...", "Options:" with a description for
# every option, and "Exit status:" with a meaning for each status.
# Usage: help_test.sh VUM COMMAND
set -uo pipefail
vum="$1"
command="$2"

check() {  # check WORDS...: the help of "vum WORDS"
  local out status
  out="$("$vum" "$@" --help 2>/dev/null)"
  status=$?
  [ "$status" -eq 0 ] || { echo "vum $* --help exited $status" >&2; return 1; }
  grep -q "^Usage: vum $*" <<<"$out" || { echo "vum $* --help: no 'Usage: vum $*'" >&2; return 1; }
  grep -qx "Options:" <<<"$out" || { echo "vum $* --help: no Options section" >&2; return 1; }
  grep -qx "  -h, --help              show this help" <<<"$out" ||
    { echo "vum $* --help: no -h, --help line" >&2; return 1; }
  grep -qx "Exit status:" <<<"$out" || { echo "vum $* --help: no Exit status section" >&2; return 1; }
  grep -qE "^  [0-9]  [a-z]" <<<"$out" || { echo "vum $* --help: no exit status listed" >&2; return 1; }
  # Every option has a description: on its line, or (a long name) on the next.
  awk -v cmd="vum $*" '
    /^Options:$/ { in_options = 1; next }
    /^$/ { if (pending != "") { print cmd ": option without a description: " pending; bad = 1 }
           in_options = 0; pending = ""; next }
    !in_options { next }
    /^  -/ { if (pending != "") { print cmd ": option without a description: " pending; bad = 1 }
             pending = ($0 ~ /^  -[^ ].*  +[^ ]/) ? "" : $0; next }
    /^                          [^ ]/ { pending = ""; next }
    END { exit bad }' <<<"$out" >&2 || return 1
  printf '%s\n' "$out"
}

help="$(check "$command")" || exit 1
# Subcommands: the first word of each usage line, when it names one.
subcommands="$(sed -n -E "s/^(Usage:|      ) vum $command ([a-z][a-z|-]*)( .*)?$/\2/p" <<<"$help" | tr '|' '\n')"
for sub in $subcommands; do
  check "$command" "$sub" >/dev/null || exit 1
done
echo "vum $command --help: the shared layout${subcommands:+, and for $(echo $subcommands)}"
