"""CPython's side of the whole-process comparison: what `python -m tokenize
FILE` prints, for each FILE named on the command line, in one process
(so that interpreter start-up is paid once, as molt pays it once)."""
import sys
import tokenize
from token import tok_name

for filename in sys.argv[1:]:
    try:
        with open(filename, "rb") as f:
            tokens = list(tokenize.tokenize(f.readline))
    except (SyntaxError, tokenize.TokenError) as err:
        print(f"{filename}: error: {err}", file=sys.stderr)
        continue
    for token in tokens:
        token_range = "%d,%d-%d,%d:" % (token.start + token.end)
        print("%-20s%-15s%-15r" % (token_range, tok_name[token.type], token.string))
