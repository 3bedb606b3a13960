//! Hand-written cases for each construct the symbol table handles and each
//! error it raises, compared with the oracle's `symtable` module through
//! `tests/oracle/symtable_dump.py` (the text of every table, or the error's
//! message, line and offset).

mod common;

use common::{first_difference, run_driver};
use molt_ast::lower::lower;
use molt_compile::symtable::{BlockKey, Scope, SymbolTable, TableKind, dump};
use molt_oracle::oracle;
use molt_syntax::{Input, parse};
use serde_json::{Value, json};

/// Constructs: scopes, bindings, comprehensions, PEP 695, annotations.
const TABLES: &[&str] = &[
    // Bindings of every kind, in visiting order.
    "import os, a.b.c, x.y as z\nfrom m import n, o as p\nfrom . import *\nx = y = 1\na, (b, *c) = d\nx += 1\nx: int = 2\ny: int\n(q): int = 3\nr.s: int\nt[0]: int = 1\ndel x\n",
    "for i, j in k:\n    pass\nelse:\n    w = 1\nwhile v:\n    u = 2\nelse:\n    t = 3\nif s:\n    r = 4\nelif q:\n    p = 5\nelse:\n    o = 6\nwith a as b, c as (d, e):\n    pass\n",
    "try:\n    pass\nexcept E as err:\n    pass\nexcept (F, G):\n    pass\nelse:\n    a = 1\nfinally:\n    b = 2\ntry:\n    pass\nexcept* H as h:\n    pass\nraise X from Y\nassert T, M\n",
    "match v:\n    case [first, *rest] | {'k': first, **rest}:\n        pass\n    case Point(x=px, y=0) as pt if pt:\n        pass\n    case {1: a, **kw}:\n        pass\n    case C(a, b=[*_]):\n        pass\n    case 1 | None | Q.R:\n        pass\n    case _:\n        pass\n",
    // Functions: parameters, defaults, decorators, annotations, closures.
    "@dec(a)\ndef f(a, /, b: int = d1, *args: A, c=d2, d, **kw: K) -> R:\n    global g\n    g = 1\n    x: int = 2\n    y: int\n    def inner():\n        nonlocal x\n        x = 3\n        return a, b\n    return inner\n",
    "def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n    return g\n",
    "def outer():\n    a = 1\n    class C:\n        a = 2\n        b = a\n        def m(self):\n            return a, b\n    return C\n",
    "class C:\n    def m(self):\n        return super().m()\n    def n(self):\n        return __class__\n    def o(self):\n        super = 1\n        return super\n",
    "class C:\n    x = 1\n    def f(self):\n        x\n    class D:\n        def g(self):\n            return x\n",
    "lambda: 0\nlambda a, b=1, *c, d, e=2, **f: (a, b, c, d, e, f, g)\nf = lambda x: lambda y: x + y\n",
    "async def f():\n    async for a in b:\n        pass\n    async with c as d:\n        pass\n    await e\n    return [x async for x in y]\ndef g():\n    yield 1\n    yield from h\n    return 2\n",
    "def f(*, a=1, b):\n    pass\ndef g(*args, **kwargs):\n    return args, kwargs\n",
    // Global and nonlocal in every position.
    "def f():\n    global x, y\n    x = 1\n    def g():\n        return x, y\n    return g\nx = 0\n",
    "def f():\n    x = 1\n    def g():\n        nonlocal x\n        def h():\n            nonlocal x\n            x = 2\n        return h\n    return g\n",
    "class C:\n    global g\n    g = 1\n    def f(self):\n        return g\n",
    "def f():\n    x = 1\n    class C:\n        global x\n        def g(self):\n            return x\n",
    // Comprehensions (PEP 709 inlining) and generator expressions.
    "[x for x in y]\n{x for x in y if x}\n{k: v for k, v in items}\n(x for x in y)\n",
    "def f(y):\n    a = [x for x in y]\n    b = [[x * z for z in w] for x in y]\n    c = [lambda: x for x in y]\n    d = (x for x in y)\n    e = [x for x in (z for z in y)]\n    return a, b, c, d, e\n",
    "def f():\n    x = 1\n    return [lambda: x for _ in range(3)]\n",
    "def f():\n    return [(lambda: x) for x in range(3)]\n",
    "class C:\n    y = [1]\n    z = [x for x in y]\n    w = [x for x in range(3) if y]\n    v = (x for x in y)\n",
    "class C:\n    def f(self): pass\n    [__class__ for _ in ()]\n    [super() for _ in ()]\n",
    "def f():\n    x = 1\n    class C:\n        def g(): nonlocal x\n        [x for _ in y]\n        [__class__ for _ in z]\n",
    "async def f():\n    return [await x for x in y]\nasync def g():\n    return (x async for x in y)\n",
    "def f():\n    [[y for y in x] for x in z]\n    {k: [v for v in vs] for k, vs in m}\n",
    "def f():\n    return [x for x in range(3) for y in range(x) if y]\n",
    // Named expressions.
    "if (n := 10) > 5:\n    pass\ndef f():\n    [(y := x) for x in z]\n    return y\n",
    "def f():\n    global y\n    [(y := x) for x in z]\n[(w := x) for x in z]\nclass C:\n    def m(self):\n        [[(v := x) for x in z] for _ in q]\n",
    "def f():\n    def g():\n        [(x := 1) for a in b]\n    x = 0\n    return g\n",
    // Private name mangling.
    "class C:\n    __x = 1\n    def __m(self, __a):\n        __b = self.__x\n        global __g\n        import __mod.sub\n        return __a, __b, __m, __dunder__\n    class __D:\n        __y = __x\n",
    "class _:\n    __x = 1\nclass __:\n    __x = 1\nclass _C_:\n    __x = 1\n",
    "class Foo:\n    def f(self_):\n        global __x1\n        __x1 = 0\n        [_Foo__x1 := 1 for a in [2]]\n        [__x1 := 2 for a in [3]]\n",
    // PEP 695: generics, type aliases, bounds, constraints, defaults.
    "def f[T](x: T) -> T:\n    return x\nasync def g[T, *Ts, **P](a=1, *, b=2): pass\nclass C[T](Base[T], metaclass=M):\n    x: T\n    def m(self) -> T: pass\n",
    "type A = int\ntype B[T] = list[T]\ntype C[T: int, *Ts, **P] = tuple[T, *Ts]\nclass D:\n    type E = D\n    type F[T] = E\n",
    "def f[T: int = str, *U = int, **P = 3](): pass\nclass C[T: (int, str) = int]: pass\ndef g[T:\n  int](): pass\n",
    "class C[__A, __B: __A]:\n    __x = __A\n    def f[__T](self, a: __T): pass\n",
    "class C[T](__Base, __k=__v): pass\n",
    "class Outer:\n    x = 1\n    def f[T](self, a=x, b: T = x) -> T: pass\n    class Inner[U: x](x): pass\n    type A[V: x] = x\n",
    "class C:\n    type A[T: (lambda: 1)] = int\n    def f[T](x=[y for y in z]): pass\n    type X = [a for a in b]\n",
    "def outer():\n    x = 1\n    def f[T: x](): return x\n    class C[T](x): pass\n    type A[T] = x\n",
    "def f():\n    class C:\n        x = 1\n        class D[T: x]: y = x\n",
    "class C[__classdict__]: pass\n",
    // Annotations with and without `from __future__ import annotations`.
    "x: (y := 1) = 2\ndef f(a: (lambda: b)) -> (lambda: c): pass\nclass D:\n    x: (lambda: d)\n",
    "from __future__ import annotations\nx: (lambda: y) = 2\ndef f(a: (lambda: b), *c: C, **d: D) -> (lambda: e): pass\nclass D:\n    x: (lambda: d)\n    y: [(await z) for a in b] = 1\n",
    "\"\"\"Doc.\"\"\"\nfrom __future__ import annotations, division\ndef f(a: int) -> str: pass\n",
    "from __future__ import annotations\nx: [(y := 1) for a in b] = 1\n",
    // f-strings, calls, slices, starred, dicts.
    "f'{a!r:>{b}} {c=}'\nfunc(*args, k=v, **kw)\nx[a:b:c, d]\n[*s, *t]\n{**m, k: v, **n}\n",
    "def f():\n    return f'{x}' + f'{(lambda: y)()}'\n",
    // Unicode names and a deep nest.
    "def f(é):\n    ü = é\n    return lambda: ü\n",
    "def a():\n def b():\n  def c():\n   def d():\n    def e():\n     return v\n    return e\n   v = 1\n   return d\n  return c\n return b\n",
    "del __debug__\n",
];

/// Every error the symbol table (and the `__future__` check) raises.
const ERRORS: &[&str] = &[
    "def f(a, a): pass\n",
    "def f(a, *, a): pass\n",
    "lambda a, a: 0\n",
    "def f(x):\n    global x\n",
    "def f(x):\n    nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "def f():\n    x\n    global x\n",
    "def f():\n    x: int\n    global x\n",
    "def g():\n    x = 0\n    def f():\n        x = 1\n        nonlocal x\n",
    "def g():\n    x = 0\n    def f():\n        print(x)\n        nonlocal x\n",
    "def g():\n    x = 0\n    def f():\n        x: int\n        nonlocal x\n",
    "def f():\n    global x\n    x: int\n",
    "def g():\n    x = 0\n    def f():\n        nonlocal x\n        x: int = 1\n",
    "def f():\n    nonlocal x\n",
    "nonlocal x\n",
    "class C:\n    nonlocal x\n",
    "def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n",
    "def f[T]():\n    def g():\n        nonlocal T\n",
    "def f():\n    from os import *\n",
    "class C:\n    from os import *\n",
    "[(yield) for x in y]\n",
    "{(yield) for x in y}\n",
    "{k: (yield) for k in y}\n",
    "((yield) for x in y)\n",
    "def f():\n    [(yield from x) for x in y]\n",
    "[(x := 1) for x in y]\n",
    "[i for i in range(3) if (j := i) for j in range(2)]\n",
    "def f():\n    [(y := 1) for x in (y := z)]\n",
    "[x for x in (y := z)]\n",
    "[x for x in [(lambda: (y := 1))]]\n",
    "class C:\n    [(y := 1) for x in z]\n",
    "class C[T]:\n    [(x := 1) for a in b]\n",
    "def f[T: [(x := 1) for a in b]](): pass\n",
    "def f[T = [(x := 1) for a in b]](): pass\n",
    "type A = [(x := 1) for a in b]\n",
    "def f[T](a: [(x := 1) for a in b]): pass\n",
    "def f[T](x: (y := 1)): pass\n",
    "def f[T]() -> (yield): pass\n",
    "class C[T]((yield)): pass\n",
    "class C[T](metaclass=(await x)): pass\n",
    "def f[T: (yield)](): pass\n",
    "def f[T: (a, (yield))](): pass\n",
    "def f[T = (yield)](): pass\n",
    "def f[*T = (x := 1)](): pass\n",
    "def f[**T = (await x)](): pass\n",
    "type X = (yield)\n",
    "type X[T] = (await y)\n",
    "type X[T: (y := 1)] = int\n",
    "from __future__ import annotations\ndef f(x: (y := 1)): pass\n",
    "from __future__ import annotations\nx: (yield) = 1\n",
    "from __future__ import annotations\ndef f() -> (await x): pass\n",
    "def f[T, T](): pass\n",
    "class C[T, *T]: pass\n",
    "type A[**P, P] = int\n",
    "from __future__ import braces\n",
    "from __future__ import annotations, rested_snails\n",
    "\"\"\"Doc.\"\"\"\nfrom __future__ import nested_scopes\nfrom __future__ import spam\n",
    "def f():\n    é = 1\n    def g(): pass\n    global é\n",
    "é = 1; [(é := 1) for é in y]\n",
];

/// molt's answer for one source, in the driver's shape.
fn molt_answer(source: &str) -> Value {
    let parsed = parse(source);
    assert!(parsed.error.is_none(), "{source:?} does not parse");
    let module = lower(&parsed.tree, Input::Exec).expect("lowers");
    match SymbolTable::build(&module, "<case>") {
        Ok(table) => json!({"dump": dump(&table)}),
        Err(e) => json!({
            "error": e.message,
            "lineno": e.location.lineno,
            "offset": e.location.col_offset + 1,
        }),
    }
}

fn compare(sources: &[&str], want_errors: bool) {
    let input: Vec<String> = sources
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let expected = run_driver(oracle(), "symtable_dump.py", &["--json"], &input);
    let mut wrong = Vec::new();
    for (source, want) in sources.iter().zip(&expected) {
        assert_eq!(
            want.get("error").is_some(),
            want_errors,
            "{source:?}: the oracle says {want}"
        );
        let got = molt_answer(source);
        if &got == want {
            continue;
        }
        let detail = match (want["dump"].as_str(), got["dump"].as_str()) {
            (Some(w), Some(g)) => first_difference(w, g),
            _ => format!("oracle: {want}\n  molt:   {got}"),
        };
        wrong.push(format!("{source:?}\n  {detail}"));
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        sources.len(),
        wrong.join("\n")
    );
}

#[test]
fn tables_are_the_oracles() {
    compare(TABLES, false);
}

#[test]
fn errors_are_the_oracles() {
    compare(ERRORS, true);
}

/// The code generator finds each node's table by its address and kind.
#[test]
fn tables_are_found_by_node() {
    let source =
        "def f[T: int = str](a):\n    return [x for x in a]\nclass C:\n    g = lambda: 0\n";
    let parsed = parse(source);
    let module = lower(&parsed.tree, Input::Exec).expect("lowers");
    let st = SymbolTable::build(&module, "<case>").expect("builds");
    let molt_ast::Mod::Module(m) = &module else {
        unreachable!()
    };
    let molt_ast::Stmt::FunctionDef(f) = &m.body[0] else {
        unreachable!()
    };
    let params = st
        .lookup(BlockKey::of(&f.type_params, TableKind::TypeParameters))
        .expect("type parameters");
    assert_eq!(st.table(params).kind, TableKind::TypeParameters);
    let function = st
        .lookup(BlockKey::of(f, TableKind::Function))
        .expect("function");
    assert_eq!(st.table(function).varnames, ["a"]);
    assert_eq!(st.table(function).scope_of("x"), Some(Scope::Local));
    let bound = st
        .lookup(BlockKey::of(&f.type_params[0], TableKind::TypeVariable))
        .expect("bound");
    let default = st
        .lookup(BlockKey::default_of(&f.type_params[0]))
        .expect("default");
    assert_ne!(bound, default);
    assert_eq!(st.table(default).scope_info, Some("a TypeVar default"));
    let molt_ast::Stmt::Return(r) = &f.body[0] else {
        unreachable!()
    };
    let Some(molt_ast::Expr::ListComp(comp)) = r.value.as_deref() else {
        unreachable!()
    };
    let comp = st
        .lookup(BlockKey::of(comp, TableKind::Function))
        .expect("comprehension");
    assert!(st.table(comp).comp_inlined);
    let molt_ast::Stmt::ClassDef(c) = &m.body[1] else {
        unreachable!()
    };
    let class = st.lookup(BlockKey::of(c, TableKind::Class)).expect("class");
    assert_eq!(st.table(class).scope_of("g"), Some(Scope::Local));
    assert_eq!(st.table(class).children.len(), 1);
}

/// Beyond CPython's recursion limit the first pass refuses the code (a
/// `RecursionError` in CPython), at the same depth.
#[test]
fn recursion_limit_is_the_oracles() {
    let sources: Vec<String> = [9996, 9997]
        .iter()
        .map(|&n| format!("x = {}\n", vec!["a"; n].join("+")))
        .collect();
    // One process per source: CPython's starting depth is not the same
    // after a first call.
    let expected: Vec<Value> = sources
        .iter()
        .map(|s| {
            let input = [serde_json::to_string(s).unwrap()];
            run_driver(oracle(), "symtable_dump.py", &["--json"], &input).remove(0)
        })
        .collect();
    let sources_ = sources.clone();
    let answers = std::thread::Builder::new()
        .stack_size(pymolt::cli::STACK_SIZE)
        .spawn(move || sources_.iter().map(|s| molt_answer(s)).collect::<Vec<_>>())
        .expect("spawning")
        .join()
        .expect("no panic");
    for ((source, want), got) in sources.iter().zip(&expected).zip(&answers) {
        let refused = want["error"].as_str().is_some_and(|e| {
            e.starts_with("RecursionError: maximum recursion depth exceeded during compilation")
        });
        assert_eq!(
            got["error"].as_str() == Some("maximum recursion depth exceeded during compilation"),
            refused,
            "{} terms: oracle {want}",
            source.matches('+').count() + 1
        );
    }
}
