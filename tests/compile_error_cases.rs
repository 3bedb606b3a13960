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

#[test]
fn compile_errors_are_cpythons() {
    let input: Vec<String> = CASES
        .iter()
        .map(|s| serde_json::to_string(s).expect("json"))
        .collect();
    let expected = run_driver(oracle(), "compile_errors.py", &[], &input);
    let mut wrong = Vec::new();
    for (source, want) in CASES.iter().zip(&expected) {
        let want_msg = want["msg"]
            .as_str()
            .unwrap_or_else(|| panic!("the oracle compiles {source:?}"));
        let want_line = want["lineno"].as_u64().expect("a line");
        match pymolt::codemod::compile::compile_source(source, "<case>") {
            Ok(_) => wrong.push(format!("{source:?}: molt compiled it; CPython: {want_msg}")),
            Err(e) => {
                if e.message != want_msg || u64::from(e.line) != want_line {
                    wrong.push(format!(
                        "{source:?}: molt {:?} line {}; CPython {want_msg:?} line {want_line}",
                        e.message, e.line
                    ));
                }
            }
        }
    }
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
    let cases = [
        "\"\\ud800\"\n",
        "class C:\n    'a\\udfff b'\n",
        "def f():\n    '''x\\ud800\\udc00y'''\n",
        "async def f():\n    'x\\ud800y\\udfff'\n",
        "x = 1\n'\\ud800'\n",
        "def f():\n    return '\\ud800'\n",
    ];
    let input: Vec<String> = cases
        .iter()
        .map(|s| serde_json::to_string(s).expect("json"))
        .collect();
    let expected = run_driver(oracle(), "compile_errors.py", &[], &input);
    for (source, want) in cases.iter().zip(&expected) {
        let got = pymolt::codemod::compile::compile_source(source, "<case>");
        match (want.get("type").and_then(|t| t.as_str()), got) {
            (None, Ok(_)) => {}
            (Some(kind), Err(e)) => assert_eq!(
                (e.kind, e.message.as_str()),
                (kind, want["msg"].as_str().expect("a message")),
                "{source:?}"
            ),
            (want, got) => panic!("{source:?}: CPython {want:?}, molt {got:?}"),
        }
    }
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
    let input: Vec<String> = [21, 22]
        .iter()
        .map(|&d| serde_json::to_string(&nested(d)).expect("json"))
        .collect();
    let expected = run_driver(oracle(), "compile_errors.py", &[], &input);
    for (depth, want) in [21, 22].iter().zip(&expected) {
        let got = pymolt::codemod::compile::compile_source(&nested(*depth), "<case>");
        match (want.get("msg").and_then(|m| m.as_str()), got) {
            (None, Ok(_)) => {}
            (Some(msg), Err(e)) => assert_eq!(e.message, msg, "depth {depth}"),
            (want, got) => panic!(
                "depth {depth}: CPython {want:?}, molt {:?}",
                got.err().map(|e| e.message)
            ),
        }
    }
}
