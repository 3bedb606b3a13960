"""Run by molt's tests under the oracle CPython: whether a rewrite of a
`%`-formatting expression into an f-string keeps its behaviour, found by
evaluating the old and the new expression side by side on probe values.

Reads one JSON list of cases from stdin, each {"old": expr, "new": expr,
"probes": "all" | "numeric"}, and writes one JSON list, one entry per case
in order: {"ok": bool, "checked": bindings tried, "mismatch": null or
{"binding": ..., "old": ..., "new": ...}}.

The free names of the two expressions (loaded, not builtins, not bound
inside the expressions) are bound to probe values: none, one evaluation;
one, every probe; several, every probe for each name with the others bound
to 5, then every probe for all names at once (at most MAX_BINDINGS). For
each binding `old` and `new` are evaluated with `eval` in fresh namespaces.
Outcomes agree when both give an exact `str` and the two are equal, or both
raise exceptions of the same type (MemoryError and running out of time count
as one type, "<time or memory limit>"); the first disagreement is reported,
with results shown by their (shortened) repr and exceptions by their type
name.
A case whose `old` does not compile is never ok.

With --self-test, runs built-in cases and asserts their verdicts instead.
"""
import ast
import builtins
import decimal
import fractions
import hashlib
import io
import json
import signal
import sys
import warnings

warnings.simplefilter("ignore")

MAX_BINDINGS = 199
OTHERS = 5  # the value of the names not being probed
TIME_LIMIT = 2.0  # seconds per evaluation, where the platform can tell
MEMORY_LIMIT = 2 << 30  # bytes of address space, where the platform can tell
REPR_LIMIT = 200  # characters of a result shown in a report


class StrWithStr(str):
    """A str subclass whose str() differs from its value."""

    def __str__(self):
        return "custom-str"


class PlainStrSub(str):
    """A str subclass that keeps str's own methods."""


class Formatted:
    """format(), str() and repr() all differ."""

    def __format__(self, spec):
        return "format<" + spec + ">"

    def __str__(self):
        return "str"

    def __repr__(self):
        return "repr"


class FormattedEverywhere:
    """Every attribute, item and call result is a Formatted(): so that an
    operand written `d['k']`, `x.attr` or `f(x)` reaches one too."""

    def __getattr__(self, name):
        return Formatted()

    def __getitem__(self, key):
        return Formatted()

    def __call__(self, *args, **kwargs):
        return Formatted()

    def __str__(self):
        return "str-everywhere"

    def __repr__(self):
        return "repr-everywhere"


def plain(value):
    return (repr(value), lambda: value)


# (label in reports, factory): a fresh value per evaluation, so that one
# evaluation cannot change what the next one sees.
NUMERIC_PROBES = [
    plain(0),
    plain(7),
    plain(-3),
    plain(255),
    plain(10**20),
    plain(3.7),
    plain(-0.5),
    plain(1e20),
    plain(0.1),
    ("float('nan')", lambda: float("nan")),
    ("float('inf')", lambda: float("inf")),
    plain(True),
    plain(False),
]
OTHER_PROBES = [
    plain(None),
    plain(""),
    plain("ab"),
    plain("A"),
    plain("h\u00e9llo"),
    ("(1,)", lambda: (1,)),
    ("()", lambda: ()),
    ("(1, 2)", lambda: (1, 2)),
    ("[1, 2]", lambda: [1, 2]),
    ("{'a': 1}", lambda: {"a": 1}),
    ("StrWithStr('ab')", lambda: StrWithStr("ab")),
    ("PlainStrSub('ab')", lambda: PlainStrSub("ab")),
    ("Formatted()", Formatted),
    ("FormattedEverywhere()", FormattedEverywhere),
    ("Decimal('1.25')", lambda: decimal.Decimal("1.25")),
    ("Fraction(1, 3)", lambda: fractions.Fraction(1, 3)),
    ("(1+2j)", lambda: 1 + 2j),
    ("b'x'", lambda: b"x"),
]
PROBES = {"all": NUMERIC_PROBES + OTHER_PROBES, "numeric": NUMERIC_PROBES}


def free_names(trees):
    """Names the trees load that are neither builtins nor bound within
    them (comprehension and walrus targets, lambda parameters), in order of
    first appearance."""
    loaded, bound = [], set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name):
                if isinstance(node.ctx, ast.Load):
                    if node.id not in loaded:
                        loaded.append(node.id)
                else:
                    bound.add(node.id)
            elif isinstance(node, ast.arg):
                bound.add(node.arg)
    return [name for name in loaded if name not in bound and not hasattr(builtins, name)]


def bindings(names, probes):
    """Bindings as lists of (name, label, factory)."""
    if not names:
        return [[]]
    if len(names) == 1:
        return [[(names[0], label, make)] for label, make in probes]
    together = [[(name, label, make) for name in names] for label, make in probes]
    per_name = max(1, (MAX_BINDINGS - len(together)) // len(names))
    out = []
    for i, name in enumerate(names):
        if per_name >= len(probes):
            chosen = probes
        else:
            # An even spread, shifted per name so the names share the probes.
            chosen = [probes[(i + k * len(probes) // per_name) % len(probes)] for k in range(per_name)]
        for label, make in chosen:
            out.append([(other, label, make) if other == name else (other, repr(OTHERS), lambda: OTHERS) for other in names])
    return (out + together)[:MAX_BINDINGS]


class Timeout(BaseException):
    pass


class Discard(io.TextIOBase):
    """Swallows whatever an expression prints."""

    def writable(self):
        return True

    def write(self, text):
        return len(text)


def on_alarm(signum, frame):
    raise Timeout()


def limit_memory():
    """Make a runaway expression raise MemoryError instead of eating the
    machine."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if soft == resource.RLIM_INFINITY or soft > MEMORY_LIMIT:
            if hard != resource.RLIM_INFINITY and hard < MEMORY_LIMIT:
                return
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, hard))
    except (ImportError, AttributeError, ValueError, OSError):
        pass


limit_memory()
CAN_TIME = hasattr(signal, "setitimer")
if CAN_TIME:
    signal.signal(signal.SIGALRM, on_alarm)


def evaluate(code, binding):
    """The outcome of one evaluation, as (kind, key, shown): kind "str"
    (key: the length and a digest, so that a large result need not be kept
    while the other side runs), "other" (a result that is not an exact str),
    "raise" (key: the exception's type name) or "limit" (MemoryError, or
    out of time)."""
    if isinstance(code, str):  # the name of the error compiling it
        return ("raise", code, code)
    namespace = {name: make() for name, _, make in binding}
    decimal.setcontext(decimal.Context())
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), Discard(), Discard()
    try:
        if CAN_TIME:
            signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT)
        try:
            return summarise(eval(code, namespace))
        finally:
            if CAN_TIME:
                signal.setitimer(signal.ITIMER_REAL, 0)
    except (KeyboardInterrupt, SystemExit):
        raise
    except (Timeout, MemoryError):
        # Which limit a runaway evaluation hits first depends on the
        # machine, so the two are one outcome.
        return ("limit", None, "<time or memory limit>")
    except BaseException as err:
        name = type(err).__name__
        return ("raise", name, name)
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved


def summarise(value):
    if type(value) is str:
        digest = hashlib.sha256()
        for i in range(0, len(value), 1 << 20):
            digest.update(value[i:i + (1 << 20)].encode("utf-8", "surrogatepass"))
        if len(value) > REPR_LIMIT:
            shown = repr(value[:REPR_LIMIT]) + "... (%d characters)" % len(value)
        else:
            shown = repr(value)
        return ("str", (len(value), digest.hexdigest()), shown)
    try:
        shown = repr(value)
    except (KeyboardInterrupt, SystemExit, Timeout):
        raise
    except BaseException as err:
        shown = "<repr raised %s>" % type(err).__name__
    if type(shown) is not str:
        shown = "<repr gave %s>" % type(shown).__name__
    if len(shown) > REPR_LIMIT:
        shown = shown[:REPR_LIMIT] + "..."
    return ("other", None, "%s (%s)" % (shown, type(value).__name__))


def agree(a, b):
    return a[0] == b[0] and a[0] != "other" and a[1] == b[1]


def show_binding(binding):
    return "{" + ", ".join("%r: %s" % (name, label) for name, label, _ in binding) + "}"


def compile_expr(source):
    """(tree, code), or (None, error type name) when it does not compile."""
    try:
        tree = ast.parse(source, mode="eval")
        return tree, compile(tree, "<case>", "eval")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as err:
        return None, type(err).__name__


def check(case):
    old_tree, old_code = compile_expr(case["old"])
    new_tree, new_code = compile_expr(case["new"])
    if old_tree is None:
        mismatch = {"binding": "{}", "old": old_code, "new": "<not evaluated>"}
        return {"ok": False, "checked": 0, "mismatch": mismatch}
    names = free_names([tree for tree in (old_tree, new_tree) if tree is not None])
    probes = PROBES[case.get("probes", "all")]
    checked = 0
    for binding in bindings(names, probes):
        checked += 1
        old = evaluate(old_code, binding)
        new = evaluate(new_code, binding)
        if not agree(old, new):
            mismatch = {"binding": show_binding(binding), "old": old[2], "new": new[2]}
            return {"ok": False, "checked": checked, "mismatch": mismatch}
    return {"ok": True, "checked": checked, "mismatch": None}


SELF_TEST = [
    ("'%s' % (x,)", "f'{x!s}'", True),
    ("'%s' % (x,)", "f'{x}'", False),
    ("'%d' % (x,)", "f'{x:d}'", False),
    ("'%4.4x' % (x,)", "f'{x:404x}'", False),
    ("'%.2s' % (x,)", "f'{x!s:.2}'", True),
    ("'%5s' % (x,)", "f'{x!s:>5}'", True),
    ("'%s and %r' % (a, b)", "f'{a!s} and {b!r}'", True),
    ("'%s-%s' % (a, b)", "f'{b!s}-{a!s}'", False),
    ("'100%%' % ()", "'100%'", True),
    ("[].append(x)", "None", False),
    ("'%s' % (x,)", "f'{x!s'", False),
]


def self_test():
    results = [check({"old": old, "new": new, "probes": "all"}) for old, new, _ in SELF_TEST]
    failed = 0
    for (old, new, want), got in zip(SELF_TEST, results):
        if got["ok"] != want:
            failed += 1
            print("FAIL: %s vs %s: want ok=%s, got %s" % (old, new, want, json.dumps(got)))
    # The mismatch between `'%s' % (x,)` and `f'{x}'` is the Formatted probe.
    first = results[1]["mismatch"]
    if first != {"binding": "{'x': Formatted()}", "old": "'str'", "new": "'format<>'"}:
        failed += 1
        print("FAIL: '%%s' vs f'{x}' mismatch: got %s" % json.dumps(first))
    # A mismatch on `'%d'` versus `:d` is first seen on a float.
    first = results[2]["mismatch"]
    if first is None or first["binding"] != "{'x': 3.7}" or first["old"] != "'3'" or first["new"] != "ValueError":
        failed += 1
        print("FAIL: '%%d' mismatch: got %s" % json.dumps(first))
    # Several names: each probed alone plus all together, under the cap.
    many = check({"old": "'%s%s%s' % (a, b, c)", "new": "f'{a!s}{b!s}{c!s}'"})
    if not many["ok"] or many["checked"] != 4 * len(PROBES["all"]):
        failed += 1
        print("FAIL: three names: got %s" % json.dumps(many))
    ten_names = "str((a0, a1, a2, a3, a4, a5, a6, a7, a8, a9))"
    ten = check({"old": ten_names, "new": ten_names})
    if not ten["ok"] or ten["checked"] >= 200:
        failed += 1
        print("FAIL: ten names tried %d bindings" % ten["checked"])
    if failed:
        print("%d self-test failures" % failed)
        sys.exit(1)
    print("self-test ok under Python %s" % sys.version.split()[0])


def main():
    if "--self-test" in sys.argv:
        self_test()
        return
    cases = json.load(sys.stdin)
    results = [check(case) for case in cases]
    sys.stdout.write(json.dumps(results) + "\n")
    sys.stdout.flush()


main()
