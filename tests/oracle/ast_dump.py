"""Run by molt's tests under the oracle CPython: for each file named on
stdin, `ast.dump(ast.parse(source), include_attributes=True)`, as one JSON
object per line ({"dump": ...} or {"error": ...}); with --digest, the
CRC-32 and length of the dump's UTF-8 instead of the dump."""
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
        text = ast.dump(ast.parse(source), include_attributes=True)
        data = text.encode("utf-8", "surrogatepass")
        result = {"dump": [zlib.crc32(data), len(data)] if digest else text}
    except (SyntaxError, ValueError) as err:
        result = {"error": str(err)}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
