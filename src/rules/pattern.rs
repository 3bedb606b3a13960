//! Patterns: Python code with metavariables, parsed once into a small CST.
//!
//! `$X` (one node), `$_` (one node, not captured) and `$$$ARGS` (zero or
//! more nodes of a list) are not Python, so they are spelled as
//! identifiers before parsing (`__mv_X`, `__mvs_ARGS`); the matcher
//! recognizes those names. The same spelling serves fix templates.

use molt_syntax::{Input, NodeKind, SyntaxNode, SyntaxTree, TokenKind, parse_as};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

const SINGLE: &str = "__mv_";
const MANY: &str = "__mvs_";

static METAVAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$\$\$([A-Z_][A-Z0-9_]*)?|\$([A-Z_][A-Z0-9_]*)").unwrap());

/// A metavariable as the matcher sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meta<'a> {
    /// `$X`: one node (`_` is not captured).
    Single(&'a str),
    /// `$$$X`: zero or more nodes (`""` or `_` is not captured).
    Many(&'a str),
}

/// The metavariable an identifier spells, if it is one.
pub fn meta(identifier: &str) -> Option<Meta<'_>> {
    if let Some(name) = identifier.strip_prefix(MANY) {
        Some(Meta::Many(name))
    } else {
        identifier.strip_prefix(SINGLE).map(Meta::Single)
    }
}

/// Spell the metavariables of `source` as identifiers; also return each
/// metavariable's name and byte range in `source`, in order.
pub fn spell(source: &str) -> (String, Vec<(String, std::ops::Range<usize>)>) {
    let mut names = Vec::new();
    let text = METAVAR.replace_all(source, |caps: &regex::Captures<'_>| {
        let whole = caps.get(0).unwrap();
        if let Some(many) = caps.get(1) {
            names.push((many.as_str().to_string(), whole.range()));
            format!("{MANY}{}", many.as_str())
        } else if whole.as_str() == "$$$" {
            names.push((String::new(), whole.range()));
            MANY.to_string()
        } else {
            let name = caps.get(2).unwrap().as_str();
            names.push((name.to_string(), whole.range()));
            format!("{SINGLE}{name}")
        }
    });
    (text.into_owned(), names)
}

/// Parsed Python code with metavariables: an expression if it parses as
/// one, else one statement.
#[derive(Debug)]
pub struct Code {
    tree: SyntaxTree,
    /// What matching needs to know of each node.
    pub facts: super::matcher::PatternFacts,
    root: molt_syntax::syntax::NodeId,
    /// Names of the metavariables it uses (captured ones only).
    pub metavars: BTreeSet<String>,
}

impl Code {
    /// Parse `source`; an error message when it is not one expression or
    /// one statement.
    pub fn parse(source: &str) -> Result<Code, String> {
        let (text, names) = spell(source.trim());
        let metavars = names
            .into_iter()
            .map(|(name, _)| name)
            .filter(|name| !name.is_empty() && name != "_")
            .collect();
        let eval = parse_as(&text, Input::Eval);
        let (tree, root) = if eval.error.is_none() {
            let root = eval.tree.root().children().next().ok_or("is empty")?.id();
            (eval.tree, root)
        } else {
            let exec = parse_as(&text, Input::Exec);
            if let Some(error) = exec.error {
                return Err(format!(
                    "does not parse as Python: {} (line {})",
                    error.message, error.line
                ));
            }
            let statements: Vec<_> = exec.tree.root().statements().map(|s| s.id()).collect();
            let [root] = statements[..] else {
                return Err(format!(
                    "must be one expression or one statement, not {}",
                    statements.len()
                ));
            };
            (exec.tree, root)
        };
        let in_string = (0..tree.tokens().len() as u32).find(|&i| {
            matches!(
                tree.tokens().kind(i as usize),
                TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle
            ) && tree.token_text(i).contains(SINGLE)
        });
        if in_string.is_some() {
            return Err(
                "has a metavariable inside a string literal, where it would not be replaced".into(),
            );
        }
        Ok(Code {
            facts: super::matcher::PatternFacts::new(&tree),
            tree,
            root,
            metavars,
        })
    }

    pub fn tree(&self) -> &SyntaxTree {
        &self.tree
    }

    pub fn root(&self) -> SyntaxNode<'_> {
        self.tree.node(self.root)
    }

    /// The kind of node the code matches at its root; `None` when the root
    /// is a metavariable (it matches any node).
    pub fn root_kind(&self) -> Option<NodeKind> {
        let root = unparen(self.root());
        match root.kind() {
            NodeKind::Name if meta(root.text()).is_some() => None,
            kind => Some(kind),
        }
    }

    /// Texts that every match must contain (names, keywords, operators),
    /// for a cheap test of a file before any tree walk.
    pub fn literals(&self) -> Vec<String> {
        let tree = &self.tree;
        let mut out: Vec<String> = self
            .root()
            .token_range()
            .filter(|&i| {
                let kind = tree.tokens().kind(i as usize);
                !kind.is_layout()
                    && !matches!(
                        kind,
                        TokenKind::LPar | TokenKind::RPar | TokenKind::Comma | TokenKind::String
                    )
            })
            .map(|i| tree.token_text(i))
            .filter(|text| !text.is_empty() && meta(text).is_none())
            .map(str::to_string)
            .collect();
        out.sort_by_key(|text| std::cmp::Reverse(text.len()));
        out.dedup();
        out.truncate(2);
        out
    }
}

/// `node` without the redundant parentheses around it.
pub fn unparen(mut node: SyntaxNode<'_>) -> SyntaxNode<'_> {
    while node.kind() == NodeKind::Paren {
        match node.children().next() {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}
