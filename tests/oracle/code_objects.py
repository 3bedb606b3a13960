"""Run by molt's tests under the oracle CPython: for each file named on
stdin, `compile(source, path, "exec")` and one JSON object per line with
the code object tree (every field molt's `CodeObject` has, constants
tagged recursively) and what `dis.dis(code)` prints, as the CRC-32 and
length of its UTF-8 ({"code": ..., "dis": [crc, len]} or {"error": ...}).

Addresses in the listing (`<code object f at 0x7f...>`) become `0x0000`,
as molt prints them. `co_localspluskinds` is not exposed in Python: it is
rebuilt from `co_varnames`, `co_cellvars` and `co_freevars` in the order
`co._varname_from_oparg` gives (the hidden bit of inlined comprehensions
is not visible, and dis does not need it). `positions` and `lines` are the
CRC-32 of `co_positions()` and `co_lines()` written out, so that molt's
decoders are checked too. Files are compiled by a worker per core, in
order.
"""
import dis
import io
import json
import multiprocessing
import re
import sys
import warnings
import zlib

CO_FAST_LOCAL, CO_FAST_CELL, CO_FAST_FREE = 0x20, 0x40, 0x80
ADDRESS = re.compile(r" at 0x[0-9a-f]+, file \"")


def crc(text):
    data = text.encode("utf-8", "surrogatepass")
    return [zlib.crc32(data), len(data)]


def const(c):
    if c is None or isinstance(c, bool):
        return c
    if isinstance(c, int):
        return {"i": str(c)}
    if isinstance(c, float):
        return {"f": repr(c)}
    if isinstance(c, complex):
        return {"c": [repr(c.real), repr(c.imag)]}
    if isinstance(c, str):
        try:
            c.encode("utf-8")
            return c
        except UnicodeEncodeError:
            return {"s": [ord(ch) for ch in c]}
    if isinstance(c, bytes):
        return {"b": c.hex()}
    if isinstance(c, tuple):
        return {"t": [const(x) for x in c]}
    if isinstance(c, frozenset):
        return {"fs": [const(x) for x in c]}
    if c is Ellipsis:
        return {"e": 0}
    if hasattr(c, "co_code"):
        return {"code": code(c)}
    raise TypeError(f"unexpected constant {c!r}")


def opt(x):
    return "N" if x is None else str(x)


def code(co):
    nfree = len(co.co_freevars)
    nlocalsplus = len(co.co_varnames) + len(set(co.co_cellvars) - set(co.co_varnames)) + nfree
    names, kinds = [], []
    for i in range(nlocalsplus):
        name = co._varname_from_oparg(i)
        if i >= nlocalsplus - nfree:
            kind = CO_FAST_FREE
        else:
            kind = (CO_FAST_LOCAL if name in co.co_varnames else 0) | (CO_FAST_CELL if name in co.co_cellvars else 0)
        names.append(name)
        kinds.append(kind)
    positions = ";".join(" ".join(map(opt, p)) for p in co.co_positions())
    lines = ";".join(" ".join(map(opt, r)) for r in co.co_lines())
    return {
        "argcount": co.co_argcount,
        "posonlyargcount": co.co_posonlyargcount,
        "kwonlyargcount": co.co_kwonlyargcount,
        "stacksize": co.co_stacksize,
        "flags": co.co_flags,
        "code": co.co_code.hex(),
        "consts": [const(c) for c in co.co_consts],
        "names": list(co.co_names),
        "localsplusnames": names,
        "localspluskinds": kinds,
        "filename": co.co_filename,
        "name": co.co_name,
        "qualname": co.co_qualname,
        "firstlineno": co.co_firstlineno,
        "linetable": co.co_linetable.hex(),
        "exceptiontable": co.co_exceptiontable.hex(),
        "positions": crc(positions),
        "lines": crc(lines),
    }


def answer(path):
    with open(path, "rb") as f:
        source = f.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            co = compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as err:
        return json.dumps({"error": str(err)})
    out = io.StringIO()
    dis.dis(co, file=out)
    listing = ADDRESS.sub(' at 0x0000, file "', out.getvalue())
    return json.dumps({"code": code(co), "dis": crc(listing)})


if __name__ == "__main__":
    sys.setrecursionlimit(10000)
    paths = [line.rstrip("\n") for line in sys.stdin]
    with multiprocessing.Pool(2) as pool:
        for line in pool.imap(answer, paths, chunksize=4):
            sys.stdout.write(line + "\n")
    sys.stdout.flush()
