//! The seed's AddToMul transformer, on the CST: every `+` becomes `*`, and
//! everything else (comments, spacing, other code) stays byte for byte.
//!
//! `cargo run --example add_to_mul -- FILE` (or `-` for stdin; without an
//! argument, the seed's `x = 3 + 4 + 5`).

use molt_syntax::parse;
use molt_syntax::syntax::nodes::{Binary, Visitor, walk};
use molt_syntax::syntax::{Edits, SyntaxTree};
use std::io::Read;

/// Collects the `+` operators of binary expressions.
struct AddToMul<'t> {
    tree: &'t SyntaxTree,
    plus: Vec<u32>,
}

impl<'t> Visitor<'t> for AddToMul<'t> {
    fn visit_binary(&mut self, node: Binary<'t>) -> bool {
        if let Some(op) = node.syntax().child_token("+") {
            self.plus.push(op);
        }
        let _ = self.tree;
        true
    }
}

fn main() {
    let source = match std::env::args().nth(1).as_deref() {
        None => "x = 3 + 4 + 5\n".to_string(),
        Some("-") => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .expect("reading stdin");
            s
        }
        Some(path) => std::fs::read_to_string(path).expect("a readable UTF-8 file"),
    };
    let parsed = parse(&source);
    if let Some(e) = parsed.error {
        eprintln!("{}:{}: {}", e.line, e.offset, e.message);
        std::process::exit(2);
    }
    let mut visitor = AddToMul {
        tree: &parsed.tree,
        plus: Vec::new(),
    };
    walk(&mut visitor, parsed.tree.root());
    let mut edits = Edits::new(&parsed.tree);
    for op in visitor.plus {
        edits.replace_token(op, "*");
    }
    print!(
        "{}",
        edits.apply_checked().expect("`*` fits wherever `+` did")
    );
}
