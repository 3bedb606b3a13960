//! Syntax errors: for each input, molt's message, exception class, line
//! and offset must be what the oracle's `ast.parse` reports (asked during
//! the test). Inputs the oracle accepts must parse.

mod common;

use common::run_driver;
use molt_oracle::oracle;
use molt_syntax::parse;

const CASES: &[&str] = &[
    // The generic error, and where CPython puts it.
    "a b c\n",
    "x = 1 +\n",
    "def f(:\n",
    "x.y +\n",
    "f(\n",
    "x = (1,\n",
    "x = [1, 2\ny = 3\n",
    "x = 1)\n",
    "x = [1)\n",
    "if x:\n    pass\n  else:\n",
    "x = 'abc\n",
    "@\ndef f(): pass\n",
    "class\n",
    "import\n",
    "from x import\n",
    "lambda x\n",
    "x = yield = 1\n",
    // Expected tokens.
    "if x\n  y\n",
    "while x\n  y\n",
    "for x in y\n  z\n",
    "def f()\n  pass\n",
    "class A\n  pass\n",
    "with x\n  pass\n",
    "try\n  pass\n",
    "for x y:\n  pass\n",
    // Blocks and indentation.
    "if x:\nfoo\n",
    "class A:\npass\n",
    "def f():\nreturn\n",
    "for x in y:\n\nz\n",
    "while x:\npass\n",
    "with x:\npass\n",
    "try:\npass\n",
    "try:\n  pass\nexcept:\npass\n",
    "try:\n  pass\nfinally:\npass\n",
    "if x:\n  pass\nelif y:\npass\n",
    "if x:\n  pass\nelse:\npass\n",
    "match x:\ncase 1: pass\n",
    "match x:\n  case 1:\n  pass\n",
    "x = 1\n  y = 2\n",
    "def f():\n    return\n  x\n",
    "try:\n  pass\n",
    // Assignment targets.
    "1 = x\n",
    "f() = 1\n",
    "x + 1 = 2\n",
    "None = 1\n",
    "True = 1\n",
    "(a, 1) = x\n",
    "[a, b.c, f()] = x\n",
    "a, 1 = x\n",
    "x = f() = 1\n",
    "a < b = 1\n",
    "not a = 1\n",
    "lambda: 1 = 1\n",
    "'s' = 1\n",
    "f'{x}' = 1\n",
    "{a: b} = 1\n",
    "{a} = 1\n",
    "[x for x in y] = 1\n",
    "(x for x in y) = 1\n",
    "a if b else c = 1\n",
    "... = 1\n",
    "await x = 1\n",
    "x += yield\n",
    "a, b += 1\n",
    "[a] += 1\n",
    "f() += 1\n",
    "(a, b): int\n",
    "[a]: int\n",
    "a, b: int\n",
    "f(): int = 1\n",
    "for 1 in x: pass\n",
    "for f() in x: pass\n",
    "with a as 1: pass\n",
    "del 1\n",
    "del f()\n",
    "del *a\n",
    "del a + b\n",
    "[x for 1 in y]\n",
    // Named expressions and '=' in expressions.
    "if x = 1:\n  pass\n",
    "if x.y = 1:\n  pass\n",
    "f(x.y=1)\n",
    "f(1=1)\n",
    "f(True=1)\n",
    "(a.b := 1)\n",
    "(1 := 1)\n",
    // Calls.
    "f(a=1, b)\n",
    "f(**a, b)\n",
    "f(**a, *b)\n",
    "f(x for x in y, 1)\n",
    "f(1, x for x in y)\n",
    // Parameters.
    "def f(a=1, b): pass\n",
    "def f(*): pass\n",
    "def f(*, **k): pass\n",
    "def f(**k, a): pass\n",
    "def f(a, /, b, /): pass\n",
    "def f(*a, /): pass\n",
    "def f(/): pass\n",
    "def f(*a, *b): pass\n",
    "def f(*a=1): pass\n",
    "def f(**a=1): pass\n",
    "lambda a=1, b: 1\n",
    // Displays and comprehensions.
    "[*a for a in b]\n",
    "(*a)\n",
    "x = 1 if 2\n",
    // Strings.
    "b'a' 'b'\n",
    "f'{}'\n",
    "f'{x!}'\n",
    "f'{x!z}'\n",
    "f'{x'\n",
    // Imports.
    "from x import a,\n",
    "import a.b as\n",
    // Python 2.
    "print 'x'\n",
    "exec 'x'\n",
    "print x, y\n",
    // Try.
    "try:\n  pass\nexcept* :\n  pass\n",
    "try:\n  pass\nexcept E:\n  pass\nexcept* F:\n  pass\n",
    "try:\n  pass\nelse:\n  pass\n",
    // Patterns.
    "match x:\n  case _ as _: pass\n",
    "match x:\n  case C(a=1, b): pass\n",
    "x = *a\n",
    "print(*a for a in b)\n",
    "f(**a for a in b)\n",
    "def f(x, x): pass\n",
    "def f():\n  yield from\n",
    "a = 1 if b\n",
    "x = {1: 2, 3}\n",
    "x = {1: 2, **a, 3}\n",
    "x = {a: *b}\n",
    "import a as b.c\n",
    "from a import b as c.d\n",
    "from a import (b, c\n",
    "from a import *, b\n",
    "def f(a, *, b): pass\nf(a, *)\n",
    "class A(x for x in y): pass\n",
    "with open(f) as (a, b): pass\n",
    "async def f():\n  async with a as 1: pass\n",
    "for x in range(10):\n  pass\nelse\n  pass\n",
    "while True:\n  pass\nelif x:\n  pass\n",
    "if x:\n  pass\nelif:\n  pass\n",
    "try:\n  pass\nexcept E as e.f:\n  pass\n",
    "try:\n  pass\nexcept E as 1:\n  pass\n",
    "match x:\n  case 1 + 1: pass\n",
    "match x:\n  case f(): pass\n",
    "match x:\n  case {**rest, 'k': v}: pass\n",
    "match x:\n  case a | b: pass\n",
    "x = [1, 2 3]\n",
    "x = (1 2)\n",
    "f(1 2)\n",
    "x = 1 2\n",
    "x = a b c\n",
    "if x y: pass\n",
    "x: int = 1 = 2\n",
    "x = lambda: yield\n",
    "nonlocal\n",
    "global x,\n",
    "assert\n",
    "raise from x\n",
    "del\n",
    "return *a\n",
    "x = not\n",
    "@x y\ndef f(): pass\n",
    "def f[](): pass\n",
    "class A[]: pass\n",
    "type T = \n",
    "type T[] = int\n",
    "f'{x:{y:{z:{w}}}}'\n",
    "f'{x!r=}'\n",
    "f'{x=!}'\n",
    "f'{*x}'\n",
    "f'{lambda x: 1}'\n",
    "f'{yield}'\n",
    "x = 0b\n",
    "x = 1__2\n",
    "x = $\n",
    "x = a ?? b\n",
    "x = 'abc' 'def\n",
    "def f(a, *, b, c=1, d, **e): pass\nlambda *: 1\n",
    "del (a, b), [c], f()\n",
    "(a, b) += 1\n",
    "x = yield from\n",
    "async def f(): await\n",
    "a.1\n",
    "a.\n",
    "x[1:2:3:4]\n",
    "x[]\n",
    "print(end='' flush=True)\n",
    "if True:\n    pass\n    pass\n   pass\n",
    "x = (1]\n",
    "x = (1,\n2]\n",
    "f(a, [1, 2)\n",
    "x = f'{a[}'\n",
    "x = f'{)}'\n",
    "x = f'{1:{2:{3:{4}}}}'\n",
    "x = f'{x!}'\n",
    "x = 'a' f'{b' 'c'\n",
    "x = 1\n\tif x:\n",
    "if x:\n\tpass\n        pass\n",
    "def f():\n\tpass\n    \tpass\n",
];

#[test]
fn syntax_errors_match_the_oracle() {
    let input: Vec<String> = CASES
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let expected = run_driver(oracle(), "parse_sources.py", &[], &input);
    let mut failures = Vec::new();
    for (source, expected) in CASES.iter().zip(&expected) {
        let parsed = parse(source);
        assert_eq!(parsed.tree.root().text(), *source);
        let actual = match parsed.error {
            None => serde_json::json!({"ok": true}),
            Some(e) => {
                serde_json::json!({"type": e.kind.name(), "msg": e.message, "lineno": e.line, "offset": e.offset})
            }
        };
        if &actual != expected {
            failures.push(format!(
                "{source:?}:\n  oracle: {expected}\n  molt:   {actual}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}
