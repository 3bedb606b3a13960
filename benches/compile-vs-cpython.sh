#!/bin/sh
# Whole-process comparison of `molt compile` with CPython's `compile()` over
# the oracle's standard library and test suite (about 1,700 files, 33 MB):
# each side in one process reads every file and compiles it to code objects
# (tokenizer, parser, AST, symbol table, code generation and the 3.13
# optimizations), output discarded. molt runs on every core, then on one.
# Usage: benches/compile-vs-cpython.sh [PYTHON]
#   (default: $MOLT_ORACLE_PYTHON, else python3.13 on PATH or under pyenv)
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PY=$(oracle "${1:-}")
cargo build --release --quiet
STDLIB=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
LIST=$(mktemp)
find "$STDLIB" -name '*.py' -not -path '*/site-packages/*' | sort > "$LIST"
echo "$(wc -l < "$LIST") files, $(xargs cat < "$LIST" | wc -c) bytes"
# CPython's side: the same files, read and compiled one after the other.
COMPILE='
import sys
for name in sys.argv[1:]:
    with open(name, "rb") as f:
        source = f.read()
    try:
        compile(source, name, "exec")
    except (SyntaxError, ValueError):
        pass
'
TIME="%e s wall, %U s user, %M KB peak"
echo "molt compile:"
/usr/bin/time -f "$TIME" sh -c 'target/release/molt compile $(cat "$0") 2>/dev/null || true' "$LIST"
echo "molt compile, one thread:"
RAYON_NUM_THREADS=1 /usr/bin/time -f "$TIME" sh -c 'target/release/molt compile $(cat "$0") 2>/dev/null || true' "$LIST"
echo "CPython $("$PY" -V) compile():"
/usr/bin/time -f "$TIME" sh -c '"$1" -c "$2" $(cat "$0")' "$LIST" "$PY" "$COMPILE"
rm -f "$LIST"
