//! A readable dump of a tree: one line per node (kind and byte range) and
//! per token (kind and text), indented by depth. What `molt cst` prints.

use super::{Child, SyntaxNode, SyntaxTree};
use crate::pyrepr::push_str_repr;
use std::fmt::Write;

impl SyntaxTree {
    /// The dump; with `trivia`, whitespace, comments and NL tokens too.
    pub fn dump(&self, trivia: bool) -> String {
        let mut out = String::new();
        dump_node(&mut out, self.root(), 0, trivia);
        out
    }
}

fn dump_node(out: &mut String, node: SyntaxNode<'_>, depth: usize, trivia: bool) {
    let range = node.range();
    let _ = writeln!(
        out,
        "{:indent$}{}@{}..{}",
        "",
        node.kind().name(),
        range.start,
        range.end,
        indent = depth * 2
    );
    let tree = node.tree();
    for child in node.children_with_tokens() {
        match *child {
            Child::Node(id) => dump_node(out, tree.node(id), depth + 1, trivia),
            Child::Token(i) => {
                let kind = tree.tokens().kind(i as usize);
                if kind.is_trivia() && !trivia {
                    continue;
                }
                let _ = write!(
                    out,
                    "{:indent$}{} ",
                    "",
                    kind.name(),
                    indent = depth * 2 + 2
                );
                push_str_repr(out, tree.token_text(i));
                out.push('\n');
            }
        }
    }
}
