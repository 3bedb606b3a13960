//! One snippet through every stage molt has so far: tokens, the CST, the
//! AST, and back to source with unparse.
//! `cargo run --example trace -- 'print("Hello, World!")'`.

use molt_ast::visit::{Visitor, walk_expr, walk_stmt};
use molt_ast::{DumpOptions, Expr, Stmt, dump, lower::lower_module, unparse};
use molt_syntax::{Mode, lex, parse};

/// Counts AST nodes (statements and expressions).
#[derive(Default)]
struct Count(usize);

impl Visitor for Count {
    fn visit_stmt(&mut self, node: &Stmt) {
        self.0 += 1;
        walk_stmt(self, node);
    }

    fn visit_expr(&mut self, node: &Expr) {
        self.0 += 1;
        walk_expr(self, node);
    }
}

fn main() {
    let mut source = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "print('Hello, World!')".to_string());
    if !source.ends_with('\n') {
        source.push('\n');
    }
    let lexed = lex(&source, Mode::Compile);
    let significant = lexed
        .tokens
        .iter()
        .filter(|(t, _)| t.kind.cpython_number().is_some())
        .count();
    println!(
        "1. tokens: {significant} ({} with trivia)",
        lexed.tokens.len()
    );

    let parsed = parse(&source);
    if let Some(e) = parsed.error {
        println!("   {}:{}: {}", e.line, e.offset, e.message);
        return;
    }
    println!(
        "2. CST: {} nodes\n{}",
        parsed.tree.node_count(),
        parsed.tree.dump(false)
    );

    let module = lower_module(&parsed.tree).expect("lowering");
    let mut count = Count::default();
    for stmt in &module.body {
        count.visit_stmt(stmt);
    }
    println!("3. AST: {} statements and expressions", count.0);
    println!(
        "{}",
        dump(
            &module,
            DumpOptions {
                indent: Some(4),
                include_attributes: false
            }
        )
    );
    println!("4. unparse: {}", unparse(&module));
}
