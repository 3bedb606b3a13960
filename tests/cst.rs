//! The CST: typed views of every node kind, their accessors, syntax newer
//! than the oracle (3.14's t-strings and PEP 758), and the `parse` and
//! `cst` commands.

mod common;

use molt_syntax::syntax::nodes::{
    self, Call, ClassDef, ExceptHandler, FunctionDef, Module, TString,
};
use molt_syntax::{NodeKind, SyntaxNode, parse};
use std::path::Path;
use std::process::Command;

fn tree_of(text: &str) -> molt_syntax::SyntaxTree {
    let parsed = parse(text);
    assert!(parsed.error.is_none(), "{text:?}: {:?}", parsed.error);
    assert_eq!(parsed.tree.root().text(), text);
    parsed.tree
}

fn first<'t>(tree: &'t molt_syntax::SyntaxTree, kind: NodeKind) -> SyntaxNode<'t> {
    tree.preorder()
        .find(|n| n.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind:?}"))
}

#[test]
fn every_node_kind_has_a_typed_view() {
    let mut typed = nodes::TYPED_KINDS.to_vec();
    typed.sort();
    let mut all = NodeKind::ALL.to_vec();
    all.sort();
    assert_eq!(typed, all);
}

#[test]
fn typed_accessors_return_the_parts() {
    let text = "@cache\n@route('/x')\nasync def fetch[T: int](url, /, *args, timeout: float = 1.0, **kw) -> T:\n    return await get(url, timeout=timeout)\n\nclass C(Base, metaclass=M): pass\n";
    let tree = tree_of(text);
    let module = Module::cast(tree.root()).unwrap();
    let statements: Vec<NodeKind> = module.body().map(|s| s.kind()).collect();
    assert_eq!(statements, [NodeKind::FunctionDef, NodeKind::ClassDef]);

    let f = FunctionDef::cast(first(&tree, NodeKind::FunctionDef)).unwrap();
    assert_eq!(
        f.decorators()
            .map(|d| d.expression().unwrap().text())
            .collect::<Vec<_>>(),
        ["cache", "route('/x')"]
    );
    assert!(f.is_async());
    assert_eq!(f.name().unwrap().syntax().text(), "fetch");
    assert_eq!(f.type_params().unwrap().syntax().text(), "[T: int]");
    let params: Vec<&str> = f
        .parameters()
        .unwrap()
        .parameters()
        .map(|p| p.name().unwrap().syntax().text())
        .collect();
    assert_eq!(params, ["url", "args", "timeout", "kw"]);
    let timeout = f.parameters().unwrap().parameters().nth(2).unwrap();
    assert_eq!(timeout.annotation().unwrap().text(), "float");
    assert_eq!(timeout.default().unwrap().text(), "1.0");
    assert_eq!(f.returns().unwrap().text(), "T");
    assert_eq!(f.body().unwrap().statements().count(), 1);

    let call = Call::cast(first(&tree, NodeKind::Call)).unwrap();
    assert_eq!(call.callee().unwrap().text(), "route");
    let get = tree
        .preorder()
        .filter(|n| n.kind() == NodeKind::Call)
        .nth(1)
        .map(|n| Call::cast(n).unwrap())
        .unwrap();
    assert_eq!(get.callee().unwrap().text(), "get");
    let args = get.arguments().unwrap();
    assert_eq!(args.args().map(|a| a.text()).collect::<Vec<_>>(), ["url"]);
    assert_eq!(
        args.keywords()
            .map(|k| k.arg().unwrap())
            .collect::<Vec<_>>(),
        ["timeout"]
    );

    let class = ClassDef::cast(first(&tree, NodeKind::ClassDef)).unwrap();
    assert_eq!(class.name().unwrap().syntax().text(), "C");
    assert_eq!(
        class.arguments().unwrap().syntax().text(),
        "(Base, metaclass=M)"
    );

    // Parents lead back to the root.
    let name = first(&tree, NodeKind::Name);
    assert_eq!(name.ancestors().last().unwrap().kind(), NodeKind::Module);
}

fn py314(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/py314")
        .join(name);
    std::fs::read_to_string(path).expect("a 3.14 test file")
}

/// PEP 750 (3.14, newer than the oracle): t-strings parse everywhere an
/// f-string may stand, round-trip, and expose their interpolations.
#[test]
fn t_strings_parse_everywhere() {
    let text = py314("t_strings.py");
    let tree = tree_of(&text);
    let tstrings: Vec<TString> = tree.preorder().filter_map(TString::cast).collect();
    assert!(tstrings.len() >= 35, "{}", tstrings.len());
    let greeting = tstrings[0];
    let values: Vec<&str> = greeting
        .interpolations()
        .map(|i| i.value().unwrap().text())
        .collect();
    assert_eq!(values, ["name"]);
    let debug = tstrings
        .iter()
        .find(|t| t.syntax().text().starts_with("t\"{value=}"))
        .unwrap();
    let parts: Vec<_> = debug.interpolations().collect();
    assert!(parts[0].is_debug() && parts[1].is_debug());
    assert_eq!(parts[1].conversion().unwrap().character(), Some("s"));
    assert_eq!(parts[2].format_spec().unwrap().interpolations().count(), 1);
    // Concatenated t-strings are one Strings node.
    let strings = tree
        .preorder()
        .find(|n| n.kind() == NodeKind::Strings)
        .unwrap();
    assert_eq!(
        strings
            .children()
            .filter(|c| c.kind() == NodeKind::TString)
            .count(),
        3
    );
    // Mixing t-strings with other literals is refused, as 3.14 refuses it.
    let error = parse("x = t'{a}' 'b'\n").error.expect("an error");
    assert_eq!(
        error.message,
        "cannot mix t-string literals with string or bytes literals"
    );
}

/// PEP 758 (3.14): `except A, B:` without parentheses, but not with `as`.
#[test]
fn except_types_without_parentheses() {
    let text = py314("except_without_parens.py");
    let tree = tree_of(&text);
    let handlers: Vec<ExceptHandler> = tree.preorder().filter_map(ExceptHandler::cast).collect();
    let types: Vec<(&str, NodeKind, bool)> = handlers
        .iter()
        .map(|h| {
            let types = h.types().unwrap();
            (types.text(), types.kind(), h.is_star())
        })
        .collect();
    assert_eq!(types[0], ("ValueError, TypeError", NodeKind::Tuple, false));
    assert_eq!(types[1], ("(KeyError, IndexError)", NodeKind::Tuple, false));
    assert_eq!(handlers[1].name().unwrap().text(), "e");
    assert_eq!(types[3], ("ValueError, TypeError", NodeKind::Tuple, true));
    assert_eq!(types[6].0, "a.B, c[0], d()");
    let error = parse("try:\n    pass\nexcept A, B as e:\n    pass\n")
        .error
        .expect("an error");
    assert_eq!(
        error.message,
        "multiple exception types must be parenthesized when using 'as'"
    );
    assert_eq!((error.line, error.offset), (3, 8));
}

fn molt(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_molt"))
        .args(args)
        .output()
        .expect("running molt")
}

#[test]
fn parse_command_walks_directories_and_reports() {
    let scratch = common::Scratch::new("parse-cli");
    let dir = scratch.path();
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("pkg/good.py"), "x = 1\r\nif x:\n    pass\n").unwrap();
    std::fs::write(
        dir.join("pkg/also.py"),
        "\u{feff}# coding: utf-8\nprint(t'{x}')",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not python").unwrap();
    let out = molt(&["parse", "--roundtrip", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2 files, 0 errors, 0 not round-tripped\n"
    );

    std::fs::write(dir.join("pkg/bad.py"), "def f(:\n    pass\n").unwrap();
    let out = molt(&["parse", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "3 files, 1 error\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("SyntaxError: invalid syntax") && stderr.contains("bad.py:1:7"),
        "{stderr}"
    );
}

#[test]
fn cst_command_prints_the_tree() {
    let scratch = common::Scratch::new("cst-cli");
    let file = scratch.path().join("a.py");
    std::fs::write(&file, "f(x)  # call\n").unwrap();
    let out = molt(&["cst", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let dump = String::from_utf8_lossy(&out.stdout);
    assert!(
        dump.starts_with(
            "Module@0..13\n  SimpleStatements@0..13\n    ExprStmt@0..4\n      Call@0..4\n"
        ),
        "{dump}"
    );
    assert!(!dump.contains("COMMENT"));
    let out = molt(&["cst", "--trivia", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("COMMENT '# call'"));
}

/// Visitors see every node kind in source order; `visit_*` returning
/// false skips the children.
#[test]
fn cst_visitor_walks_in_order() {
    use molt_syntax::syntax::nodes::{Call, Name, Visitor, walk};
    #[derive(Default)]
    struct Seen(Vec<String>);
    impl<'t> Visitor<'t> for Seen {
        fn visit_name(&mut self, node: Name<'t>) -> bool {
            self.0.push(node.syntax().text().to_string());
            true
        }
        fn visit_call(&mut self, node: Call<'t>) -> bool {
            // Skip what is inside calls.
            self.0
                .push(format!("call {}", node.callee().map_or("", |c| c.text())));
            false
        }
    }
    let tree = tree_of("a = b + f(c, d)\nfor e in g: h\n");
    let mut seen = Seen::default();
    walk(&mut seen, tree.root());
    assert_eq!(seen.0, ["a", "b", "call f", "e", "g", "h"]);
}

/// Edits replace byte ranges; what they do not touch stays identical; a
/// replacement spanning lines is reindented; a broken result is refused.
#[test]
fn edits_keep_the_rest_and_check_the_result() {
    use molt_syntax::syntax::{EditError, Edits};
    let text = "def f():\n    x = 1  # one\n    return x\n";
    let tree = tree_of(text);
    let assign = first(&tree, NodeKind::Assign);
    let mut edits = Edits::new(&tree);
    edits.replace(assign, "x = 2\ny = 3");
    edits.insert_before(first(&tree, NodeKind::Return), "print(x)");
    assert_eq!(
        edits.apply_checked().unwrap(),
        "def f():\n    x = 2\n    y = 3  # one\n    print(x)\n    return x\n"
    );

    let mut edits = Edits::new(&tree);
    edits.replace(assign, "x = (");
    assert!(matches!(edits.apply_checked(), Err(EditError::Invalid(_))));

    let mut edits = Edits::new(&tree);
    edits.replace(assign, "a");
    edits.replace(first(&tree, NodeKind::Number), "b");
    assert!(matches!(edits.apply(), Err(EditError::Overlap(..))));
}

/// Removing statements: a whole line, a statement sharing its line, the
/// last statement of a block (which becomes `pass`).
#[test]
fn edits_remove_statements() {
    use molt_syntax::syntax::Edits;
    let text = "import a\nx = 1; y = 2\nif c:\n    z = 3\nw = 4  # keep\n";
    let tree = tree_of(text);
    let statements: Vec<_> = tree.preorder().filter(|n| n.is_statement()).collect();
    let find = |t: &str| *statements.iter().find(|s| s.text().starts_with(t)).unwrap();
    let remove = |nodes: &[&str]| {
        let mut edits = Edits::new(&tree);
        for n in nodes {
            edits.remove(find(n));
        }
        edits.apply_checked().unwrap()
    };
    assert_eq!(
        remove(&["import"]),
        "x = 1; y = 2\nif c:\n    z = 3\nw = 4  # keep\n"
    );
    assert_eq!(
        remove(&["y ="]),
        "import a\nx = 1\nif c:\n    z = 3\nw = 4  # keep\n"
    );
    assert_eq!(
        remove(&["x ="]),
        "import a\ny = 2\nif c:\n    z = 3\nw = 4  # keep\n"
    );
    assert_eq!(
        remove(&["z ="]),
        "import a\nx = 1; y = 2\nif c:\n    pass\nw = 4  # keep\n"
    );
}
