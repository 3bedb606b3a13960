"""Dump the oracle's AST node classes (CPython's `Parser/Python.asdl` as the
`ast` module exposes it) as JSON, for `cargo xtask codegen`.

For each abstract type (`stmt`, `expr`, ...) its concrete classes; for each
class its fields in order with their types, and its position attributes.
"""
import ast
import json
import sys
import types
import typing


def type_name(t):
    """'expr', 'expr?', 'expr*', 'identifier', 'constant', ..."""
    if isinstance(t, types.GenericAlias) and t.__origin__ is list:
        return type_name(t.__args__[0]) + "*"
    if isinstance(t, types.UnionType) or typing.get_origin(t) is typing.Union:
        args = [a for a in t.__args__ if a is not type(None)]
        return type_name(args[0]) + "?"
    if t is str:
        return "identifier"
    if t is int:
        return "int"
    if t is object:
        return "constant"
    return t.__name__


def fields(cls):
    return [[name, type_name(cls._field_types[name])] for name in cls._fields]


abstract = {}
products = {}
for name in dir(ast):
    cls = getattr(ast, name)
    if not (isinstance(cls, type) and issubclass(cls, ast.AST)) or cls is ast.AST:
        continue
    if name in ("slice", "Index", "ExtSlice", "Suite", "Param", "AugLoad", "AugStore", "Num", "Str", "Bytes", "NameConstant", "Ellipsis"):
        continue
    base = cls.__bases__[0]
    if base is ast.AST:
        if cls.__subclasses__():
            abstract.setdefault(name, {"attributes": list(cls._attributes), "kinds": []})
        else:
            products[name] = {"fields": fields(cls), "attributes": list(cls._attributes)}
for name, info in abstract.items():
    for sub in getattr(ast, name).__subclasses__():
        if sub.__name__ in ("Num", "Str", "Bytes", "NameConstant", "Ellipsis", "Index", "ExtSlice", "Param", "AugLoad", "AugStore", "Suite"):
            continue
        info["kinds"].append({"name": sub.__name__, "fields": fields(sub)})

# Python 3.14 (PEP 750) adds template strings; the oracle may predate them.
expr_kinds = abstract["expr"]["kinds"]
if not any(k["name"] == "TemplateStr" for k in expr_kinds):
    expr_kinds.append({"name": "TemplateStr", "fields": [["values", "expr*"]]})
    expr_kinds.append({"name": "Interpolation", "fields": [
        ["value", "expr"], ["str", "constant"], ["conversion", "int"], ["format_spec", "expr?"]]})

json.dump({"python": sys.version.split()[0], "sums": abstract, "products": products}, sys.stdout, indent=1, sort_keys=True)
