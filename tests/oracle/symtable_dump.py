"""Run by molt's tests under the oracle CPython: for each line on stdin (a
file path, or with --json a JSON string holding a source), the symbol
tables of `symtable.symtable(source, path, "exec")` in molt's text form
(see crates/molt_compile/src/symtable/dump.rs), as one JSON object per
line: {"dump": text} or, when CPython refuses the file, {"error": msg,
"lineno": n, "offset": n}. With --digest, the CRC-32 and length of the
text's UTF-8 instead of the text."""
import _symtable
import json
import symtable
import sys
import warnings
import zlib

warnings.simplefilter("ignore")
digest = "--digest" in sys.argv
sources = "--json" in sys.argv

KINDS = {
    _symtable.TYPE_MODULE: "module",
    _symtable.TYPE_CLASS: "class",
    _symtable.TYPE_FUNCTION: "function",
    _symtable.TYPE_ANNOTATION: "annotation",
    _symtable.TYPE_TYPE_ALIAS: "type alias",
    _symtable.TYPE_TYPE_PARAMETERS: "type parameters",
    _symtable.TYPE_TYPE_VARIABLE: "type variable",
}
SCOPES = {1: "LOCAL", 2: "GLOBAL_EXPLICIT", 3: "GLOBAL_IMPLICIT", 4: "FREE", 5: "CELL"}
FLAGS = [
    "DEF_GLOBAL", "DEF_LOCAL", "DEF_PARAM", "DEF_NONLOCAL", "USE", "DEF_FREE",
    "DEF_FREE_CLASS", "DEF_IMPORT", "DEF_ANNOT", "DEF_COMP_ITER",
    "DEF_TYPE_PARAM", "DEF_COMP_CELL",
]
MASK = (1 << _symtable.SCOPE_OFF) - 1


def symbol_line(out, indent, name, raw):
    flags = raw & MASK
    scope = SCOPES.get((raw >> _symtable.SCOPE_OFF) & _symtable.SCOPE_MASK, "NONE")
    words = [f for bit, f in enumerate(FLAGS) if flags & (1 << bit)]
    out.append(f"{indent}  {name}: {' '.join([scope] + words)}")


def dump(entry, depth, out):
    indent = "  " * depth
    head = f"{indent}{KINDS[entry.type]} {entry.name} line {entry.lineno}"
    if entry.nested:
        head += " nested"
    if entry.varnames:
        head += " varnames=" + ",".join(entry.varnames)
    out.append(head)
    flagless = []
    for name, raw in entry.symbols.items():
        if raw & MASK == 0:
            # Added from a set: CPython's order is its hash order.
            flagless.append(name)
            continue
        symbol_line(out, indent, name, raw)
    for name in sorted(flagless):
        symbol_line(out, indent, name, entry.symbols[name])
    for child in entry.children:
        dump(child, depth + 1, out)


for line in sys.stdin:
    line = line.rstrip("\n")
    if sources:
        source, path = json.loads(line), "<case>"
    else:
        path = line
        with open(path, "rb") as f:
            source = f.read()
    try:
        top = symtable.symtable(source, path, "exec")._table
        out = []
        dump(top, 0, out)
        text = "\n".join(out) + "\n"
        data = text.encode("utf-8", "surrogatepass")
        result = {"dump": [zlib.crc32(data), len(data)] if digest else text}
    except SyntaxError as err:
        result = {"error": err.msg, "lineno": err.lineno, "offset": err.offset}
    except (ValueError, RecursionError, MemoryError) as err:
        result = {"error": f"{type(err).__name__}: {err}", "lineno": None, "offset": None}
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
