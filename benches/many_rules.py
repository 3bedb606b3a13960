"""Write N rule files for the rule-scaling benchmark (benches/rules-scaling.sh):
realistic patterns over the node kinds code is made of (calls, method
calls, comparisons, boolean and conditional expressions), many of which
match often in the standard library, a fifth with fixes.

usage: python3 benches/many_rules.py OUTDIR N
"""
import os
import sys

METHODS = """append get join items format startswith endswith split strip replace
keys values update pop add extend write read encode decode lower upper copy
sort index count find insert remove setdefault group match search sub close
flush assertEqual assertTrue assertIn""".split()
BUILTINS = """len isinstance print range str int list dict set tuple getattr hasattr
sorted enumerate zip open repr type min max""".split()
CONSTANTS = ["None", "True", "False", "0", "1", "''", "[]", "()"]


def rules():
    for m in METHODS:
        yield f"method-{m}", f"$X.{m}($$$A)", None
    for b in BUILTINS:
        yield f"call-{b}", f"{b}($$$A)", None
    for c in CONSTANTS:
        yield f"eq-{len(c)}-{c.strip(chr(39)) or 'empty'}", f"$X == {c}", None
        yield f"ne-{len(c)}-{c.strip(chr(39)) or 'empty'}", f"$X != {c}", None
    yield "not-in", "not $X in $Y", "$X not in $Y"
    yield "not-is", "not $X is $Y", "$X is not $Y"
    yield "or-self", "$X if $X else $Y", "$X or $Y"
    yield "len-zero", "len($X) == 0", "not $X"
    yield "type-eq", "type($X) == $Y", None
    yield "dict-list", "dict([$$$A])", None
    yield "double-not", "not not $X", "bool($X)"
    yield "self-compare", "$X == $X", None
    for i in range(40):
        # Method calls with fixes: `x.method_i(args)` -> `method_i(x, args)`.
        m = METHODS[i % len(METHODS)]
        yield f"fix-{i}-{m}", f"$X.{m}($A, $B)", f"{m}_{i}($X, $A, $B)"


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for old in os.listdir(out):
        os.remove(os.path.join(out, old))
    made = 0
    for rule_id, pattern, fix in rules():
        if made == n:
            break
        text = f"id: {rule_id}\nmessage: bench {rule_id}\nrule:\n  pattern: {pattern!r}\n"
        if fix:
            text += f"fix: {fix!r}\n"
        with open(os.path.join(out, f"{rule_id}.yaml"), "w") as f:
            f.write(text)
        made += 1
    if made < n:
        sys.exit(f"only {made} rules")


if __name__ == "__main__":
    main()
