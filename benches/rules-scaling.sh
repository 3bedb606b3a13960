#!/bin/sh
# How the cost of `molt check` grows with the number of rules: the built-in
# rule alone, then with 99 more (benches/many_rules.py: calls, method
# calls, comparisons, boolean and conditional patterns, a fifth with
# fixes) over the oracle's standard library. Rules are pre-filtered by
# node kind and literal text, so 100 rules cost far less than 100 walks.
#
# usage: benches/rules-scaling.sh [PYTHON]   (default: see oracle.sh)
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PY=$(oracle "${1:-}")
STDLIB=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
cargo build --release --quiet
"$PY" benches/many_rules.py target/bench-rules 99
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f %e target/release/molt check --no-progress "$@" "$STDLIB" 2>&1 >/dev/null | tail -1
    done | median
}
one=$(run)
hundred=$(run --rules target/bench-rules)
rules=$(target/release/molt rules list target/bench-rules | wc -l)
echo "1 rule:    ${one} s (median of 5, wall)"
echo "$((rules + 1)) rules:  ${hundred} s"
awk -v a="$one" -v b="$hundred" 'BEGIN { printf "ratio:     %.2fx\n", b / a }'
