#!/bin/sh
# Runs the whole conformance suite against a testee built on the C# binding
# (conformance/ConformanceTestee.cs), compiled with mono's compiler and run
# with mono; the library is found as vum_c beside LIBVUM_C.
# Usage: conformance.sh LIBVUM_C SOURCE_DIR RUNNER
set -eu
lib=$1 source=$2 runner=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mcs -nologo -out:"$work/ConformanceTestee.exe" -r:System.Web.Extensions \
  "$source/bindings/csharp/Vum.cs" "$source/bindings/csharp/conformance/ConformanceTestee.cs"
LD_LIBRARY_PATH="$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  "$runner" --failure-list "$source/bindings/csharp/conformance_failures.txt" \
  --testee "mono $work/ConformanceTestee.exe \
--codelists $source/codelists --codelists $source/conformance/codelists"
