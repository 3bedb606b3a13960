#!/bin/sh
# molt's `printf-to-fstring` (`molt fix --unsafe-fixes`) next to ruff's UP031
# and flynt (default and --aggressive) on benches/printf_cases.py: a table of
# what each tool makes of each case, then per tool the rewrites that change
# behaviour, as tests/oracle/printf_behaviour.py finds them.
# The peers are installed from benches/peers-requirements.txt into a
# throwaway virtual environment, target/bench-venv.
# Usage: benches/printf-vs-peers.sh   (from anywhere; uses target/release/molt)
# Environment: PYTHON (the venv's and the oracle's Python, default: see
# oracle.sh), PY310 (a Python 3.10 to check the
# rewrites compile there, default ~/.pyenv/versions/3.10.13/bin/python3.10,
# skipped when absent), MOLT (default target/release/molt).
set -eu
cd "$(dirname "$0")/.."
. benches/oracle.sh
PYTHON=$(oracle "${PYTHON:-}")
PY310=${PY310:-$HOME/.pyenv/versions/3.10.13/bin/python3.10}
MOLT=${MOLT:-target/release/molt}
VENV=target/bench-venv
REQS=benches/peers-requirements.txt
STAMP=$VENV/.peers-requirements.txt

if [ ! -x "$MOLT" ]; then
    echo "no $MOLT: build it first (cargo build --release)" >&2
    exit 2
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV" >/dev/null
if ! cmp -s "$REQS" "$STAMP"; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQS" >/dev/null
    cp "$REQS" "$STAMP"
fi
[ -x "$PY310" ] || PY310=
echo "molt $("$MOLT" --version | sed 's/^molt //'), $("$VENV/bin/ruff" --version), flynt $("$VENV/bin/flynt" --version)"
exec "$PYTHON" benches/printf_vs_peers.py benches/printf_cases.py "$MOLT" "$VENV/bin" "$PYTHON" "$PY310"
