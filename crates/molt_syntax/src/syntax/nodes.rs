//! Typed views of CST nodes: one struct per node kind, with accessors for
//! its parts, all generated from the table at the bottom of this file.
//!
//! A view is a `SyntaxNode` known to be of one kind; it costs nothing.
//! Accessors return `Option` (or iterators): a tree always holds what the
//! parser accepted, but a view never panics on a surprising shape.

use super::{Child, NodeKind, SyntaxNode};
use crate::token::TokenKind;

impl<'t> SyntaxNode<'t> {
    /// Is this node an expression (of any kind)?
    pub fn is_expression(&self) -> bool {
        self.kind().group() == "expression"
    }

    /// Is this node a statement (of any kind)?
    pub fn is_statement(&self) -> bool {
        self.kind().group() == "statement" && !matches!(self.kind(), NodeKind::Block)
    }

    /// The `n`th child that is an expression.
    pub fn nth_expression(&self, n: usize) -> Option<SyntaxNode<'t>> {
        self.children().filter(SyntaxNode::is_expression).nth(n)
    }

    /// The first expression child after the token spelled `text`.
    pub fn expression_after(&self, text: &str) -> Option<SyntaxNode<'t>> {
        let tree = self.tree();
        let mut seen = false;
        for child in self.children_with_tokens() {
            match *child {
                Child::Token(i)
                    if tree.token_text(i) == text
                        && !tree.tokens().kind(i as usize).is_trivia() =>
                {
                    seen = true
                }
                Child::Node(id) if seen && tree.node(id).is_expression() => {
                    return Some(tree.node(id));
                }
                _ => {}
            }
        }
        None
    }

    /// The text of the last NAME token among the direct children (the
    /// attribute of `a.b`, the name of `case C(x=...)`'s keyword).
    pub fn last_name(&self) -> Option<&'t str> {
        let tree = self.tree();
        self.child_tokens()
            .filter(|&(_, kind)| kind == TokenKind::Name)
            .last()
            .map(|(i, _)| tree.token_text(i))
    }

    /// The statements directly inside this node (a module or a block).
    pub fn statements(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
        self.children().flat_map(|child| {
            let inner: Box<dyn Iterator<Item = SyntaxNode<'t>>> =
                if child.kind() == NodeKind::SimpleStatements {
                    Box::new(child.children().filter(SyntaxNode::is_statement))
                } else if child.is_statement() {
                    Box::new(std::iter::once(child))
                } else {
                    Box::new(std::iter::empty())
                };
            inner
        })
    }
}

macro_rules! accessor {
    ($name:ident, node $kind:ident) => {
        pub fn $name(&self) -> Option<$kind<'t>> {
            self.0.child(NodeKind::$kind).map($kind)
        }
    };
    ($name:ident, nodes $kind:ident) => {
        pub fn $name(&self) -> impl Iterator<Item = $kind<'t>> + use<'t> {
            self.0
                .children()
                .filter(|c| c.kind() == NodeKind::$kind)
                .map($kind)
        }
    };
    ($name:ident, expr $n:literal) => {
        pub fn $name(&self) -> Option<SyntaxNode<'t>> {
            self.0.nth_expression($n)
        }
    };
    ($name:ident, exprs) => {
        pub fn $name(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
            self.0.children().filter(SyntaxNode::is_expression)
        }
    };
    ($name:ident, after $text:literal) => {
        pub fn $name(&self) -> Option<SyntaxNode<'t>> {
            self.0.expression_after($text)
        }
    };
    ($name:ident, token $text:literal) => {
        /// Whether the token is there.
        pub fn $name(&self) -> bool {
            self.0.child_token($text).is_some()
        }
    };
    ($name:ident, last_name) => {
        pub fn $name(&self) -> Option<&'t str> {
            self.0.last_name()
        }
    };
    ($name:ident, pattern) => {
        pub fn $name(&self) -> Option<SyntaxNode<'t>> {
            self.0.children().find(|c| c.kind().group() == "pattern")
        }
    };
    ($name:ident, statements) => {
        pub fn $name(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
            self.0.statements()
        }
    };
}

macro_rules! typed_nodes {
    ( $( $kind:ident { $( $name:ident : $how:ident $( ( $arg:tt ) )? ),* $(,)? } )* ) => {
        $(
            #[doc = concat!("A `", stringify!($kind), "` node.")]
            #[derive(Debug, Clone, Copy)]
            pub struct $kind<'t>(pub SyntaxNode<'t>);

            impl<'t> $kind<'t> {
                /// The view, if `node` is of this kind.
                pub fn cast(node: SyntaxNode<'t>) -> Option<$kind<'t>> {
                    (node.kind() == NodeKind::$kind).then_some($kind(node))
                }

                pub fn syntax(&self) -> SyntaxNode<'t> {
                    self.0
                }

                $( accessor!($name, $how $( $arg )?); )*
            }
        )*

        /// Every kind has a view: this lists them, for tests.
        pub const TYPED_KINDS: &[NodeKind] = &[ $( NodeKind::$kind, )* ];
    };
}

typed_nodes! {
    Module { body: statements }
    Error {}
    SimpleStatements {}
    ExprStmt { value: expr(0) }
    Assign { targets_and_value: exprs }
    AugAssign { target: expr(0), value: expr(1) }
    AnnAssign { target: expr(0), annotation: expr(1), value: after("=") }
    TypeAlias { name: node(Name), type_params: node(TypeParams), value: after("=") }
    Pass {}
    Break {}
    Continue {}
    Return { value: expr(0) }
    Raise { exception: expr(0), cause: after("from") }
    Global { names: nodes(Name) }
    Nonlocal { names: nodes(Name) }
    Del { targets: expr(0) }
    Assert { test: expr(0), message: after(",") }
    Import { names: nodes(Alias) }
    ImportFrom { module: node(DottedName), names: node(ImportNames) }
    If { test: expr(0), body: node(Block), elifs: nodes(Elif), orelse: node(Else) }
    Elif { test: expr(0), body: node(Block) }
    Else { body: node(Block) }
    While { test: expr(0), body: node(Block), orelse: node(Else) }
    For { is_async: token("async"), target: expr(0), iter: after("in"), body: node(Block), orelse: node(Else) }
    Try { body: node(Block), handlers: nodes(ExceptHandler), orelse: node(Else), finalbody: node(Finally) }
    ExceptHandler { is_star: token("*"), types: expr(0), name: after("as"), body: node(Block) }
    Finally { body: node(Block) }
    With { is_async: token("async"), items: nodes(WithItem), body: node(Block) }
    FunctionDef {
        decorators: nodes(Decorator),
        is_async: token("async"),
        name: node(Name),
        type_params: node(TypeParams),
        parameters: node(Parameters),
        returns: after("->"),
        body: node(Block),
    }
    ClassDef { decorators: nodes(Decorator), name: node(Name), type_params: node(TypeParams), arguments: node(Arguments), body: node(Block) }
    Decorator { expression: expr(0) }
    Match { subject: expr(0), cases: nodes(Case) }
    Case { pattern: pattern, guard: after("if"), body: node(Block) }
    Block { statements: statements }
    DottedName {}
    Alias { name: node(DottedName), asname: after("as") }
    ImportNames { is_star: token("*"), names: nodes(Alias) }
    Name {}
    Number {}
    Constant {}
    Ellipsis {}
    Strings { parts: exprs }
    String {}
    FString { interpolations: nodes(Interpolation) }
    TString { interpolations: nodes(Interpolation) }
    Interpolation { value: expr(0), is_debug: token("="), conversion: node(Conversion), format_spec: node(FormatSpec) }
    FormatSpec { interpolations: nodes(Interpolation) }
    Conversion { character: last_name }
    Paren { value: expr(0) }
    Tuple { elements: exprs }
    List { elements: exprs }
    Dict { items: nodes(DictItem), unpacked: nodes(DoubleStarItem) }
    Set { elements: exprs }
    DictItem { key: expr(0), value: expr(1) }
    DoubleStarItem { value: expr(0) }
    ListComp { element: expr(0), generators: nodes(ForClause) }
    SetComp { element: expr(0), generators: nodes(ForClause) }
    DictComp { item: node(DictItem), generators: nodes(ForClause) }
    Generator { element: expr(0), generators: nodes(ForClause) }
    ForClause { is_async: token("async"), target: expr(0), iter: after("in"), conditions: nodes(IfClause) }
    IfClause { condition: expr(0) }
    Starred { value: expr(0) }
    Attribute { value: expr(0), attr: last_name }
    Subscript { value: expr(0), slice: expr(1) }
    Slice { lower_or_upper: exprs }
    Call { callee: expr(0), arguments: node(Arguments) }
    Arguments { args: exprs, keywords: nodes(Keyword) }
    Keyword { arg: last_name, value: expr(0), unpacked: token("**") }

    Binary { left: expr(0), right: expr(1) }
    Unary { operand: expr(0) }
    BoolOp { values: exprs }
    Compare { left: expr(0), comparators: exprs }
    Lambda { parameters: node(Parameters), body: after(":") }
    IfExp { body: expr(0), test: expr(1), orelse: expr(2) }
    NamedExpr { target: node(Name), value: after(":=") }
    Await { value: expr(0) }
    Yield { value: expr(0) }
    YieldFrom { value: expr(0) }
    Parameters { parameters: nodes(Parameter) }
    Parameter { name: node(Name), annotation: after(":"), default: after("="), is_star: token("*"), is_double_star: token("**") }
    TypeParams { params: nodes(TypeParam) }
    TypeParam { name: node(Name), bound: after(":"), default: after("=") }
    WithItem { context: expr(0), target: after("as") }
    MatchValue {}
    MatchSingleton {}
    MatchCapture {}
    MatchWildcard {}
    MatchSequence {}
    MatchMapping { items: nodes(MatchMappingItem) }
    MatchMappingItem {}
    MatchClass { keywords: nodes(MatchKeyword) }
    MatchKeyword { name: last_name }
    MatchStar {}
    MatchAs { name: last_name }
    MatchOr {}
    MatchGroup {}
}
