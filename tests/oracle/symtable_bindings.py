"""Run by molt's tests under the oracle CPython: for each JSON string on
stdin (a source), the names each module, class and function scope binds
(assigned, imported or parameters), from the `symtable` module, as one JSON
object per line: {"scopes": [[type, name, [names...]], ...]} in preorder."""
import json
import sys
import symtable

for line in sys.stdin:
    source = json.loads(line)
    out = []

    def visit(table):
        kind = table.get_type()
        kind = kind.value if hasattr(kind, "value") else kind
        if kind in ("module", "class", "function"):
            names = sorted(
                s.get_name()
                for s in table.get_symbols()
                if (s.is_assigned() or s.is_imported() or s.is_parameter()) and not s.is_global() or
                   (table.get_type() == "module" and (s.is_assigned() or s.is_imported()))
            )
            out.append([kind, table.get_name(), names])
        for child in table.get_children():
            visit(child)

    visit(symtable.symtable(source, "<case>", "exec"))
    sys.stdout.write(json.dumps({"scopes": out}) + "\n")
    sys.stdout.flush()
