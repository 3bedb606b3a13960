#!/bin/sh
# Whole-process comparison of `molt parse --roundtrip` with LibCST's
# `parse_module` + `.code` over the oracle's standard library and test
# suite, on the files LibCST can parse. LibCST is installed from PyPI into
# a throwaway virtual environment under target/.
# Usage: benches/parse-vs-libcst.sh [PYTHON]   (default: see oracle.sh)
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PY=$(oracle "${1:-}")
VENV=target/bench-venv
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet libcst
fi
cargo build --release --quiet
STDLIB=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
ALL=target/bench-all-files.txt
FILES=target/bench-libcst-files.txt
find "$STDLIB" -name '*.py' -not -path '*/site-packages/*' | sort > "$ALL"
[ -s "$FILES" ] || "$VENV/bin/python" benches/libcst_roundtrip.py --filter < "$ALL" > "$FILES"
echo "$(wc -l < "$FILES") of $(wc -l < "$ALL") files parse in LibCST, $(xargs cat < "$FILES" | wc -c) bytes"
echo "molt parse --roundtrip:"
/usr/bin/time -f '%e s wall, %U s user, %M KB peak' sh -c 'xargs target/release/molt parse --roundtrip < "$0"' "$FILES"
echo "molt parse --roundtrip, one thread:"
RAYON_NUM_THREADS=1 /usr/bin/time -f '%e s wall, %U s user, %M KB peak' sh -c 'xargs target/release/molt parse --roundtrip < "$0"' "$FILES"
echo "LibCST $("$VENV/bin/python" -c 'import libcst; print(libcst.__version__ if hasattr(libcst, "__version__") else "")'):"
/usr/bin/time -f '%e s wall, %U s user, %M KB peak' sh -c 'xargs "$1" benches/libcst_roundtrip.py < "$0"' "$FILES" "$VENV/bin/python"
