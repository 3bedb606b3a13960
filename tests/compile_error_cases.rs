//! Compile-time errors, case by case: each source below is refused by the
//! oracle's `compile()` and must be refused by molt with the same message
//! on the same line, whichever stage (symbol table or code generator)
//! raises it. The expected errors are the oracle's, taken during the test.

mod common;

use common::run_driver;
use molt_oracle::oracle;

const CASES: &[&str] = &[
    "return 1\n",
    "yield 1\n",
    "x = yield from y\n",
    "await x\n",
    "def f():\n    await x\n",
    "break\n",
    "continue\n",
    "while x:\n    def f():\n        break\n",
    "for x in y:\n    class C:\n        continue\n",
    "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "def f():\n    async with x:\n        pass\n",
    "def f():\n    async for x in y:\n        pass\n",
    "def f():\n    return [x async for x in y]\n",
    "async def f():\n    yield from x\n",
    "async def f():\n    yield 1\n    return 2\n",
    "a, *b, *c = d\n",
    "*a = b\n",
    "print(*a if b else c)\n[*a for a in b]\n",
    "f(x=1, x=2)\n",
    "def f(__debug__): pass\n",
    "import os\nfrom __future__ import annotations\n",
    "from __future__ import braces\n",
    "from __future__ import nonsense\n",
    "try:\n    pass\nexcept* ValueError:\n    break\n",
    "def f():\n    for x in y:\n        try:\n            pass\n        except* E:\n            continue\n",
    "def f():\n    try:\n        pass\n    except* E:\n        return\n",
    "def f[T = int, U](): pass\n",
    "def f():\n    x = 1\n    global x\n",
    "def f(a):\n    global a\n",
    "nonlocal x\n",
    "def f():\n    nonlocal x\n",
    "def f(a, a): pass\n",
    "def f():\n    from os import *\n",
    "[(yield) for x in y]\n",
    "class C:\n    [(z := 1) for x in y]\n",
    "[(x := 1) for x in y]\n",
    "def f[T, T](): pass\n",
    "x: int\nglobal x\n",
    "while True:\n    pass\nelse:\n    break\n",
    "from .__future__ import braces\nreturn\n",
];

/// What the oracle's `compile()` does with each source: `{"ok": true}` or
/// its exception's `type`, `msg` and (for a `SyntaxError`) `lineno`.
fn oracle_outcomes(sources: &[String]) -> Vec<serde_json::Value> {
    let input: Vec<String> = sources
        .iter()
        .map(|s| serde_json::to_string(s).expect("json"))
        .collect();
    run_driver(oracle(), "compile_errors.py", &[], &input)
}

/// How molt's outcome for `source` differs from the oracle's `want`, if it
/// does: both compile it, or both refuse it with the same exception,
/// message and (when the oracle names one) line.
fn difference(source: &str, want: &serde_json::Value) -> Option<String> {
    let got = pymolt::codemod::compile::compile_source(source, "<case>");
    let refused = want.get("type").and_then(|t| t.as_str());
    match (refused, got) {
        (None, Ok(_)) => None,
        (Some(kind), Err(e)) => {
            let line = want["lineno"].as_u64();
            let same = e.kind == kind
                && Some(e.message.as_str()) == want["msg"].as_str()
                && line.is_none_or(|l| l == u64::from(e.line));
            (!same).then(|| {
                format!(
                    "{source:?}: molt {} {:?} line {}; CPython {want}",
                    e.kind, e.message, e.line
                )
            })
        }
        (_, got) => Some(format!(
            "{source:?}: CPython {want}; molt {:?}",
            got.err().map(|e| e.message)
        )),
    }
}

/// Every source compared with the oracle: the ones that differ.
fn differences(sources: &[String]) -> Vec<String> {
    let outcomes = oracle_outcomes(sources);
    sources
        .iter()
        .zip(&outcomes)
        .filter_map(|(source, want)| difference(source, want))
        .collect()
}

#[test]
fn compile_errors_are_cpythons() {
    let sources: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    let outcomes = oracle_outcomes(&sources);
    // Each case is one the oracle refuses.
    for (source, want) in sources.iter().zip(&outcomes) {
        assert!(want.get("type").is_some(), "the oracle compiles {source:?}");
    }
    let wrong: Vec<String> = (sources.iter().zip(&outcomes))
        .filter_map(|(source, want)| difference(source, want))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A docstring with lone surrogates cannot be cleaned (CPython encodes it
/// to UTF-8 first): module, class and function docstrings are refused with
/// the oracle's exception; the same string elsewhere compiles.
#[test]
fn surrogate_docstrings_are_refused_as_cpython_refuses_them() {
    let sources = [
        "\"\\ud800\"\n",
        "class C:\n    'a\\udfff b'\n",
        "def f():\n    '''x\\ud800\\udc00y'''\n",
        "async def f():\n    'x\\ud800y\\udfff'\n",
        "x = 1\n'\\ud800'\n",
        "def f():\n    return '\\ud800'\n",
    ]
    .map(String::from);
    assert_eq!(differences(&sources), Vec::<String>::new());
}

/// `for` loops nest 21 deep and not 22 (`CO_MAXBLOCKS`), as in CPython.
#[test]
fn nesting_limit_is_cpythons() {
    let nested = |depth: usize| {
        let mut s = String::from("def f():\n");
        for i in 0..depth {
            s += &format!("{}for x{i} in y:\n", "    ".repeat(i + 1));
        }
        s + &format!("{}pass\n", "    ".repeat(depth + 1))
    };
    assert_eq!(differences(&[nested(21), nested(22)]), Vec::<String>::new());
}
