//! Typed views of CST nodes: one struct per node kind, with accessors for
//! its parts, all generated from the table at the bottom of this file.
//!
//! A view is a `SyntaxNode` known to be of one kind; it costs nothing.
//! Accessors return `Option` (or iterators): a tree always holds what the
//! parser accepted, but a view never panics on a surprising shape.

use super::{Child, NodeGroup, NodeKind, SyntaxNode};
use crate::token::TokenKind;

impl<'t> SyntaxNode<'t> {
    /// Is this node an expression (of any kind)?
    pub fn is_expression(&self) -> bool {
        self.kind().group() == NodeGroup::Expression
    }

    /// Is this node a pattern (of any kind, or a part of one)?
    pub fn is_pattern(&self) -> bool {
        self.kind().group() == NodeGroup::Pattern
    }

    /// Is this node a statement (of any kind)?
    pub fn is_statement(&self) -> bool {
        self.kind().group() == NodeGroup::Statement
            && !matches!(self.kind(), NodeKind::Block | NodeKind::SimpleStatements)
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
        let mut all = Vec::new();
        let _ = self.try_for_each_statement(|s| {
            all.push(s);
            Ok::<(), std::convert::Infallible>(())
        });
        all.into_iter()
    }

    /// Hand `f` the statements directly inside this node, in order, until
    /// it fails: a line of simple statements gives its statements, a
    /// statement itself, anything else nothing. A plain pass, for the
    /// lowering, which asks it of every block (nested iterators cost it 4%).
    pub fn try_for_each_statement<E>(
        &self,
        mut f: impl FnMut(SyntaxNode<'t>) -> Result<(), E>,
    ) -> Result<(), E> {
        for child in self.children() {
            if child.kind() == NodeKind::SimpleStatements {
                for statement in child.children() {
                    if statement.is_statement() {
                        f(statement)?;
                    }
                }
            } else if child.is_statement() {
                f(child)?;
            }
        }
        Ok(())
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
            self.0.children().find(SyntaxNode::is_pattern)
        }
    };
    ($name:ident, statements) => {
        pub fn $name(&self) -> impl Iterator<Item = SyntaxNode<'t>> + use<'t> {
            self.0.statements()
        }
    };
}

macro_rules! typed_nodes {
    ( $( $kind:ident ( $visit:ident, $leave:ident ) { $( $name:ident : $how:ident $( ( $arg:tt ) )? ),* $(,)? } )* ) => {
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

        /// A visitor over the CST: for each node kind a `visit_*` method,
        /// called before the node's children (return `false` to skip
        /// them), and a `leave_*` method, called after.
        pub trait Visitor<'t> {
            $(
                fn $visit(&mut self, node: $kind<'t>) -> bool {
                    let _ = node;
                    true
                }

                fn $leave(&mut self, node: $kind<'t>) {
                    let _ = node;
                }
            )*
        }

        /// Walk `node` and everything below it with `visitor`, in source
        /// order.
        pub fn walk<'t, V: Visitor<'t> + ?Sized>(visitor: &mut V, node: SyntaxNode<'t>) {
            match node.kind() {
                $(
                    NodeKind::$kind => {
                        let typed = $kind(node);
                        if visitor.$visit(typed) {
                            for child in node.children() {
                                walk(visitor, child);
                            }
                        }
                        visitor.$leave(typed);
                    }
                )*
            }
        }
    };
}

typed_nodes! {
    Module(visit_module, leave_module) { body: statements }
    Error(visit_error, leave_error) {}
    SimpleStatements(visit_simple_statements, leave_simple_statements) {}
    ExprStmt(visit_expr_stmt, leave_expr_stmt) { value: expr(0) }
    Assign(visit_assign, leave_assign) { targets_and_value: exprs }
    AugAssign(visit_aug_assign, leave_aug_assign) { target: expr(0), value: expr(1) }
    AnnAssign(visit_ann_assign, leave_ann_assign) { target: expr(0), annotation: expr(1), value: after("=") }
    TypeAlias(visit_type_alias, leave_type_alias) { name: node(Name), type_params: node(TypeParams), value: after("=") }
    Pass(visit_pass, leave_pass) {}
    Break(visit_break, leave_break) {}
    Continue(visit_continue, leave_continue) {}
    Return(visit_return, leave_return) { value: expr(0) }
    Raise(visit_raise, leave_raise) { exception: expr(0), cause: after("from") }
    Global(visit_global, leave_global) { names: nodes(Name) }
    Nonlocal(visit_nonlocal, leave_nonlocal) { names: nodes(Name) }
    Del(visit_del, leave_del) { targets: expr(0) }
    Assert(visit_assert, leave_assert) { test: expr(0), message: after(",") }
    Import(visit_import, leave_import) { names: nodes(Alias) }
    ImportFrom(visit_import_from, leave_import_from) { module: node(DottedName), names: node(ImportNames) }
    If(visit_if, leave_if) { test: expr(0), body: node(Block), elifs: nodes(Elif), orelse: node(Else) }
    Elif(visit_elif, leave_elif) { test: expr(0), body: node(Block) }
    Else(visit_else, leave_else) { body: node(Block) }
    While(visit_while, leave_while) { test: expr(0), body: node(Block), orelse: node(Else) }
    For(visit_for, leave_for) { is_async: token("async"), target: expr(0), iter: after("in"), body: node(Block), orelse: node(Else) }
    Try(visit_try, leave_try) { body: node(Block), handlers: nodes(ExceptHandler), orelse: node(Else), finalbody: node(Finally) }
    ExceptHandler(visit_except_handler, leave_except_handler) { is_star: token("*"), types: expr(0), name: after("as"), body: node(Block) }
    Finally(visit_finally, leave_finally) { body: node(Block) }
    With(visit_with, leave_with) { is_async: token("async"), items: nodes(WithItem), body: node(Block) }
    FunctionDef(visit_function_def, leave_function_def) {
        decorators: nodes(Decorator),
        is_async: token("async"),
        name: node(Name),
        type_params: node(TypeParams),
        parameters: node(Parameters),
        returns: after("->"),
        body: node(Block),
    }
    ClassDef(visit_class_def, leave_class_def) { decorators: nodes(Decorator), name: node(Name), type_params: node(TypeParams), arguments: node(Arguments), body: node(Block) }
    Decorator(visit_decorator, leave_decorator) { expression: expr(0) }
    Match(visit_match, leave_match) { subject: expr(0), cases: nodes(Case) }
    Case(visit_case, leave_case) { pattern: pattern, guard: after("if"), body: node(Block) }
    Block(visit_block, leave_block) { statements: statements }
    DottedName(visit_dotted_name, leave_dotted_name) {}
    Alias(visit_alias, leave_alias) { name: node(DottedName), asname: after("as") }
    ImportNames(visit_import_names, leave_import_names) { is_star: token("*"), names: nodes(Alias) }
    Name(visit_name, leave_name) {}
    Number(visit_number, leave_number) {}
    Constant(visit_constant, leave_constant) {}
    Ellipsis(visit_ellipsis, leave_ellipsis) {}
    Strings(visit_strings, leave_strings) { parts: exprs }
    String(visit_string, leave_string) {}
    FString(visit_f_string, leave_f_string) { interpolations: nodes(Interpolation) }
    TString(visit_t_string, leave_t_string) { interpolations: nodes(Interpolation) }
    Interpolation(visit_interpolation, leave_interpolation) { value: expr(0), is_debug: token("="), conversion: node(Conversion), format_spec: node(FormatSpec) }
    FormatSpec(visit_format_spec, leave_format_spec) { interpolations: nodes(Interpolation) }
    Conversion(visit_conversion, leave_conversion) { character: last_name }
    Paren(visit_paren, leave_paren) { value: expr(0) }
    Tuple(visit_tuple, leave_tuple) { elements: exprs }
    List(visit_list, leave_list) { elements: exprs }
    Dict(visit_dict, leave_dict) { items: nodes(DictItem), unpacked: nodes(DoubleStarItem) }
    Set(visit_set, leave_set) { elements: exprs }
    DictItem(visit_dict_item, leave_dict_item) { key: expr(0), value: expr(1) }
    DoubleStarItem(visit_double_star_item, leave_double_star_item) { value: expr(0) }
    ListComp(visit_list_comp, leave_list_comp) { element: expr(0), generators: nodes(ForClause) }
    SetComp(visit_set_comp, leave_set_comp) { element: expr(0), generators: nodes(ForClause) }
    DictComp(visit_dict_comp, leave_dict_comp) { item: node(DictItem), generators: nodes(ForClause) }
    Generator(visit_generator, leave_generator) { element: expr(0), generators: nodes(ForClause) }
    ForClause(visit_for_clause, leave_for_clause) { is_async: token("async"), target: expr(0), iter: after("in"), conditions: nodes(IfClause) }
    IfClause(visit_if_clause, leave_if_clause) { condition: expr(0) }
    Starred(visit_starred, leave_starred) { value: expr(0) }
    Attribute(visit_attribute, leave_attribute) { value: expr(0), attr: last_name }
    Subscript(visit_subscript, leave_subscript) { value: expr(0), slice: expr(1) }
    Slice(visit_slice, leave_slice) { lower_or_upper: exprs }
    Call(visit_call, leave_call) { callee: expr(0), arguments: node(Arguments) }
    Arguments(visit_arguments, leave_arguments) { args: exprs, keywords: nodes(Keyword) }
    Keyword(visit_keyword, leave_keyword) { arg: last_name, value: expr(0), unpacked: token("**") }

    Binary(visit_binary, leave_binary) { left: expr(0), right: expr(1) }
    Unary(visit_unary, leave_unary) { operand: expr(0) }
    BoolOp(visit_bool_op, leave_bool_op) { values: exprs }
    Compare(visit_compare, leave_compare) { left: expr(0), comparators: exprs }
    Lambda(visit_lambda, leave_lambda) { parameters: node(Parameters), body: after(":") }
    IfExp(visit_if_exp, leave_if_exp) { body: expr(0), test: expr(1), orelse: expr(2) }
    NamedExpr(visit_named_expr, leave_named_expr) { target: node(Name), value: after(":=") }
    Await(visit_await, leave_await) { value: expr(0) }
    Yield(visit_yield, leave_yield) { value: expr(0) }
    YieldFrom(visit_yield_from, leave_yield_from) { value: expr(0) }
    Parameters(visit_parameters, leave_parameters) { parameters: nodes(Parameter) }
    Parameter(visit_parameter, leave_parameter) { name: node(Name), annotation: after(":"), default: after("="), is_star: token("*"), is_double_star: token("**") }
    TypeParams(visit_type_params, leave_type_params) { params: nodes(TypeParam) }
    TypeParam(visit_type_param, leave_type_param) { name: node(Name), bound: after(":"), default: after("=") }
    WithItem(visit_with_item, leave_with_item) { context: expr(0), target: after("as") }
    MatchValue(visit_match_value, leave_match_value) {}
    MatchSingleton(visit_match_singleton, leave_match_singleton) {}
    MatchCapture(visit_match_capture, leave_match_capture) {}
    MatchWildcard(visit_match_wildcard, leave_match_wildcard) {}
    MatchSequence(visit_match_sequence, leave_match_sequence) {}
    MatchMapping(visit_match_mapping, leave_match_mapping) { items: nodes(MatchMappingItem) }
    MatchMappingItem(visit_match_mapping_item, leave_match_mapping_item) {}
    MatchClass(visit_match_class, leave_match_class) { keywords: nodes(MatchKeyword) }
    MatchKeyword(visit_match_keyword, leave_match_keyword) { name: last_name }
    MatchStar(visit_match_star, leave_match_star) {}
    MatchAs(visit_match_as, leave_match_as) { name: last_name }
    MatchOr(visit_match_or, leave_match_or) {}
    MatchGroup(visit_match_group, leave_match_group) {}
}
