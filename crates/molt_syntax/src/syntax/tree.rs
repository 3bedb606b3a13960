//! The concrete syntax tree: nodes in one arena over the token stream.
//!
//! Nodes never own text: each covers a run of tokens, and tokens tile the
//! source, so printing an unedited tree is slicing the text. A node's
//! children (nodes and tokens, in order) are a contiguous slice of one
//! array; its parent is an index. Building it costs a few allocations per
//! file, not per node.

use super::NodeKind;
use crate::{TextRange, TokenKind, Tokens};

/// A node or a token among a node's children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    Node(NodeId),
    Token(u32),
}

/// Index of a node in its tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    /// The node's position in preorder (the root is 0).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone)]
struct NodeData {
    kind: NodeKind,
    parent: u32,
    children: (u32, u32),
    tokens: (u32, u32),
}

/// A parsed file: its text, tokens and nodes. The root is a `Module`.
#[derive(Debug, Clone)]
pub struct SyntaxTree {
    text: String,
    tokens: Tokens,
    nodes: Vec<NodeData>,
    children: Vec<Child>,
}

/// Build a tree from the parser's events (see `parser::event`).
#[derive(Debug)]
pub(crate) struct TreeBuilder {
    nodes: Vec<NodeData>,
    children: Vec<Child>,
    /// Children of the open nodes, innermost last.
    pending: Vec<Child>,
    open: Vec<(u32, usize, u32)>,
    next_token: u32,
}

impl TreeBuilder {
    pub(crate) fn new(token_count: usize, node_count: usize) -> TreeBuilder {
        TreeBuilder {
            nodes: Vec::with_capacity(node_count),
            children: Vec::with_capacity(token_count + node_count),
            pending: Vec::new(),
            open: Vec::new(),
            next_token: 0,
        }
    }

    pub(crate) fn start(&mut self, kind: NodeKind) {
        let id = self.nodes.len() as u32;
        let parent = self.open.last().map_or(u32::MAX, |&(id, _, _)| id);
        self.nodes.push(NodeData {
            kind,
            parent,
            children: (0, 0),
            tokens: (self.next_token, self.next_token),
        });
        self.pending.push(Child::Node(NodeId(id)));
        self.open.push((id, self.pending.len(), self.next_token));
    }

    pub(crate) fn next_token(&self) -> u32 {
        self.next_token
    }

    pub(crate) fn token(&mut self) {
        self.pending.push(Child::Token(self.next_token));
        self.next_token += 1;
    }

    pub(crate) fn finish(&mut self) {
        let (id, first, first_token) = self.open.pop().expect("finish matches a start");
        let start = self.children.len() as u32;
        self.children.extend(self.pending.drain(first..));
        let node = &mut self.nodes[id as usize];
        node.children = (start, self.children.len() as u32);
        node.tokens = (first_token, self.next_token);
    }

    pub(crate) fn build(mut self, text: String, tokens: Tokens) -> SyntaxTree {
        assert!(self.open.is_empty(), "every node was finished");
        // The root is pending alone; keep its id 0.
        assert_eq!(
            self.next_token as usize,
            tokens.len(),
            "every token is in the tree"
        );
        self.pending.clear();
        SyntaxTree {
            text,
            tokens,
            nodes: self.nodes,
            children: self.children,
        }
    }
}

impl SyntaxTree {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn tokens(&self) -> &Tokens {
        &self.tokens
    }

    pub fn root(&self) -> SyntaxNode<'_> {
        SyntaxNode {
            tree: self,
            id: NodeId(0),
        }
    }

    pub fn node(&self, id: NodeId) -> SyntaxNode<'_> {
        SyntaxNode { tree: self, id }
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: u32) -> &str {
        &self.text[self.tokens.range(i as usize).as_usize()]
    }

    /// Every node, in preorder.
    pub fn preorder(&self) -> impl Iterator<Item = SyntaxNode<'_>> {
        // Nodes are numbered in the order they start, which is preorder.
        (0..self.nodes.len() as u32).map(move |i| self.node(NodeId(i)))
    }
}

/// A node of a tree: cheap to copy, with its kind, range, parent and
/// children.
#[derive(Clone, Copy)]
pub struct SyntaxNode<'t> {
    tree: &'t SyntaxTree,
    id: NodeId,
}

impl std::fmt::Debug for SyntaxNode<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{:?}", self.kind().name(), self.range())
    }
}

impl<'t> SyntaxNode<'t> {
    fn data(&self) -> &'t NodeData {
        &self.tree.nodes[self.id.0 as usize]
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn tree(&self) -> &'t SyntaxTree {
        self.tree
    }

    pub fn kind(&self) -> NodeKind {
        self.data().kind
    }

    pub fn parent(&self) -> Option<SyntaxNode<'t>> {
        let parent = self.data().parent;
        (parent != u32::MAX).then(|| self.tree.node(NodeId(parent)))
    }

    /// The parent, its parent, and so on up to the root.
    pub fn ancestors(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    pub fn children_with_tokens(&self) -> &'t [Child] {
        let (start, end) = self.data().children;
        &self.tree.children[start as usize..end as usize]
    }

    pub fn children(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
        let tree = self.tree;
        self.children_with_tokens()
            .iter()
            .filter_map(move |c| match *c {
                Child::Node(id) => Some(tree.node(id)),
                Child::Token(_) => None,
            })
    }

    /// The first child node of `kind`.
    pub fn child(&self, kind: NodeKind) -> Option<SyntaxNode<'t>> {
        self.children().find(|c| c.kind() == kind)
    }

    /// Direct child tokens, trivia included: `(index, kind)`.
    pub fn child_tokens(&self) -> impl Iterator<Item = (u32, TokenKind)> + use<'t> {
        let tokens = &self.tree.tokens;
        self.children_with_tokens()
            .iter()
            .filter_map(move |c| match *c {
                Child::Token(i) => Some((i, tokens.kind(i as usize))),
                Child::Node(_) => None,
            })
    }

    /// The first direct child token whose text is `text` (a keyword or an
    /// operator).
    pub fn child_token(&self, text: &str) -> Option<u32> {
        self.child_tokens()
            .find(|&(i, kind)| !kind.is_trivia() && self.tree.token_text(i) == text)
            .map(|(i, _)| i)
    }

    /// The tokens the node covers: `first..end`.
    pub fn token_range(&self) -> std::ops::Range<u32> {
        let (first, end) = self.data().tokens;
        first..end
    }

    /// The bytes the node covers.
    pub fn range(&self) -> TextRange {
        let r = self.token_range();
        if r.is_empty() {
            let at = self.tree.tokens.get(r.start as usize).start;
            return TextRange::empty(at);
        }
        let start = self.tree.tokens.range(r.start as usize).start;
        let end = self.tree.tokens.range(r.end as usize - 1).end;
        TextRange::new(start, end)
    }

    /// The source text of the node, exactly as written.
    pub fn text(&self) -> &'t str {
        &self.tree.text[self.range().as_usize()]
    }
}
