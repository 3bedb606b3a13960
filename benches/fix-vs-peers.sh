#!/bin/sh
# Whole-process timings of the printf rule over CPython 3.13's standard
# library next to its peers, in one run: `molt check` vs `ruff check
# --select UP031`, and `molt fix` vs `ruff --fix --unsafe-fixes`, flynt and
# LibCST's ConvertPercentFormatStringCommand. Each fix run starts from a
# fresh copy of the files (the copy is timed too, for every tool alike).
# Medians of RUNS runs (default 5; flynt and LibCST: 1 run each unless
# SLOW_RUNS says otherwise), wall seconds, from /usr/bin/time.
#
# usage: benches/fix-vs-peers.sh   (the peers come from
# benches/peers-requirements.txt, installed into target/bench-venv)
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PY=$(oracle "${PYTHON:-}")
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-1}
VENV=$PWD/target/bench-venv
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r benches/peers-requirements.txt
cargo build --release --quiet
MOLT=$PWD/target/release/molt
STDLIB=$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Only the `.py` files, without site-packages.
(cd "$STDLIB" && find . -name '*.py' -not -path '*/site-packages/*' -print0 |
    xargs -0 -I{} sh -c 'mkdir -p "$1/$(dirname "$2")" && cp "$2" "$1/$2"' _ "$WORK/pristine" {})

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
time_it() { # runs, then the command
    n=$1; shift
    i=0
    while [ "$i" -lt "$n" ]; do
        rm -rf "$WORK/copy" && cp -a "$WORK/pristine" "$WORK/copy"
        /usr/bin/time -f %e -o "$WORK/t" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$WORK/t"
        i=$((i + 1))
    done | median
}
C=$WORK/copy
printf '%-58s %s\n' "command (over $(find "$WORK/pristine" -name '*.py' | wc -l) files)" "median wall s"
printf '%-58s %s\n' "molt check --select printf-to-fstring" "$(time_it "$RUNS" "$MOLT" check --select printf-to-fstring --no-progress "$C")"
printf '%-58s %s\n' "ruff check --select UP031" "$(time_it "$RUNS" "$VENV/bin/ruff" check --select UP031 --output-format concise --no-cache --isolated --exit-zero "$C")"
printf '%-58s %s\n' "molt fix --unsafe-fixes (printf-to-fstring)" "$(time_it "$RUNS" "$MOLT" fix --unsafe-fixes --select printf-to-fstring --no-progress "$C")"
printf '%-58s %s\n' "ruff check --select UP031 --fix --unsafe-fixes" "$(time_it "$RUNS" "$VENV/bin/ruff" check --select UP031 --fix --unsafe-fixes --no-cache --isolated --exit-zero "$C")"
printf '%-58s %s\n' "flynt --no-tf" "$(time_it "$SLOW_RUNS" "$VENV/bin/flynt" --quiet --no-tf "$C")"
printf '%-58s %s\n' "LibCST ConvertPercentFormatStringCommand (2 jobs)" "$(cd "$WORK" && "$VENV/bin/python" -m libcst.tool initialize . >/dev/null 2>&1; time_it "$SLOW_RUNS" "$VENV/bin/python" -m libcst.tool codemod convert_percent_format_to_fstring.ConvertPercentFormatStringCommand "$C" --no-format --hide-progress)"
