"""Dump the facts that molt's generated tables are made from, as JSON.

Run by `cargo xtask codegen` with the oracle CPython. Everything here is read
from the interpreter itself (its Unicode database and its codec registry), so
the generated Rust tables say exactly what that CPython says.
"""
import encodings
import encodings.aliases
import importlib
import json
import pkgutil
import sys


def ranges(pred):
    out = []
    start = None
    for cp in range(sys.maxunicode + 2):
        ok = cp <= sys.maxunicode and pred(cp)
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append([start, cp - 1])
            start = None
    return out


def printable(cp):
    return chr(cp).isprintable()


def xid_start(cp):
    # `_` is a start character for identifiers but not XID_Start: keep the
    # table pure and let the lexer add `_`.
    return cp != 0x5F and chr(cp).isidentifier()


def xid_continue(cp):
    return ("a" + chr(cp)).isidentifier()


def codecs():
    native = {"utf_8", "utf_8_sig", "latin_1", "ascii"}
    out = {}
    for info in pkgutil.iter_modules(encodings.__path__):
        name = info.name
        if name in ("aliases",) or name.startswith("_"):
            continue
        if name in native:
            out[name] = {"kind": name}
            continue
        try:
            mod = importlib.import_module("encodings." + name)
        except Exception:  # platform codecs such as mbcs
            continue
        table = getattr(mod, "decoding_table", None)
        if isinstance(table, str) and len(table) == 256:
            out[name] = {"kind": "charmap", "table": table}
        else:
            out[name] = {"kind": "unsupported"}
    return out


# Names computed from the code point (`\N{CJK UNIFIED IDEOGRAPH-4E00}`,
# Hangul syllables) are left to the lookup code; the rest are listed.
ALGORITHMIC = ("CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "HANGUL SYLLABLE ",
               "TANGUT IDEOGRAPH-", "KHITAN SMALL SCRIPT CHARACTER-", "NUSHU CHARACTER-")


def names():
    import unicodedata
    out = []
    for cp in range(sys.maxunicode + 1):
        name = unicodedata.name(chr(cp), None)
        if name and not name.startswith(ALGORITHMIC):
            out.append([name, cp])
    out.sort()
    return out


def algorithmic():
    import unicodedata
    out = []
    for prefix in ALGORITHMIC:
        start = None
        for cp in range(sys.maxunicode + 2):
            name = unicodedata.name(chr(cp), "") if cp <= sys.maxunicode else ""
            ok = name.startswith(prefix)
            if ok and start is None:
                start = cp
            elif not ok and start is not None:
                out.append([prefix, start, cp - 1])
                start = None
    return out


json.dump(
    {
        "names": names(),
        "builtins": sorted(dir(__import__("builtins"))),
        "algorithmic": algorithmic(),
        "python": sys.version.split()[0],
        "unicode": __import__("unicodedata").unidata_version,
        "printable": ranges(printable),
        "xid_start": ranges(xid_start),
        "xid_continue": ranges(xid_continue),
        "codecs": codecs(),
        "aliases": dict(sorted(encodings.aliases.aliases.items())),
    },
    sys.stdout,
)
