//! Expressions, and targets with the context CPython gives them.

use super::{ExprNodes, LResult, Lowerer, exprs_of, is_expr};
use crate::Ident;
use crate::*;
use molt_syntax::{NodeKind, SyntaxNode};
use unicode_normalization::UnicodeNormalization;

/// Identifiers are NFKC-normalized (PEP 3131).
pub(crate) fn normalize(name: &str) -> Ident {
    if name.is_ascii() {
        Ident::from(name)
    } else {
        name.nfkc().collect()
    }
}

impl Lowerer<'_> {
    pub(crate) fn expr(&self, node: SyntaxNode<'_>) -> LResult<Expr> {
        self.expr_in(node, ExprContext::Load)
    }

    /// An assignment or deletion target.
    pub(crate) fn target(&self, node: SyntaxNode<'_>, ctx: ExprContext) -> LResult<Expr> {
        self.expr_in(node, ctx)
    }

    fn expr_in(&self, node: SyntaxNode<'_>, ctx: ExprContext) -> LResult<Expr> {
        let kind = node.kind();
        // Strings place themselves; a parenthesized expression is its inside.
        match kind {
            NodeKind::String | NodeKind::Strings | NodeKind::FString | NodeKind::TString => {
                return self.strings(node);
            }
            NodeKind::Paren => {
                let inside = node.children().find(is_expr).expect("an expression");
                return self.expr_in(inside, ctx);
            }
            _ => {}
        }
        let loc = self.loc(node);
        // Leaves, the most frequent nodes, have no expressions inside.
        let exprs = match kind {
            NodeKind::Name | NodeKind::Number | NodeKind::Constant | NodeKind::Ellipsis => {
                ExprNodes::new()
            }
            _ => exprs_of(node),
        };
        let boxed = |n: SyntaxNode<'_>| self.expr(n).map(Box::new);
        Ok(match kind {
            NodeKind::Name => Expr::Name(Name {
                id: normalize(self.text(node)),
                ctx,
                loc,
            }),
            NodeKind::Number => Expr::Constant(Constant {
                value: self.number(node)?,
                kind: None,
                loc,
            }),
            NodeKind::Constant => {
                let value = match self.text(node) {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::None,
                };
                Expr::Constant(Constant {
                    value,
                    kind: None,
                    loc,
                })
            }
            NodeKind::Ellipsis => Expr::Constant(Constant {
                value: Value::Ellipsis,
                kind: None,
                loc,
            }),
            NodeKind::Tuple => {
                let elts = exprs
                    .iter()
                    .map(|e| self.expr_in(*e, ctx))
                    .collect::<LResult<_>>()?;
                Expr::Tuple(Tuple { elts, ctx, loc })
            }
            NodeKind::List => {
                let elts = exprs
                    .iter()
                    .map(|e| self.expr_in(*e, ctx))
                    .collect::<LResult<_>>()?;
                Expr::List(List { elts, ctx, loc })
            }
            NodeKind::Set => Expr::Set(Set {
                elts: exprs
                    .iter()
                    .map(|e| self.expr(*e))
                    .collect::<LResult<_>>()?,
                loc,
            }),
            NodeKind::Dict => {
                let n = node.children().count();
                let (mut keys, mut values) = (Vec::with_capacity(n), Vec::with_capacity(n));
                for item in node.children() {
                    let parts = exprs_of(item);
                    match item.kind() {
                        NodeKind::DictItem => {
                            keys.push(Some(self.expr(parts[0])?));
                            values.push(self.expr(parts[1])?);
                        }
                        NodeKind::DoubleStarItem => {
                            keys.push(None);
                            values.push(self.expr(parts[0])?);
                        }
                        _ => {}
                    }
                }
                Expr::Dict(Dict { keys, values, loc })
            }
            NodeKind::ListComp => Expr::ListComp(ListComp {
                elt: boxed(exprs[0])?,
                generators: self.generators(node)?,
                loc,
            }),
            NodeKind::SetComp => Expr::SetComp(SetComp {
                elt: boxed(exprs[0])?,
                generators: self.generators(node)?,
                loc,
            }),
            NodeKind::Generator => Expr::GeneratorExp(GeneratorExp {
                elt: boxed(exprs[0])?,
                generators: self.generators(node)?,
                loc,
            }),
            NodeKind::DictComp => {
                let item = node.child(NodeKind::DictItem).expect("a key: value");
                let parts = exprs_of(item);
                Expr::DictComp(DictComp {
                    key: boxed(parts[0])?,
                    value: boxed(parts[1])?,
                    generators: self.generators(node)?,
                    loc,
                })
            }
            NodeKind::Starred => Expr::Starred(Starred {
                value: Box::new(self.expr_in(exprs[0], ctx)?),
                ctx,
                loc,
            }),
            NodeKind::Attribute => Expr::Attribute(Attribute {
                value: boxed(exprs[0])?,
                attr: normalize(node.last_name().expect("an attribute name")),
                ctx,
                loc,
            }),
            NodeKind::Subscript => {
                // `x[*a]`: a lone starred index is a one-element tuple.
                let mut slice = self.expr(exprs[1])?;
                if let Expr::Starred(starred) = &slice {
                    let loc = starred.loc;
                    slice = Expr::Tuple(Tuple {
                        elts: vec![slice],
                        ctx: ExprContext::Load,
                        loc,
                    });
                }
                Expr::Subscript(Subscript {
                    value: boxed(exprs[0])?,
                    slice: Box::new(slice),
                    ctx,
                    loc,
                })
            }
            NodeKind::Slice => {
                // Up to three parts, placed by the colons around them.
                let mut parts: [Option<Box<Expr>>; 3] = [None, None, None];
                let mut slot = 0;
                for child in node.children_with_tokens() {
                    match *child {
                        molt_syntax::syntax::Child::Token(i) if self.token_text(i) == ":" => {
                            slot += 1
                        }
                        molt_syntax::syntax::Child::Node(id) => {
                            let n = self.tree.node(id);
                            if is_expr(&n) {
                                parts[slot] = Some(boxed(n)?);
                            }
                        }
                        _ => {}
                    }
                }
                let [lower, upper, step] = parts;
                Expr::Slice(Slice {
                    lower,
                    upper,
                    step,
                    loc,
                })
            }
            NodeKind::Call => {
                let (args, keywords) =
                    self.arguments(node.child(NodeKind::Arguments).expect("arguments"))?;
                Expr::Call(Call {
                    func: boxed(exprs[0])?,
                    args,
                    keywords,
                    loc,
                })
            }
            NodeKind::Binary => {
                let op = node
                    .child_tokens()
                    .find_map(|(i, kind)| {
                        (!kind.is_trivia())
                            .then(|| binary_operator(self.token_text(i)))
                            .flatten()
                    })
                    .expect("an operator");
                Expr::BinOp(BinOp {
                    left: boxed(exprs[0])?,
                    op,
                    right: boxed(exprs[1])?,
                    loc,
                })
            }
            NodeKind::Unary => {
                let op = match self.child_tokens(node).first().map(|t| t.2) {
                    Some("not") => UnaryOperator::Not,
                    Some("-") => UnaryOperator::USub,
                    Some("+") => UnaryOperator::UAdd,
                    _ => UnaryOperator::Invert,
                };
                Expr::UnaryOp(UnaryOp {
                    op,
                    operand: boxed(exprs[0])?,
                    loc,
                })
            }
            NodeKind::BoolOp => {
                let op = if node.child_token("and").is_some() {
                    BoolOperator::And
                } else {
                    BoolOperator::Or
                };
                let values = exprs
                    .iter()
                    .map(|e| self.expr(*e))
                    .collect::<LResult<_>>()?;
                Expr::BoolOp(BoolOp { op, values, loc })
            }
            NodeKind::Compare => {
                let mut ops = Vec::with_capacity(exprs.len().saturating_sub(1));
                let tokens = self.child_tokens(node);
                let mut i = 0;
                while i < tokens.len() {
                    let (op, width) = match (tokens[i].2, tokens.get(i + 1).map(|t| t.2)) {
                        ("not", Some("in")) => (CmpOperator::NotIn, 2),
                        ("is", Some("not")) => (CmpOperator::IsNot, 2),
                        ("is", _) => (CmpOperator::Is, 1),
                        ("in", _) => (CmpOperator::In, 1),
                        ("==", _) => (CmpOperator::Eq, 1),
                        ("!=", _) => (CmpOperator::NotEq, 1),
                        ("<", _) => (CmpOperator::Lt, 1),
                        ("<=", _) => (CmpOperator::LtE, 1),
                        (">", _) => (CmpOperator::Gt, 1),
                        (">=", _) => (CmpOperator::GtE, 1),
                        _ => return Err(self.unsupported(node)),
                    };
                    ops.push(op);
                    i += width;
                }
                let comparators = exprs[1..]
                    .iter()
                    .map(|e| self.expr(*e))
                    .collect::<LResult<_>>()?;
                Expr::Compare(Compare {
                    left: boxed(exprs[0])?,
                    ops,
                    comparators,
                    loc,
                })
            }
            NodeKind::Lambda => Expr::Lambda(Lambda {
                args: self.parameters(node.child(NodeKind::Parameters))?,
                body: boxed(node.expression_after(":").expect("a body"))?,
                loc,
            }),
            NodeKind::IfExp => Expr::IfExp(IfExp {
                test: boxed(exprs[1])?,
                body: boxed(exprs[0])?,
                orelse: boxed(exprs[2])?,
                loc,
            }),
            NodeKind::NamedExpr => Expr::NamedExpr(NamedExpr {
                target: Box::new(self.target(exprs[0], ExprContext::Store)?),
                value: boxed(exprs[1])?,
                loc,
            }),
            NodeKind::Await => Expr::Await(Await {
                value: boxed(exprs[0])?,
                loc,
            }),
            NodeKind::Yield => Expr::Yield(Yield {
                value: self.opt_expr(exprs.first())?,
                loc,
            }),
            NodeKind::YieldFrom => Expr::YieldFrom(YieldFrom {
                value: boxed(exprs[0])?,
                loc,
            }),
            _ => return Err(self.unsupported(node)),
        })
    }

    fn generators(&self, node: SyntaxNode<'_>) -> LResult<Vec<Comprehension>> {
        node.children()
            .filter(|c| c.kind() == NodeKind::ForClause)
            .map(|clause| {
                let exprs = exprs_of(clause);
                let ifs = clause
                    .children()
                    .filter(|c| c.kind() == NodeKind::IfClause)
                    .map(|c| self.expr(exprs_of(c)[0]))
                    .collect::<LResult<_>>()?;
                Ok(Comprehension {
                    target: Box::new(self.target(exprs[0], ExprContext::Store)?),
                    iter: Box::new(self.expr(exprs[1])?),
                    ifs,
                    is_async: i64::from(clause.child_token("async").is_some()),
                })
            })
            .collect()
    }
}

fn binary_operator(text: &str) -> Option<Operator> {
    Some(match text {
        "+" => Operator::Add,
        "-" => Operator::Sub,
        "*" => Operator::Mult,
        "@" => Operator::MatMult,
        "/" => Operator::Div,
        "%" => Operator::Mod,
        "**" => Operator::Pow,
        "<<" => Operator::LShift,
        ">>" => Operator::RShift,
        "|" => Operator::BitOr,
        "^" => Operator::BitXor,
        "&" => Operator::BitAnd,
        "//" => Operator::FloorDiv,
        _ => return None,
    })
}
