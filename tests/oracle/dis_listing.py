"""Run by molt's tests under the oracle CPython: for each JSON object on
stdin ({"path"} or {"source"}), what `dis.dis(compile(...))` prints with
code object addresses masked and frozenset elements in sorted order, as one JSON object per line: {"dis": text}
(or its crc32 and length with --digest), or {"error": message}."""
import dis
import io
import json
import re
import sys
import warnings
import zlib

warnings.simplefilter("ignore")


def canonical(value):
    """The repr molt prints: frozenset elements sorted by their own repr
    (CPython's order follows randomized string hashing)."""
    if isinstance(value, frozenset):
        if not value:
            return "frozenset()"
        return "frozenset({" + ", ".join(sorted(canonical(v) for v in value)) + "})"
    if isinstance(value, tuple):
        inner = ", ".join(canonical(v) for v in value)
        return "(" + inner + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def sort_frozensets(text):
    out = []
    for line in text.splitlines(keepends=True):
        if "frozenset(" in line and "LOAD_CONST" in line:
            head, _, rest = line.partition("(")
            try:
                value = eval(rest.rstrip()[:-1], {"__builtins__": {}, "frozenset": frozenset})
                line = head + "(" + canonical(value) + ")\n"
            except (SyntaxError, NameError, TypeError):
                # A repr eval cannot read (`inf`, `nan`): left as printed.
                pass
        out.append(line)
    return "".join(out)


digest = "--digest" in sys.argv
for line in sys.stdin:
    case = json.loads(line)
    try:
        if "path" in case:
            with open(case["path"], "rb") as f:
                source = f.read()
            name = case["path"]
        else:
            source, name = case["source"], "<dis>"
        code = compile(source, name, "exec")
    except (SyntaxError, ValueError) as err:
        sys.stdout.write(json.dumps({"error": str(err)}) + "\n")
        continue
    buf = io.StringIO()
    dis.dis(code, file=buf)
    # Only code objects' addresses: hexadecimal in string constants stays.
    text = sort_frozensets(
        re.sub(r"(<code object .+? at )0x[0-9a-f]+(?=, file )", r"\g<1>0x0000", buf.getvalue())
    )
    if digest:
        data = text.encode("utf-8", "surrogatepass")
        result = {"dis": [zlib.crc32(data), len(data)]}
    else:
        result = {"dis": text}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
