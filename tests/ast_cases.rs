//! `molt ast` on hand-written cases, each compared with the oracle's
//! `ast.dump(ast.parse(source, mode=...), indent=..., include_attributes=...)`:
//! every mode, indentation, constants of every kind, and Python 3.14's
//! t-strings (checked against the 3.14 documentation: the oracle has none).

mod common;

use common::run_driver;
use molt_ast::{DumpOptions, dump, lower::lower};
use molt_oracle::oracle;
use molt_syntax::{Input, parse_as};

const CASES: &[(&str, &str)] = &[
    ("exec", "x = 1\n"),
    (
        "exec",
        "# coding: utf-8\nπ = 3.14 + 1j\r\nprint(f'{π!r:>10}')\n",
    ),
    (
        "exec",
        "a = 0xFF_FF, 0o17, 0b101, 1_000_000_000_000_000_000_000, 1e100, 1.5e-7, .5, 5., 3j, 1e16\n",
    ),
    (
        "exec",
        "s = 'a\\tb\\x00\\u00e9\\U0001F600\\N{BULLET}\\101' r'\\d' '''\nline'''\nt = u'x' 'y'\nb = b'\\x80\\n' rb'\\d'\n",
    ),
    (
        "exec",
        "f'{x=}' f'{x = !s:>{w}}' f'{{}}' f'{a!a}{b}' rf'\\n{c}'\n",
    ),
    (
        "exec",
        "def f[T: int = str, *Ts, **P](a, /, b=1, *c, d, e=2, **f) -> None:\n    return (yield from g)\n",
    ),
    (
        "exec",
        "class C(B, metaclass=M):\n    x: int = 1\n    @property\n    async def m(self):\n        await x\n        async for a in b: pass\n        async with c: pass\n",
    ),
    (
        "exec",
        "match p:\n    case [1, -2, 3 + 4j, *rest] | {'k': v, **kw} if v:\n        pass\n    case (Point(x=0, y=_) as pt) | None:\n        pass\n",
    ),
    (
        "exec",
        "match p:\n    case {True: _, False: a, None: 1, 'k': b}:\n        pass\n",
    ),
    (
        "exec",
        "try:\n    pass\nexcept* (A, B) as e:\n    pass\nelse:\n    pass\nfinally:\n    pass\n",
    ),
    (
        "exec",
        "with (open(a) as f, open(b)):\n    del x[1:2, ::3], y.z\nglobal g\nimport a.b as c, d\nfrom ..e import (f as g, h)\n",
    ),
    (
        "exec",
        "lambda *a, k=1, **kw: [x async for x in y if x] + {**d, 1: 2} + {1, *s} + {k: v for k, v in z}\n",
    ),
    (
        "exec",
        "x = a if b else c; y = not a < b <= c is not d in e not in f; z = -~+x ** 2 // 3 @ m\n",
    ),
    (
        "exec",
        "type Alias[K] = dict[K, list[K]]\nassert x, 'message'\nraise E from None\n",
    ),
    (
        "exec",
        "if a:\n    pass\nelif b:\n    pass\nelif c:\n    pass\nelse:\n    pass\nwhile x:\n    break\nelse:\n    continue\n",
    ),
    ("eval", "1 + f(x, *y, k=2, **z)[0].attr\n"),
    ("eval", "(x for x in range(3))"),
    ("single", "x = 1\n"),
    ("single", "if x:\n    pass\n\n"),
    ("func_type", "(int, *str, **dict) -> bool\n"),
    ("func_type", "() -> None"),
];

fn molt_dump(source: &str, mode: &str, indent: Option<usize>, attributes: bool) -> String {
    let input = match mode {
        "eval" => Input::Eval,
        "single" => Input::Single,
        "func_type" => Input::FuncType,
        _ => Input::Exec,
    };
    let parsed = parse_as(source, input);
    assert!(parsed.error.is_none(), "{source:?}: {:?}", parsed.error);
    let tree = lower(&parsed.tree, input).unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
    dump(
        &tree,
        DumpOptions {
            indent,
            include_attributes: attributes,
        },
    )
}

#[test]
fn dumps_match_the_oracle() {
    let mut input = Vec::new();
    let mut cases = Vec::new();
    for &(mode, source) in CASES {
        for (indent, attributes) in [
            (None, false),
            (None, true),
            (Some(2), false),
            (Some(4), true),
        ] {
            let json = serde_json::json!({"source": source, "mode": mode, "indent": indent, "attributes": attributes});
            input.push(json.to_string());
            cases.push((mode, source, indent, attributes));
        }
    }
    let expected = run_driver(oracle(), "ast_sources.py", &[], &input);
    let mut failures = Vec::new();
    for ((mode, source, indent, attributes), expected) in cases.into_iter().zip(&expected) {
        let want = expected["dump"]
            .as_str()
            .unwrap_or_else(|| panic!("{source:?}: the oracle says {expected}"));
        let got = molt_dump(source, mode, indent, attributes);
        if got != want {
            failures.push(format!("{mode} {source:?} indent={indent:?} attributes={attributes}:\n  oracle: {want}\n  molt:   {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} dumps differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Python 3.14 (PEP 750): a t-string is a `TemplateStr` of literal parts
/// (`Constant`) and `Interpolation`s carrying the expression, its source
/// text, its conversion (-1 for none) and its format spec, per the 3.14
/// `ast` documentation (the oracle has no t-strings).
#[test]
fn t_strings_lower_to_template_str() {
    let got = molt_dump("t'a{b!r}c' t'{d}'\n", "exec", None, false);
    assert_eq!(
        got,
        "Module(body=[Expr(value=TemplateStr(values=[Constant(value='a'), Interpolation(value=Name(id='b', ctx=Load()), \
         str='b', conversion=114), Constant(value='c'), Interpolation(value=Name(id='d', ctx=Load()), str='d', \
         conversion=-1)]))])"
    );
}

/// `VisitorMut` changes nodes in place, as `ast.NodeTransformer` does: the
/// seed's AddToMul on the AST dumps as CPython's does.
#[test]
fn visitor_mut_transforms_like_node_transformer() {
    use molt_ast::visit::{VisitorMut, walk_bin_op_mut};
    use molt_ast::{BinOp, Mod, Operator};
    struct AddToMul;
    impl VisitorMut for AddToMul {
        fn visit_bin_op(&mut self, node: &mut BinOp) {
            walk_bin_op_mut(self, node);
            if node.op == Operator::Add {
                node.op = Operator::Mult;
            }
        }
    }
    let source = "x = 3 + 4 + 5\nprint(a + b * c)\n";
    let parsed = parse_as(source, Input::Exec);
    let mut tree = lower(&parsed.tree, Input::Exec).expect("lowering");
    let Mod::Module(module) = &mut tree else {
        panic!("a module")
    };
    for stmt in &mut module.body {
        AddToMul.visit_stmt(stmt);
    }
    let got = dump(&tree, DumpOptions::default());
    let script = format!(
        "import ast\nclass T(ast.NodeTransformer):\n    def visit_BinOp(self, n):\n        self.generic_visit(n)\n        \
         if isinstance(n.op, ast.Add): n.op = ast.Mult()\n        return n\nprint(ast.dump(T().visit(ast.parse({source:?}))))\n"
    );
    let out = oracle()
        .command()
        .args(["-c", &script])
        .output()
        .expect("running the oracle");
    assert_eq!(got + "\n", String::from_utf8_lossy(&out.stdout));
}
