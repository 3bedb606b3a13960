"""Run by molt's tests under the oracle CPython: for each JSON string on
stdin (a source text), what `compile(source_bytes, "<case>", "exec")`
raises, as one JSON object per line: {"ok": true} or the exception's class,
message, line and offset."""
import json
import sys
import warnings

warnings.simplefilter("ignore")

for line in sys.stdin:
    source = json.loads(line).encode("utf-8", "surrogateescape")
    try:
        compile(source, "<case>", "exec")
        result = {"ok": True}
    except SyntaxError as err:
        result = {"type": type(err).__name__, "msg": err.msg, "lineno": err.lineno, "offset": err.offset}
    except ValueError as err:
        # ValueError itself, or a UnicodeEncodeError (a docstring with
        # lone surrogates).
        result = {"type": type(err).__name__, "msg": str(err)}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
