"""Run by molt's tests under the oracle CPython: for each file named on
stdin, `ast.dump(ast.parse(source), include_attributes=True)` and
`ast.unparse(ast.parse(source))`, as one JSON object per line ({"dump": ...,
"unparse": ...} or {"error": ...}); with --digest, the CRC-32 and length of
their UTF-8 (surrogates passed through) instead of the texts."""
import ast
import json
import sys
import warnings
import zlib

warnings.simplefilter("ignore")
digest = "--digest" in sys.argv
for line in sys.stdin:
    path = line.rstrip("\n")
    with open(path, "rb") as f:
        source = f.read()
    try:
        tree = ast.parse(source)
        result = {}
        for key, render in (("dump", lambda: ast.dump(tree, include_attributes=True)), ("unparse", lambda: ast.unparse(tree))):
            try:
                text = render()
            except RecursionError:
                # Too deep for the oracle's own recursion limit: no answer.
                result[key] = None
                continue
            data = text.encode("utf-8", "surrogatepass")
            result[key] = [zlib.crc32(data), len(data)] if digest else text
    except (SyntaxError, ValueError) as err:
        result = {"error": str(err)}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
