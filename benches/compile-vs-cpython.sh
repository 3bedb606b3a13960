#!/bin/sh
# Whole-process comparison of `molt compile` with CPython's `compile()` over
# the oracle's standard library and test suite (about 1,700 files, 33 MB):
# each side in one process reads every file and compiles it to code objects
# (tokenizer, parser, AST, symbol table, code generation and the 3.13
# optimizations), output discarded. molt runs on every core, then on one.
# The sides alternate, ROUNDS times (default 3), and the medians are
# compared: this machine's speed drifts from minute to minute (CPython's
# side has measured from 4.8 s to 7.9 s), and runs side by side keep the
# ratio honest.
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
ROUNDS=${ROUNDS:-3}
OUT=$(mktemp -d)
# One run of a side: "wall user sys peak-KB" appended to $OUT/<side>.
run() {
    side=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/last" "$@" > /dev/null 2>&1 || true
    # (A non-zero exit adds a line before the figures: molt exits 2 for
    # the test suite's files that are meant not to compile.)
    tail -n 1 "$OUT/last" >> "$OUT/$side"
}
i=0
while [ "$i" -lt "$ROUNDS" ]; do
    run molt sh -c 'target/release/molt compile $(cat "$0")' "$LIST"
    run cpython sh -c '"$1" -c "$2" $(cat "$0")' "$LIST" "$PY" "$COMPILE"
    run molt1 env RAYON_NUM_THREADS=1 sh -c 'target/release/molt compile $(cat "$0")' "$LIST"
    i=$((i + 1))
done
# The median of column $2 of file $1.
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
for side in molt molt1 cpython; do
    case $side in
        molt) name="molt compile" ;;
        molt1) name="molt compile, one thread" ;;
        cpython) name="CPython $("$PY" -V 2>&1 | cut -d' ' -f2) compile()" ;;
    esac
    echo "$name: $(median "$OUT/$side" 1) s wall, $(median "$OUT/$side" 2) s user," \
        "$(median "$OUT/$side" 3) s sys, $(median "$OUT/$side" 4) KB peak (medians of $ROUNDS)"
done
awk -v mw="$(median "$OUT/molt" 1)" -v cw="$(median "$OUT/cpython" 1)" \
    -v mu="$(median "$OUT/molt" 2)" -v ms="$(median "$OUT/molt" 3)" \
    -v cu="$(median "$OUT/cpython" 2)" -v cs="$(median "$OUT/cpython" 3)" \
    'BEGIN {printf "molt is %.1fx faster in wall time, %.1fx in CPU time\n", cw / mw, (cu + cs) / (mu + ms)}'
rm -rf "$LIST" "$OUT"
