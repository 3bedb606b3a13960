"""Run by molt's tests under the oracle CPython: for each file named on
stdin, what `compile(source_bytes, path, "exec")` does, as one JSON object
per line, in input order: {"ok": true} or the exception's class, message,
line and offset ({"type": "SyntaxError", "msg": ..., "lineno": ...,
"offset": ...}). The files are compiled by a worker per core."""
import json
import os
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor


def answer(path):
    warnings.simplefilter("ignore")
    with open(path, "rb") as f:
        source = f.read()
    try:
        compile(source, path, "exec")
        return {"ok": True}
    except SyntaxError as err:
        return {"type": type(err).__name__, "msg": err.msg, "lineno": err.lineno, "offset": err.offset}
    except (ValueError, RecursionError, MemoryError) as err:
        return {"type": type(err).__name__, "msg": str(err), "lineno": None, "offset": None}


if __name__ == "__main__":
    paths = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        for result in pool.map(answer, paths, chunksize=16):
            sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
