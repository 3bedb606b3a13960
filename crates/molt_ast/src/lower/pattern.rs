//! `match` statements and their patterns.

use super::{LResult, Lowerer, is_expr};
use crate::*;
use molt_syntax::{NodeKind, SyntaxNode};

impl Lowerer<'_> {
    pub(crate) fn match_stmt(&self, node: SyntaxNode<'_>, loc: Location) -> LResult<Stmt> {
        let subject = node.children().find(is_expr).expect("a subject");
        let cases = node
            .children()
            .filter(|c| c.kind() == NodeKind::Case)
            .map(|case| {
                let pattern = case
                    .children()
                    .find(SyntaxNode::is_pattern)
                    .expect("a pattern");
                Ok(MatchCase {
                    pattern: Box::new(self.pattern(pattern)?),
                    guard: self.opt_expr(case.expression_after("if").as_ref())?,
                    body: match case.child(NodeKind::Block) {
                        Some(block) => self.statements(block)?,
                        None => Vec::new(),
                    },
                })
            })
            .collect::<LResult<_>>()?;
        Ok(Stmt::Match(Match {
            subject: Box::new(self.expr(subject)?),
            cases,
            loc,
        }))
    }

    fn patterns_of(&self, node: SyntaxNode<'_>) -> LResult<Vec<Pattern>> {
        node.children()
            .filter(|c| {
                c.is_pattern()
                    && !matches!(
                        c.kind(),
                        NodeKind::MatchKeyword | NodeKind::MatchMappingItem
                    )
            })
            .map(|c| self.pattern(c))
            .collect()
    }

    fn pattern(&self, node: SyntaxNode<'_>) -> LResult<Pattern> {
        let loc = self.loc(node);
        let last_name = || node.last_name().map(super::expr::normalize);
        Ok(match node.kind() {
            NodeKind::MatchValue => {
                let value = node.children().find(is_expr).expect("a value");
                Pattern::MatchValue(MatchValue {
                    value: Box::new(self.literal_pattern_value(value)?),
                    loc,
                })
            }
            NodeKind::MatchSingleton => {
                let value = match self.text(node) {
                    "True" => Value::Bool(true),
                    "False" => Value::Bool(false),
                    _ => Value::None,
                };
                Pattern::MatchSingleton(MatchSingleton { value, loc })
            }
            NodeKind::MatchCapture => Pattern::MatchAs(MatchAs {
                pattern: None,
                name: Some(self.identifier(node)),
                loc,
            }),
            NodeKind::MatchWildcard => Pattern::MatchAs(MatchAs {
                pattern: None,
                name: None,
                loc,
            }),
            NodeKind::MatchStar => {
                let name = last_name().filter(|n| n != "_");
                Pattern::MatchStar(MatchStar { name, loc })
            }
            NodeKind::MatchAs => {
                let inner = node
                    .children()
                    .find(SyntaxNode::is_pattern)
                    .expect("a pattern");
                Pattern::MatchAs(MatchAs {
                    pattern: Some(Box::new(self.pattern(inner)?)),
                    name: last_name(),
                    loc,
                })
            }
            NodeKind::MatchOr => Pattern::MatchOr(MatchOr {
                patterns: self.patterns_of(node)?,
                loc,
            }),
            NodeKind::MatchGroup => {
                let inner = node
                    .children()
                    .find(SyntaxNode::is_pattern)
                    .expect("a pattern");
                return self.pattern(inner);
            }
            NodeKind::MatchSequence => Pattern::MatchSequence(MatchSequence {
                patterns: self.patterns_of(node)?,
                loc,
            }),
            NodeKind::MatchMapping => {
                let (mut keys, mut patterns, mut rest) = (Vec::new(), Vec::new(), None);
                for item in node
                    .children()
                    .filter(|c| c.kind() == NodeKind::MatchMappingItem)
                {
                    if item.child_token("**").is_some() {
                        rest = item.last_name().map(super::expr::normalize);
                        continue;
                    }
                    let mut parts = item.children();
                    // `True`, `False` and `None` keys are bare keyword tokens.
                    let first = self.child_tokens(item).first().copied();
                    match first {
                        Some((i, _, word @ ("True" | "False" | "None"))) => {
                            let range = self.tree.tokens().range(i as usize);
                            let value = match word {
                                "True" => Value::Bool(true),
                                "False" => Value::Bool(false),
                                _ => Value::None,
                            };
                            keys.push(Expr::Constant(Constant {
                                value,
                                kind: None,
                                loc: self.span(range.start, range.end),
                            }));
                        }
                        _ => {
                            let key = parts.next().expect("a key");
                            let key = match key.kind() {
                                NodeKind::MatchValue => {
                                    key.children().find(is_expr).expect("a value")
                                }
                                _ => key,
                            };
                            keys.push(self.literal_pattern_value(key)?);
                        }
                    }
                    patterns.push(self.pattern(parts.next().expect("a pattern"))?);
                }
                Pattern::MatchMapping(MatchMapping {
                    keys,
                    patterns,
                    rest,
                    loc,
                })
            }
            NodeKind::MatchClass => {
                let cls = node.children().find(is_expr).expect("a class");
                let (mut kwd_attrs, mut kwd_patterns) = (Vec::new(), Vec::new());
                for keyword in node
                    .children()
                    .filter(|c| c.kind() == NodeKind::MatchKeyword)
                {
                    let name = self
                        .child_tokens(keyword)
                        .first()
                        .map(|t| super::expr::normalize(t.2))
                        .expect("a name");
                    kwd_attrs.push(name);
                    let inner = keyword
                        .children()
                        .find(SyntaxNode::is_pattern)
                        .expect("a pattern");
                    kwd_patterns.push(self.pattern(inner)?);
                }
                Pattern::MatchClass(MatchClass {
                    cls: Box::new(self.expr(cls)?),
                    patterns: self.patterns_of(node)?,
                    kwd_attrs,
                    kwd_patterns,
                    loc,
                })
            }
            _ => return Err(self.unsupported(node)),
        })
    }

    /// A literal in a pattern: `-1` is `UnaryOp(USub, 1)`, `1 + 2j` a
    /// `BinOp`, as CPython builds them.
    fn literal_pattern_value(&self, node: SyntaxNode<'_>) -> LResult<Expr> {
        if node.kind() == NodeKind::Number && self.text(node).starts_with('-') {
            let loc = self.loc(node);
            let tokens = self.child_tokens(node);
            let (i, _, _) = *tokens.last().expect("a number");
            let range = self.tree.tokens().range(i as usize);
            let number = self
                .number_text(self.token_text(i))
                .map_err(|m| self.error(node, m))?;
            let operand = Expr::Constant(Constant {
                value: number,
                kind: None,
                loc: self.span(range.start, range.end),
            });
            return Ok(Expr::UnaryOp(UnaryOp {
                op: UnaryOperator::USub,
                operand: Box::new(operand),
                loc,
            }));
        }
        if node.kind() == NodeKind::Binary {
            let loc = self.loc(node);
            let parts = super::exprs_of(node);
            let op = if node.child_token("-").is_some() {
                Operator::Sub
            } else {
                Operator::Add
            };
            return Ok(Expr::BinOp(BinOp {
                left: Box::new(self.literal_pattern_value(parts[0])?),
                op,
                right: Box::new(self.literal_pattern_value(parts[1])?),
                loc,
            }));
        }
        self.expr(node)
    }
}
