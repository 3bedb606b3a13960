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
