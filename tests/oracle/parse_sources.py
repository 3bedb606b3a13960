"""Run by molt's tests under the oracle CPython: for each JSON string on
stdin (a source text), whether `ast.parse` accepts it, and if not, the
error's class, message, line and offset, as one JSON object per line."""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")

for line in sys.stdin:
    source = json.loads(line)
    try:
        ast.parse(source)
        result = {"ok": True}
    except SyntaxError as err:
        result = {"type": type(err).__name__, "msg": err.msg, "lineno": err.lineno, "offset": err.offset}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
