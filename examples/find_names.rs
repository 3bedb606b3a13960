//! The seed's variable name finder, twice: from the tokens (every NAME
//! that is not a keyword) and from the AST (every `Name` node, with its
//! context). `cargo run --example find_names -- FILE` (default: a sample).

use molt_ast::visit::{Visitor, walk_name};
use molt_ast::{ExprContext, Name, lower::lower_module};
use molt_syntax::{Mode, TokenKind, lex, parse};

/// Every `Name` node: its identifier and whether it is read, bound or
/// deleted there.
#[derive(Default)]
struct Names(Vec<(String, ExprContext)>);

impl Visitor for Names {
    fn visit_name(&mut self, node: &Name) {
        self.0.push((node.id.to_string(), node.ctx));
        walk_name(self, node);
    }
}

fn main() {
    let source = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).expect("a readable UTF-8 file"),
        None => "total = price * quantity\nif total > limit:\n    del total\n".to_string(),
    };
    let lexed = lex(&source, Mode::Compile);
    let from_tokens: Vec<&str> = lexed
        .tokens
        .iter()
        .filter(|(t, _)| t.kind == TokenKind::Name)
        .map(|(_, r)| &source[r.as_usize()])
        .filter(|name| !molt_syntax::parser::is_keyword(name))
        .collect();
    println!("tokens: {}", from_tokens.join(" "));

    let parsed = parse(&source);
    let module = lower_module(&parsed.tree).expect("valid Python");
    let mut names = Names::default();
    for stmt in &module.body {
        names.visit_stmt(stmt);
    }
    let described: Vec<String> = names
        .0
        .iter()
        .map(|(id, ctx)| format!("{id}:{ctx:?}"))
        .collect();
    println!("ast: {}", described.join(" "));
}
