#!/bin/sh
# Whole-process comparison of `molt tokenize` with CPython's tokenize over
# the oracle's standard library and test suite (about 1,700 files, 33 MB),
# each side in one process, output discarded.
# Usage: benches/tokenize-vs-cpython.sh [PYTHON]   (default: see oracle.sh)
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PY=$(oracle "${1:-}")
cargo build --release --quiet
STDLIB=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
LIST=$(mktemp)
find "$STDLIB" -name '*.py' -not -path '*/site-packages/*' | sort > "$LIST"
echo "$(wc -l < "$LIST") files, $(cat "$LIST" | xargs cat | wc -c) bytes"
echo "molt:"
/usr/bin/time -f '%e s wall, %M KB peak' sh -c 'xargs target/release/molt tokenize < "$0" > /dev/null 2>&1 || true' "$LIST"
echo "CPython $("$PY" -V):"
/usr/bin/time -f '%e s wall, %M KB peak' sh -c 'xargs "$1" benches/python_tokenize_files.py < "$0" > /dev/null 2>&1' "$LIST" "$PY"
rm -f "$LIST"
