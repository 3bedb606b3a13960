"""Run by molt's tests under a CPython: check files that a tool rewrote.

Reads one JSON list of [old_path, new_path] pairs from stdin and writes one
JSON list, one entry per pair: {"compiles": ..., "ast": ..., "conversions":
n, "error": message or null}.

- compiles: the new file compiles whenever the old one does (and raises no
  more warnings); null when the old one does not compile here.
- ast: the two ASTs are equal except where a `str % operands` expression
  became an f-string (or a plain string, or a `str.format` call); null
  when either does not parse.
  conversions counts those places.
"""
import ast
import json
import sys
import warnings


def compile_warnings(source, path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        compile(source, path, "exec", dont_inherit=True)
    return len(caught)


def converted(old, new):
    return (
        isinstance(old, ast.BinOp)
        and isinstance(old.op, ast.Mod)
        and isinstance(old.left, ast.Constant)
        and isinstance(old.left.value, str)
        and (
            isinstance(new, ast.JoinedStr)
            or isinstance(new, ast.Constant) and isinstance(new.value, str)
            # Ruff's UP031 writes `str.format` calls.
            or isinstance(new, ast.Call)
            and isinstance(new.func, ast.Attribute)
            and new.func.attr == "format"
            and isinstance(new.func.value, ast.Constant)
        )
    )


def same(old, new, count):
    """Whether the trees are equal but for conversions, counted."""
    if isinstance(old, ast.AST) or isinstance(new, ast.AST):
        if type(old) is not type(new):
            if converted(old, new):
                count[0] += 1
                return True
            return False
        if converted(old, new):
            count[0] += 1
            return True
        return all(same(getattr(old, f), getattr(new, f), count) for f in old._fields)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(same(a, b, count) for a, b in zip(old, new))
    return type(old) is type(new) and repr(old) == repr(new)


def check(old_path, new_path):
    with open(old_path, "rb") as f:
        old = f.read()
    with open(new_path, "rb") as f:
        new = f.read()
    result = {"compiles": None, "ast": None, "conversions": 0, "error": None}
    try:
        old_warnings = compile_warnings(old, old_path)
    except (SyntaxError, ValueError):
        return result
    try:
        new_warnings = compile_warnings(new, new_path)
        result["compiles"] = new_warnings <= old_warnings
        if new_warnings > old_warnings:
            result["error"] = "more warnings: %d -> %d" % (old_warnings, new_warnings)
    except (SyntaxError, ValueError) as e:
        result["compiles"] = False
        result["error"] = "%s: %s (line %s)" % (type(e).__name__, e.msg if hasattr(e, "msg") else e, getattr(e, "lineno", "?"))
        return result
    count = [0]
    result["ast"] = same(ast.parse(old), ast.parse(new), count)
    result["conversions"] = count[0]
    if not result["ast"]:
        result["error"] = "the AST changed beyond the conversions"
    return result


def main():
    pairs = json.loads(sys.stdin.read())
    sys.setrecursionlimit(20000)
    print(json.dumps([check(old, new) for old, new in pairs]))


if __name__ == "__main__":
    main()
