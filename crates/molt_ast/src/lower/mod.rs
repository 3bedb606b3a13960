//! Lowering: from the CST to the AST, with CPython's semantics (positions
//! in UTF-8 bytes, `ctx` set as CPython sets it, constants evaluated).
//!
//! A file per area: statements (`stmt.rs`), expressions (`expr.rs`),
//! literals (`literal.rs`), parameters and arguments (`args.rs`), patterns
//! (`pattern.rs`).

mod args;
mod expr;
mod literal;
mod pattern;
mod stmt;

use crate::{Expression, FunctionType, Interactive, Location, Mod, Module};
use molt_syntax::source::LineIndex;
use molt_syntax::{SyntaxNode, SyntaxTree, TokenKind};

/// Why a tree could not be lowered: CPython's message and place, or a
/// construct molt does not lower yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowerError {
    pub message: String,
    pub line: u32,
    pub offset: u32,
}

pub(crate) type LResult<T> = Result<T, LowerError>;

/// Lower a parsed module (the tree must have parsed without error).
pub fn lower_module(tree: &SyntaxTree) -> LResult<Module> {
    Lowerer::new(tree).module()
}

/// Lower a tree parsed as `input`, into the `mod` that CPython's
/// `ast.parse(source, mode=...)` returns.
pub fn lower(tree: &SyntaxTree, input: molt_syntax::Input) -> LResult<Mod> {
    let lowerer = Lowerer::new(tree);
    let root = tree.root();
    let mut exprs = root.children().filter(is_expr);
    Ok(match input {
        molt_syntax::Input::Exec => Mod::Module(lowerer.module()?),
        molt_syntax::Input::Single => Mod::Interactive(Interactive {
            body: lowerer.statements(root)?,
        }),
        molt_syntax::Input::Eval => {
            let body = exprs.next().expect("an expression");
            Mod::Expression(Expression {
                body: Box::new(lowerer.expr(body)?),
            })
        }
        molt_syntax::Input::FuncType => {
            let args = exprs.next().expect("the argument types");
            let returns = exprs.next().expect("the return type");
            // `*Ts` and `**P` stand for their type: the star is not kept.
            let argtypes = args
                .children()
                .filter(is_expr)
                .map(|a| match a.kind() {
                    molt_syntax::NodeKind::Starred => {
                        lowerer.expr(a.children().find(is_expr).expect("a type"))
                    }
                    _ => lowerer.expr(a),
                })
                .collect::<LResult<_>>()?;
            Mod::FunctionType(FunctionType {
                argtypes,
                returns: Box::new(lowerer.expr(returns)?),
            })
        }
    })
}

pub(crate) struct Lowerer<'t> {
    tree: &'t SyntaxTree,
    index: LineIndex,
    /// The line of the last position asked for: where the next one
    /// usually is.
    last_line: std::cell::Cell<u32>,
}

impl<'t> Lowerer<'t> {
    fn new(tree: &'t SyntaxTree) -> Lowerer<'t> {
        Lowerer {
            tree,
            index: LineIndex::new(tree.text()),
            last_line: std::cell::Cell::new(1),
        }
    }

    fn module(&self) -> LResult<Module> {
        Ok(Module {
            body: self.statements(self.tree.root())?,
            type_ignores: Vec::new(),
        })
    }

    /// `(line, column in bytes)` of a byte offset.
    fn position(&self, offset: u32) -> (u32, u32) {
        let (line, col) = self.index.line_col_near(offset, self.last_line.get());
        self.last_line.set(line);
        (line, col)
    }

    /// The location CPython gives a node: from its first significant token
    /// to the end of its last one (NEWLINE, INDENT, DEDENT and trivia
    /// left out).
    pub(crate) fn loc(&self, node: SyntaxNode<'_>) -> Location {
        let tokens = self.tree.tokens();
        let range = node.token_range();
        // Plain loops: asked of every node, the iterator adapters cost a
        // call per token.
        let layout = |i: u32| tokens.kind(i as usize).is_layout();
        let mut first = range.start;
        while first < range.end && layout(first) {
            first += 1;
        }
        let (first, last) = if first == range.end {
            (range.start, range.start)
        } else {
            // Stops at `first` at the latest, which is not layout.
            let mut last = range.end - 1;
            while layout(last) {
                last -= 1;
            }
            (first, last)
        };
        self.span(
            tokens.range(first as usize).start,
            tokens.range(last as usize).end,
        )
    }

    /// The location of the bytes `start..end`.
    pub(crate) fn span(&self, start: u32, end: u32) -> Location {
        let (lineno, col_offset) = self.position(start);
        let (end_lineno, end_col_offset) = self.end_position(end);
        Location {
            lineno,
            col_offset,
            end_lineno,
            end_col_offset,
        }
    }

    /// Like `position`, but the hint stays the start's line: ends are
    /// mostly on their start's line, and the next start follows this one.
    fn end_position(&self, end: u32) -> (u32, u32) {
        self.index.line_col_near(end, self.last_line.get())
    }

    pub(crate) fn text(&self, node: SyntaxNode<'_>) -> &'t str {
        let range = node.range();
        &self.tree.text()[range.as_usize()]
    }

    pub(crate) fn token_text(&self, i: u32) -> &'t str {
        self.tree.token_text(i)
    }

    /// An error at a node.
    pub(crate) fn error(&self, node: SyntaxNode<'_>, message: impl Into<String>) -> LowerError {
        let loc = self.loc(node);
        LowerError {
            message: message.into(),
            line: loc.lineno,
            offset: loc.col_offset + 1,
        }
    }

    /// "molt does not lower X yet": for constructs still to come.
    pub(crate) fn unsupported(&self, node: SyntaxNode<'_>) -> LowerError {
        self.error(
            node,
            format!("molt cannot lower {} yet", node.kind().name()),
        )
    }

    /// The significant tokens directly inside `node`: `(index, text)`.
    pub(crate) fn child_tokens(
        &self,
        node: SyntaxNode<'_>,
    ) -> smallvec::SmallVec<[(u32, TokenKind, &'t str); 4]> {
        node.child_tokens()
            .filter(|(_, kind)| !kind.is_trivia())
            .map(|(i, kind)| (i, kind, self.token_text(i)))
            .collect()
    }
}

/// The expression nodes directly inside a node. Most have four or fewer,
/// which then cost no allocation (lowering asks this of every node).
pub(crate) type ExprNodes<'a> = smallvec::SmallVec<[SyntaxNode<'a>; 4]>;

pub(crate) fn exprs_of(node: SyntaxNode<'_>) -> ExprNodes<'_> {
    node.children().filter(is_expr).collect()
}

/// Is `node` an expression node?
pub(crate) fn is_expr(node: &SyntaxNode<'_>) -> bool {
    node.is_expression()
}
