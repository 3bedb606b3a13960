//! `match` statements (PEP 634) against the oracle: each source below must
//! disassemble exactly as CPython 3.13's `dis` shows it (addresses
//! masked) and compile to its code objects field by field, and each
//! ill-formed pattern must raise CPython's
//! `SyntaxError`, with its text, line and column.

mod common;

use common::run_driver;
use molt_oracle::oracle;

const CASES: &[&str] = &[
    // Values, singletons, and the default case.
    "match x:\n    case 1:\n        a = 1\n    case 'two' | b'three':\n        pass\n    case None:\n        pass\n    case True:\n        pass\n    case _:\n        b = 2\n",
    // Negative and complex literals, dotted names.
    "match x:\n    case -1 | 1.5 | 2+3j | -4-5j:\n        pass\n    case Color.RED | mod.Color.GREEN:\n        pass\n",
    // A single wildcard case pops the subject; a single capture stores it.
    "match x:\n    case _:\n        pass\n",
    "match x:\n    case a:\n        print(a)\n",
    "match x:\n    case 1:\n        pass\n",
    // Sequences: exact length, a starred name, starred wildcards (by
    // subscript), only wildcards.
    "match x:\n    case [a, b]:\n        pass\n    case (a, *rest, b):\n        pass\n    case [1, *_, c]:\n        pass\n    case [*_, c, _, d]:\n        pass\n    case [_, _, *_]:\n        pass\n    case []:\n        pass\n    case [*_]:\n        pass\n    case [*everything]:\n        pass\n",
    // Mappings: keys, `**rest`, the empty mapping, attribute keys.
    "match x:\n    case {'k': v, **kw}:\n        pass\n    case {}:\n        pass\n    case {1: _, K.attr: [y]}:\n        pass\n    case {**rest}:\n        pass\n    case {'a': 1, 'b': 2, 'c': c}:\n        pass\n",
    // Classes: positional, keyword and wildcard sub-patterns.
    "match x:\n    case Point(1, y=q) if q > 2:\n        pass\n    case C():\n        pass\n    case C(_, _, a=_):\n        pass\n    case str() | bytes():\n        pass\n    case m.P(a, b, c=[d, *e]):\n        pass\n",
    // `as` and or-patterns, with captures in different orders.
    "match x:\n    case (1 | 2) as z:\n        pass\n    case [p, q] | [q, p]:\n        pass\n    case [[a, b], [c, d]] | [[c, d], [a, b]] | (a, b, c, d):\n        pass\n    case {'x': (1 | 2 | 3) as x, **rest} if not rest:\n        pass\n    case (a, b, c) | (c, b, a) | (b, c, a):\n        pass\n",
    // Guards, the default case with a guard, nesting.
    "match x:\n    case [a, b] if a < b and b:\n        pass\n    case {1: [Point(x=0, y=0), {'z': z}]} if z:\n        pass\n    case _ if y:\n        pass\n",
    "match x:\n    case y if y:\n        pass\n    case z:\n        pass\n",
    // Inside functions (fast locals, cells), with return, break, continue.
    "def f(cmd):\n    match cmd.split():\n        case ['go', ('north' | 'south') as direction]:\n            return direction\n        case ['drop', *objects]:\n            for o in objects:\n                print(o)\n        case (a, b) | (b, a) if a > b:\n            return a\n        case y:\n            return y\n",
    "def g(x):\n    match x:\n        case _ if x:\n            pass\n        case 2:\n            pass\n    def inner():\n        return x\n    match x:\n        case [x, *_]:\n            pass\n",
    "async def h(xs):\n    async for i in xs:\n        match i:\n            case [a, b] if await a:\n                break\n            case {1: _}:\n                continue\n            case _:\n                return i\n",
    "def w():\n    while True:\n        match (yield):\n            case int(n):\n                return n\n            case _:\n                pass\n",
    // In a class body (names, private names mangled).
    "class K:\n    match z:\n        case [__a, b]:\n            pass\n        case {'k': __v, **__r}:\n            pass\n        case Q(__x=__y):\n            pass\n",
    // A match inside try and with statements, and in a case body.
    "try:\n    match x:\n        case [a]:\n            match a:\n                case 1:\n                    pass\n                case _:\n                    raise\nexcept E:\n    pass\nwith m:\n    match y:\n        case {1: a} | {2: a}:\n            pass\n",
    // Multi-line patterns and subjects.
    "match (\n    a,\n    b,\n):\n    case (\n        1,\n        x,\n    ) if (\n        x\n    ):\n        pass\n    case {\n        'k': v,\n    }:\n        pass\n",
    // The soft keywords as names.
    "match = case = _ = 1\nmatch match:\n    case case:\n        pass\n",
    // Keys that are keywords.
    "match m:\n    case {True: _, False: a, None: 1}:\n        pass\n",
];

/// Sources that compile to a `SyntaxError` raised by the code generator.
const ERRORS: &[&str] = &[
    "match x:\n case y:\n  pass\n case 1:\n  pass\n",
    "match x:\n case _:\n  pass\n case 1:\n  pass\n",
    "match x:\n case y if y:\n  pass\n case z:\n  pass\n case 1:\n  pass\n",
    "match x:\n case [a, a]:\n  pass\n",
    "match x:\n case {1: a, **a}:\n  pass\n",
    "match x:\n case [a, (b as a)]:\n  pass\n",
    "match x:\n case (a | b) as a:\n  pass\n",
    "match x:\n case [a, (a | a)]:\n  pass\n",
    "match x:\n case [a, ([a] | [a])]:\n  pass\n",
    "match x:\n case 1 | a:\n  pass\n",
    "match x:\n case [a] | [b]:\n  pass\n",
    "match x:\n case (a, b) | (b, c):\n  pass\n",
    "match x:\n case (a | b) | c:\n  pass\n",
    "match x:\n case C(a=1, a=2):\n  pass\n",
    "match x:\n case C(a=1, b=2, a=3):\n  pass\n",
    "match x:\n case {1: _, 1.0: _}:\n  pass\n",
    "match x:\n case {2: _, 1 + 1j: _, 1: _, 1.0 + 0j: _}:\n  pass\n",
    "match x:\n case {'a': _, 'a': _}:\n  pass\n",
    "match x:\n case {0: _, -0.0: _}:\n  pass\n",
    "match x:\n case {0: _, 0j: _}:\n  pass\n",
    "match x:\n case {1.0: _, 1+0j: _}:\n  pass\n",
    "match x:\n case [*a, *b]:\n  pass\n",
    "match x:\n case [1, *_, *_]:\n  pass\n",
    "match x:\n case __debug__:\n  pass\n",
    "match x:\n case C(__debug__=1):\n  pass\n",
    "match x:\n case [*__debug__]:\n  pass\n",
    "match x:\n case {**__debug__}:\n  pass\n",
    "match x:\n case 1 as __debug__:\n  pass\n",
    "def f():\n    match x:\n        case [\n            a,\n            *b,\n        ] | a:\n            pass\n",
];

#[test]
fn match_dis_is_cpythons() {
    let wrong = common::dis_differences(CASES);
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        CASES.len(),
        wrong.join("\n\n")
    );
}

/// A source of a long sequence pattern: 300 names before a star.
fn too_many_before_star() -> String {
    let names: Vec<String> = (0..300).map(|i| format!("a{i}")).collect();
    format!("match x:\n case [{}, *r]:\n  pass\n", names.join(", "))
}

#[test]
fn match_errors_are_cpythons() {
    let mut sources: Vec<String> = ERRORS.iter().map(|s| s.to_string()).collect();
    sources.push(too_many_before_star());
    let input: Vec<String> = sources
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let expected = run_driver(oracle(), "compile_errors.py", &[], &input);
    let mut wrong = Vec::new();
    for (source, want) in sources.iter().zip(&expected) {
        assert!(
            want.get("ok").is_none(),
            "{source:?} compiles; not an error case"
        );
        let parsed = molt_syntax::parse(source);
        assert!(parsed.error.is_none(), "{source:?} parses");
        let module = molt_ast::lower::lower_module(&parsed.tree).expect("lowers");
        let got = match molt_compile::compile_module(&molt_ast::Mod::Module(module), "<case>") {
            Ok(_) => serde_json::json!({"ok": true}),
            Err(e) => serde_json::json!({
                "type": "SyntaxError",
                "msg": e.message,
                "lineno": e.location.lineno,
                "offset": e.location.col_offset + 1,
            }),
        };
        if &got != want {
            wrong.push(format!("{source:?}\n  oracle: {want}\n  molt:   {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        sources.len(),
        wrong.join("\n\n")
    );
}
