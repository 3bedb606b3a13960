"""Run by molt's tests under the oracle CPython: for each file named on
stdin (one path per line), whether `ast.parse` accepts it, and if not, the
error's class, message, line and offset, as one JSON object per line."""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")

for line in sys.stdin:
    path = line.rstrip("\n")
    with open(path, "rb") as f:
        source = f.read()
    try:
        ast.parse(source, filename=path)
        result = {"ok": True}
    except SyntaxError as err:
        result = {"type": type(err).__name__, "msg": err.msg, "lineno": err.lineno, "offset": err.offset}
    except (ValueError, UnicodeError) as err:
        result = {"type": type(err).__name__, "msg": str(err), "lineno": None, "offset": None}
    result["path"] = path
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
