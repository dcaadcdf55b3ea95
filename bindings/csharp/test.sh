#!/bin/sh
# Builds the C# binding with mono's compiler and runs its tests, the
# conformance suite's validate cases included.
# Usage: test.sh LIBVUM_C SOURCE_DIR PYTHON CONFORMANCE_PYTHON_DIR
set -eu
lib=$1 source=$2 python=$3 pb2=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
PYTHONPATH="$pb2" "$python" "$source/bindings/validate_vectors.py" \
  "$source/conformance/vectors" "$work/vectors.tsv"
mcs -nologo -out:"$work/VumTest.exe" -r:System.Web.Extensions \
  "$source/bindings/csharp/Vum.cs" "$source/bindings/csharp/VumTest.cs"
LD_LIBRARY_PATH="$(dirname "$lib")${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  VUM_SOURCE="$source" VUM_VECTORS="$work/vectors.tsv" mono "$work/VumTest.exe"
