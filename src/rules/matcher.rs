//! Structural matching of a pattern against a CST node.
//!
//! Two nodes match when they have the same kind and their significant
//! children match in order. Whitespace, comments, line breaks, commas and
//! redundant parentheses are not significant, so a pattern matches code
//! however it is laid out. Metavariables capture nodes (or tokens, or runs
//! of list elements); one metavariable used twice must capture equal code.

use super::pattern::{Meta, meta, unparen};
use molt_syntax::syntax::{Child, NodeId};
use molt_syntax::{NodeKind, SyntaxNode, SyntaxTree, TextRange, TokenKind};

/// What a metavariable captured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Capture {
    /// One node, parentheses included as written.
    Node(NodeId),
    /// A name token (a function's name, an attribute, a keyword).
    Token(u32),
    /// A run of list elements, possibly empty.
    Many(Vec<Child>),
}

/// Captures of one match, by metavariable name.
#[derive(Debug, Clone, Default)]
pub struct Captures {
    entries: Vec<(String, Capture)>,
}

impl Captures {
    pub fn get(&self, name: &str) -> Option<&Capture> {
        self.entries.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }

    pub fn insert(&mut self, name: &str, capture: Capture) {
        self.entries.retain(|(n, _)| n != name);
        self.entries.push((name.to_string(), capture));
    }
}

/// The bytes a capture covers in `tree`'s text (empty for an empty run).
pub fn capture_range(tree: &SyntaxTree, capture: &Capture) -> TextRange {
    let child_range = |child: &Child| match *child {
        Child::Node(id) => tree.node(id).range(),
        Child::Token(i) => tree.tokens().range(i as usize),
    };
    match capture {
        Capture::Node(id) => tree.node(*id).range(),
        Capture::Token(i) => tree.tokens().range(*i as usize),
        Capture::Many(run) => match (run.first(), run.last()) {
            (Some(first), Some(last)) => {
                TextRange::new(child_range(first).start, child_range(last).end)
            }
            _ => TextRange::empty(0),
        },
    }
}

/// Is `i` a token that matching looks at?
fn significant_token(tree: &SyntaxTree, parent: SyntaxNode<'_>, i: u32) -> bool {
    let kind = tree.tokens().kind(i as usize);
    let layout = kind.is_layout() || kind == TokenKind::Comma;
    let tuple_parens =
        parent.kind() == NodeKind::Tuple && matches!(kind, TokenKind::LPar | TokenKind::RPar);
    !layout && !tuple_parens
}

/// The children of `node` that matching looks at.
fn significant(node: SyntaxNode<'_>) -> impl Iterator<Item = Child> + '_ {
    let tree = node.tree();
    node.children_with_tokens()
        .iter()
        .copied()
        .filter(move |child| match *child {
            Child::Node(_) => true,
            Child::Token(i) => significant_token(tree, node, i),
        })
}

fn elements(node: SyntaxNode<'_>) -> Vec<Child> {
    significant(node).collect()
}

/// The `$$$` metavariable a pattern element stands for: a placeholder
/// name, alone in its statement when it stands for statements.
fn many_name<'p>(tree: &'p SyntaxTree, child: &Child) -> Option<&'p str> {
    let Child::Node(id) = *child else {
        return None;
    };
    let mut node = tree.node(id);
    loop {
        match node.kind() {
            NodeKind::Name => {
                return match meta(node.text()) {
                    Some(Meta::Many(name)) => Some(name),
                    _ => None,
                };
            }
            NodeKind::SimpleStatements | NodeKind::ExprStmt => {
                let inner = elements(node);
                let [Child::Node(only)] = inner[..] else {
                    return None;
                };
                node = tree.node(only);
            }
            _ => return None,
        }
    }
}

/// What matching needs to know of each node of a pattern, computed once
/// per pattern rather than once per candidate.
#[derive(Debug, Default)]
pub struct PatternFacts {
    /// The `$X` a node stands for, by node index.
    single: Vec<Option<String>>,
    /// Whether a node's children include a `$$$`, by node index.
    has_many: Vec<bool>,
}

impl PatternFacts {
    pub fn new(tree: &SyntaxTree) -> PatternFacts {
        PatternFacts {
            single: tree
                .preorder()
                .map(|n| match (n.kind(), meta(n.text())) {
                    (NodeKind::Name, Some(Meta::Single(name))) => Some(name.to_string()),
                    _ => None,
                })
                .collect(),
            has_many: tree
                .preorder()
                .map(|n| significant(n).any(|child| many_name(tree, &child).is_some()))
                .collect(),
        }
    }
}

/// Match `pattern` (a node of a pattern's tree, described by `facts`)
/// against `code`, adding to `captures`. On failure `captures` may hold
/// partial bindings.
pub fn match_node(
    facts: &PatternFacts,
    pattern: SyntaxNode<'_>,
    code: SyntaxNode<'_>,
    captures: &mut Captures,
) -> bool {
    let p = unparen(pattern);
    if let Some(name) = &facts.single[p.id().index()] {
        return bind(code.tree(), name, Capture::Node(code.id()), captures);
    }
    let c = unparen(code);
    if p.kind() != c.kind() {
        return false;
    }
    let (ptree, ctree) = (p.tree(), c.tree());
    if facts.has_many[p.id().index()] {
        return match_sequence(facts, ptree, &elements(p), ctree, &elements(c), captures);
    }
    // No `$$$`: walk both in lockstep, allocating nothing (most
    // candidates fail at their first children).
    // First the cheap part: the same number of children, equal tokens and
    // node kinds; only then bind and recurse.
    let mut quick = significant(c);
    for child in significant(p) {
        let Some(other) = quick.next() else {
            return false;
        };
        let same_shape = match (child, other) {
            (Child::Token(a), Child::Token(b)) => {
                let text = ptree.token_text(a);
                meta(text).is_some() || text == ctree.token_text(b)
            }
            (Child::Node(a), Child::Node(b)) => {
                facts.single[a.index()].is_some()
                    || unparen(ptree.node(a)).kind() == unparen(ctree.node(b)).kind()
            }
            (Child::Node(_), Child::Token(_)) => true,
            (Child::Token(_), Child::Node(_)) => false,
        };
        if !same_shape {
            return false;
        }
    }
    if quick.next().is_some() {
        return false;
    }
    let mut code_children = significant(c);
    for child in significant(p) {
        match code_children.next() {
            Some(other) if match_child(facts, ptree, child, ctree, other, captures) => {}
            _ => return false,
        }
    }
    code_children.next().is_none()
}

/// Match one pattern child (a node or a token) against one code child.
fn match_child(
    facts: &PatternFacts,
    ptree: &SyntaxTree,
    pattern: Child,
    ctree: &SyntaxTree,
    code: Child,
    captures: &mut Captures,
) -> bool {
    match (pattern, code) {
        (Child::Node(p), Child::Node(c)) => {
            match_node(facts, ptree.node(p), ctree.node(c), captures)
        }
        (Child::Token(p), Child::Token(c)) => {
            let text = ptree.token_text(p);
            match meta(text) {
                Some(Meta::Single(name)) if ctree.tokens().kind(c as usize) == TokenKind::Name => {
                    bind(ctree, name, Capture::Token(c), captures)
                }
                _ => text == ctree.token_text(c),
            }
        }
        (Child::Node(p), Child::Token(c)) => {
            // `def $F(...)`: a name placeholder parsed as a node where the
            // code has a bare name token.
            let p = ptree.node(p);
            match meta(p.text()) {
                Some(Meta::Single(name))
                    if p.kind() == NodeKind::Name
                        && ctree.tokens().kind(c as usize) == TokenKind::Name =>
                {
                    bind(ctree, name, Capture::Token(c), captures)
                }
                _ => false,
            }
        }
        (Child::Token(_), Child::Node(_)) => false,
    }
}

fn match_sequence(
    facts: &PatternFacts,
    ptree: &SyntaxTree,
    mut ps: &[Child],
    ctree: &SyntaxTree,
    mut cs: &[Child],
    captures: &mut Captures,
) -> bool {
    loop {
        let Some(first) = ps.first() else {
            return cs.is_empty();
        };
        if let Some(name) = many_name(ptree, first) {
            // Try the shortest run first, then longer ones.
            for k in 0..=cs.len() {
                let mut trial = captures.clone();
                if bind(ctree, name, Capture::Many(cs[..k].to_vec()), &mut trial)
                    && match_sequence(facts, ptree, &ps[1..], ctree, &cs[k..], &mut trial)
                {
                    *captures = trial;
                    return true;
                }
            }
            return false;
        }
        let Some(c) = cs.first() else {
            return false;
        };
        let ok = match_child(facts, ptree, *first, ctree, *c, captures);
        if !ok {
            return false;
        }
        ps = &ps[1..];
        cs = &cs[1..];
    }
}

/// Bind `name` to `capture`, or check that it equals the earlier capture.
fn bind(tree: &SyntaxTree, name: &str, capture: Capture, captures: &mut Captures) -> bool {
    if name.is_empty() || name == "_" {
        return true;
    }
    match captures.get(name) {
        None => {
            captures.insert(name, capture);
            true
        }
        Some(earlier) => same_capture(tree, earlier, &capture),
    }
}

fn same_capture(tree: &SyntaxTree, a: &Capture, b: &Capture) -> bool {
    match (a, b) {
        (Capture::Many(a), Capture::Many(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_child(tree, *x, *y))
        }
        (Capture::Node(a), Capture::Node(b)) => same_code(tree.node(*a), tree.node(*b)),
        (Capture::Token(a), Capture::Token(b)) => tree.token_text(*a) == tree.token_text(*b),
        _ => false,
    }
}

fn same_child(tree: &SyntaxTree, a: Child, b: Child) -> bool {
    match (a, b) {
        (Child::Node(a), Child::Node(b)) => same_code(tree.node(a), tree.node(b)),
        (Child::Token(a), Child::Token(b)) => tree.token_text(a) == tree.token_text(b),
        _ => false,
    }
}

/// Do two nodes hold the same code, layout and redundant parentheses
/// aside?
pub fn same_code(a: SyntaxNode<'_>, b: SyntaxNode<'_>) -> bool {
    let (a, b) = (unparen(a), unparen(b));
    if a.kind() != b.kind() {
        return false;
    }
    let (ea, eb) = (elements(a), elements(b));
    ea.len() == eb.len()
        && ea
            .into_iter()
            .zip(eb)
            .all(|(x, y)| same_child(a.tree(), x, y))
}
