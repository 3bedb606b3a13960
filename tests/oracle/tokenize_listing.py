"""Run by molt's tests under the oracle CPython: for each file named on
stdin (one path per line), what `python -m tokenize` and
`python -m tokenize -e` print, as one JSON object per line.

With --digest, the listings are replaced by their CRC-32 and length, so
that a whole corpus can be compared without shipping gigabytes of text.
"""
import json
import sys
import tokenize
import zlib
from token import tok_name


def listing(tokens, exact):
    lines = []
    for token in tokens:
        token_type = token.exact_type if exact else token.type
        token_range = "%d,%d-%d,%d:" % (token.start + token.end)
        lines.append("%-20s%-15s%-15r\n" % (token_range, tok_name[token_type], token.string))
    return "".join(lines)


def describe(path, digest):
    try:
        with open(path, "rb") as f:
            tokens = list(tokenize.tokenize(f.readline))
    except IndentationError as err:
        return {"error": err.args[0], "loc": list(err.args[1][1:3])}
    except tokenize.TokenError as err:
        return {"error": err.args[0], "loc": list(err.args[1])}
    except SyntaxError as err:
        return {"error": str(err), "loc": None}
    out = {}
    for key, exact in (("plain", False), ("exact", True)):
        text = listing(tokens, exact)
        if digest:
            data = text.encode("utf-8", "surrogatepass")
            out[key] = [zlib.crc32(data), len(data)]
        else:
            out[key] = text
    return out


def main():
    digest = "--digest" in sys.argv
    for line in sys.stdin:
        path = line.rstrip("\n")
        result = describe(path, digest)
        result["path"] = path
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


main()
