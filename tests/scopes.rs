//! Scope metadata: the names each scope binds (compared with the oracle's
//! `symtable`), and qualified names through imports.

mod common;

use common::run_driver;
use molt_oracle::oracle;
use molt_syntax::scope::{NameSource, ScopeKind, Scopes};
use molt_syntax::{NodeKind, parse};

const SOURCES: &[&str] = &[
    "import os, sys as system\nfrom os import path as p\nx = y = 1\na, (b, *c) = d\n",
    "def f(a, /, b=1, *args, c, **kw):\n    global g\n    g = 1\n    x: int = 2\n    y: int\n    for i, j in z: pass\n    with open(a) as (h, k): pass\n",
    "class C:\n    attr = 1\n    def m(self):\n        attr = self.attr\n        def inner(q):\n            nonlocal attr\n            attr = q\n",
    "try:\n    pass\nexcept E as err:\n    pass\nif (n := 10) > 5:\n    del n\nmatch v:\n    case [first, *rest] | {'k': first, **rest}:\n        pass\n    case Point(x=px) as pt:\n        pass\n",
    "async def f():\n    async for a in b: pass\n    async with c as d: pass\n    import x.y.z\n    from . import w\n",
];

#[test]
fn scopes_bind_what_symtable_says() {
    let input: Vec<String> = SOURCES
        .iter()
        .map(|s| serde_json::to_string(s).unwrap())
        .collect();
    let expected = run_driver(oracle(), "symtable_bindings.py", &[], &input);
    for (source, expected) in SOURCES.iter().zip(&expected) {
        let parsed = parse(source);
        assert!(parsed.error.is_none(), "{source:?}");
        let scopes = Scopes::new(&parsed.tree);
        let ours: Vec<serde_json::Value> = scopes
            .scopes()
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                matches!(
                    s.kind,
                    ScopeKind::Module | ScopeKind::Class | ScopeKind::Function
                )
            })
            .map(|(i, s)| {
                let kind = match s.kind {
                    ScopeKind::Module => "module",
                    ScopeKind::Class => "class",
                    _ => "function",
                };
                let name = if s.kind == ScopeKind::Module {
                    "top"
                } else {
                    s.name.as_str()
                };
                // symtable lists a name where it is bound, not where a
                // `global` statement sends it.
                let names: Vec<&String> = s
                    .bindings
                    .iter()
                    .filter(|(n, b)| {
                        !s.globals.contains(*n)
                            && b.iter()
                                .any(|b| scopes.scope_of(parsed.tree.node(b.node)) == i)
                    })
                    .map(|(n, _)| n)
                    .collect();
                serde_json::json!([kind, name, names])
            })
            .collect();
        assert_eq!(
            &serde_json::Value::Array(ours),
            &expected["scopes"],
            "{source:?}"
        );
    }
}

fn qualified(source: &str) -> Vec<(String, Option<(String, NameSource)>)> {
    let parsed = parse(source);
    assert!(parsed.error.is_none(), "{source:?}");
    let scopes = Scopes::new(&parsed.tree);
    parsed
        .tree
        .preorder()
        .filter(|n| n.kind() == NodeKind::Call)
        .map(|call| {
            let callee = call.nth_expression(0).expect("a callee");
            (callee.text().to_string(), scopes.qualified_name(callee))
        })
        .collect()
}

#[test]
fn qualified_names_follow_imports() {
    use NameSource::*;
    let got = qualified(
        "from os import path as p\nimport os.path\nimport numpy as np\nfrom .. import sibling\n\
         p.join(a, b)\nos.path.join(a)\nnp.array([1])\nprint(x)\nsibling.f()\n\
         def f(p):\n    p.join(1)\n    open(2)\n\
         class C:\n    np = 1\n    def m(self):\n        np.zeros(3)\n",
    );
    let want: Vec<(String, Option<(String, NameSource)>)> = vec![
        ("p.join".into(), Some(("os.path.join".into(), Import))),
        ("os.path.join".into(), Some(("os.path.join".into(), Import))),
        ("np.array".into(), Some(("numpy.array".into(), Import))),
        ("print".into(), Some(("builtins.print".into(), Builtin))),
        ("sibling.f".into(), Some(("..sibling.f".into(), Import))),
        ("p.join".into(), Some(("p.join".into(), Local))),
        ("open".into(), Some(("builtins.open".into(), Builtin))),
        ("np.zeros".into(), Some(("numpy.zeros".into(), Import))),
    ];
    assert_eq!(got, want);
}
