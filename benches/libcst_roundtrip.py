"""LibCST's side of the parse comparison: parse each file named on the
command line with `libcst.parse_module` and print it back with `.code`,
checking the round trip. With --filter, read paths on stdin and print the
ones LibCST parses (its grammar lags CPython's)."""
import sys

import libcst


def roundtrip(path):
    with open(path, "rb") as f:
        source = f.read()
    module = libcst.parse_module(source)
    return module.bytes == source


if "--filter" in sys.argv:
    for line in sys.stdin:
        path = line.rstrip("\n")
        try:
            if roundtrip(path):
                print(path)
        except Exception:
            pass
else:
    failures = sum(not roundtrip(path) for path in sys.argv[1:])
    print(f"{len(sys.argv) - 1} files, {failures} not round-tripped")
