# Sourced by the benchmark scripts: `oracle [PYTHON]` prints the CPython the
# comparisons run against: PYTHON when given, else $MOLT_ORACLE_PYTHON, else
# python3.13 on PATH, else the newest 3.13 under pyenv. A Python named but
# not runnable is an error, not a reason to pick another.
oracle() {
    chosen=${1:-${MOLT_ORACLE_PYTHON:-}}
    if [ -n "$chosen" ]; then
        "$chosen" -V > /dev/null 2>&1 || { echo "cannot run $chosen" >&2; exit 2; }
        echo "$chosen"
        return
    fi
    for candidate in python3.13 \
        $(ls -d "$HOME"/.pyenv/versions/3.13*/bin/python3.13 2> /dev/null | sort -rV); do
        if "$candidate" -V > /dev/null 2>&1; then
            echo "$candidate"
            return
        fi
    done
    echo "no python3.13: pass one as the first argument (or set MOLT_ORACLE_PYTHON)" >&2
    exit 2
}
