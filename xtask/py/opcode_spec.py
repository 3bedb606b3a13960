"""Dump the oracle's instruction set as JSON, for `cargo xtask codegen`.

Every fact comes from the interpreter: opcode numbers and categories from
`opcode`/`_opcode`, cache sizes, `dis`'s argument tables, the code flags,
and the stack effects. Real instructions take CPython's own formulas of
`oparg` (`_PyOpcode_num_popped`/`_pushed` in the oracle's
`pycore_opcode_metadata.h`); pseudo-instructions only have the net effects
of the compiler's `stack_effect` (`dis.stack_effect`), split into popped and
pushed after the real instruction they become. Every formula is checked
against `dis.stack_effect` here, so a wrong translation fails the generator.
"""
import __future__
import _opcode
import dis
import json
import opcode
import os
import re
import sys
import sysconfig

INCLUDE = sysconfig.get_paths()["include"]


def header(name):
    with open(os.path.join(INCLUDE, "internal", name)) as f:
        return f.read()


META = header("pycore_opcode_metadata.h")


def switch(function):
    """The `case NAME: return EXPR;` pairs of a generated C function."""
    body = META.split(f"int {function}(int opcode, int oparg)", 1)[1]
    body = body.split("default:", 1)[0]
    return dict(re.findall(r"case (\w+):\s*return (.*?);", body))


def rust_expr(c):
    """C's `(c) ? a : b` as Rust's `if`; the rest of these formulas is
    already Rust (`oparg` is an `i32`)."""
    return re.sub(r"\(\((.*?)\) \? (\w+) : (\w+)\)", r"(if \1 { \2 } else { \3 })", c)


def py_expr(c):
    return re.sub(r"\(\((.*?)\) \? (\w+) : (\w+)\)", r"(\2 if \1 else \3)", c)


POPPED = switch("_PyOpcode_num_popped")
PUSHED = switch("_PyOpcode_num_pushed")
PSEUDO_TARGETS = {
    name: targets.split(", ")[0]
    for name, targets in re.findall(r"\[(\w+)-256\] = \{ \{ (.*?) \} \}", META)
}
OPARGS = list(range(0, 1100)) + [1 << 16, (1 << 24) + 5]


def effect(op, oparg, jump):
    try:
        return dis.stack_effect(op, oparg if op in opcode.hasarg else None, jump=jump)
    except ValueError:
        return None


ops = []
for name, num in sorted(opcode.opmap.items(), key=lambda kv: kv[1]):
    pseudo = num >= 256
    info = {
        "name": name,
        "number": num,
        "pseudo": pseudo,
        "instrumented": name.startswith("INSTRUMENTED_"),
        "has_arg": _opcode.has_arg(num),
        "has_const": _opcode.has_const(num),
        "has_name": _opcode.has_name(num),
        "has_jump": _opcode.has_jump(num),
        "has_free": _opcode.has_free(num),
        "has_local": _opcode.has_local(num),
        "has_exc": _opcode.has_exc(num),
        "has_compare": num in opcode.hascompare,
        "backward_jump": num < 256 and dis._is_backward_jump(num),
        "cache_entries": opcode._inline_cache_entries.get(name, 0),
    }
    if not pseudo:
        if name in POPPED and effect(num, 0, False) is not None:
            popped, pushed = POPPED[name], PUSHED[name]
            for oparg in OPARGS if info["has_arg"] else [0]:
                env = {"oparg": oparg}
                net = eval(py_expr(pushed), env) - eval(py_expr(popped), env)
                for jump in (False, True):
                    assert net == effect(num, oparg, jump), (name, oparg, jump)
            info["popped"] = rust_expr(popped)
            info["pushed"] = rust_expr(pushed)
            info["pushed_on_jump"] = info["pushed"]
    else:
        # The pseudo-instruction pops what the instruction it becomes pops;
        # what it pushes follows from the compiler's net effect.
        target = PSEUDO_TARGETS[name]
        base = POPPED[target]
        assert "oparg" not in base, name
        popped = int(base)
        nets = {}
        for jump in (False, True):
            values = {effect(num, oparg, jump) for oparg in OPARGS}
            assert len(values) == 1 and None not in values, (name, values)
            nets[jump] = values.pop()
        info["popped"] = str(popped)
        info["pushed"] = str(popped + nets[False])
        info["pushed_on_jump"] = str(popped + nets[True])
    ops.append(info)


def defines(text, prefix):
    return [[n, int(v, 0)] for n, v in re.findall(rf"#define ({prefix}\w+)\s+(0x[0-9a-fA-F]+|\d+)", text)]


code_flags = [[name, flag] for flag, name in sorted(dis.COMPILER_FLAG_NAMES.items())]
for feature in __future__.all_feature_names:
    flag = getattr(__future__, feature).compiler_flag
    if flag and flag not in dis.COMPILER_FLAG_NAMES:
        code_flags.append(["FUTURE_" + feature.upper(), flag])

json.dump({
    "python": sys.version.split()[0],
    "ops": ops,
    "have_argument": opcode.HAVE_ARGUMENT,
    "nb_ops": [list(x) for x in dis._nb_ops],
    "cmp_op": list(dis.cmp_op),
    "intrinsic_1": list(dis._intrinsic_1_descs),
    "intrinsic_2": list(dis._intrinsic_2_descs),
    "function_attr_flags": list(dis.FUNCTION_ATTR_FLAGS),
    "code_flags": code_flags,
    "fast_kinds": defines(header("pycore_code.h"), "CO_FAST_"),
}, sys.stdout, indent=1)
