"""Run by molt's tests under the oracle CPython: for each JSON object on
stdin ({"source", "mode", "indent", "attributes"}), what
`ast.dump(ast.parse(source, mode=mode), indent=..., include_attributes=...)`
prints, as one JSON object per line ({"dump": ...} or {"error": ...})."""
import ast
import json
import sys
import warnings

warnings.simplefilter("ignore")
for line in sys.stdin:
    case = json.loads(line)
    try:
        tree = ast.parse(case["source"], mode=case["mode"])
        result = {"dump": ast.dump(tree, indent=case["indent"], include_attributes=case["attributes"])}
    except SyntaxError as err:
        result = {"error": err.msg}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
