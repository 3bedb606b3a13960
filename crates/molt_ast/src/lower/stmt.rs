//! Statements.

use super::{LResult, Lowerer, exprs_of};
use crate::Ident;
use crate::*;
use molt_syntax::{NodeKind, SyntaxNode};

impl Lowerer<'_> {
    /// The statements of a module or a block.
    pub(crate) fn statements(&self, node: SyntaxNode<'_>) -> LResult<Vec<Stmt>> {
        let mut out = Vec::new();
        node.try_for_each_statement(|s| {
            out.push(self.statement(s)?);
            Ok(())
        })?;
        Ok(out)
    }

    fn block(&self, node: SyntaxNode<'_>) -> LResult<Vec<Stmt>> {
        match node.child(NodeKind::Block) {
            Some(block) => self.statements(block),
            None => Ok(Vec::new()),
        }
    }

    pub(crate) fn statement(&self, node: SyntaxNode<'_>) -> LResult<Stmt> {
        let loc = self.loc(node);
        let exprs = exprs_of(node);
        Ok(match node.kind() {
            NodeKind::ExprStmt => Stmt::Expr(ExprStmt {
                value: Box::new(self.expr(exprs[0])?),
                loc,
            }),
            NodeKind::Pass => Stmt::Pass(Pass { loc }),
            NodeKind::Break => Stmt::Break(Break { loc }),
            NodeKind::Continue => Stmt::Continue(Continue { loc }),
            NodeKind::Return => Stmt::Return(Return {
                value: self.opt_expr(exprs.first())?,
                loc,
            }),
            NodeKind::Assign => {
                let (value, targets) = exprs.split_last().expect("an assignment has a value");
                let targets = targets
                    .iter()
                    .map(|t| self.target(*t, ExprContext::Store))
                    .collect::<LResult<_>>()?;
                Stmt::Assign(Assign {
                    targets,
                    value: Box::new(self.expr(*value)?),
                    type_comment: None,
                    loc,
                })
            }
            NodeKind::AugAssign => {
                let op = node
                    .child_tokens()
                    .find_map(|(i, _)| augmented_operator(self.token_text(i)))
                    .expect("an augmented operator");
                Stmt::AugAssign(AugAssign {
                    target: Box::new(self.target(exprs[0], ExprContext::Store)?),
                    op,
                    value: Box::new(self.expr(exprs[1])?),
                    loc,
                })
            }
            NodeKind::AnnAssign => {
                let simple = i64::from(exprs[0].kind() == NodeKind::Name);
                Stmt::AnnAssign(AnnAssign {
                    target: Box::new(self.target(exprs[0], ExprContext::Store)?),
                    annotation: Box::new(self.expr(exprs[1])?),
                    value: self.opt_expr(exprs.get(2))?,
                    simple,
                    loc,
                })
            }
            NodeKind::Del => {
                let targets = match exprs[0].kind() {
                    NodeKind::Tuple if !self.text(exprs[0]).starts_with('(') => exprs_of(exprs[0]),
                    _ => smallvec::smallvec![exprs[0]],
                };
                let targets = targets
                    .iter()
                    .map(|t| self.target(*t, ExprContext::Del))
                    .collect::<LResult<_>>()?;
                Stmt::Delete(Delete { targets, loc })
            }
            NodeKind::Raise => Stmt::Raise(Raise {
                exc: self.opt_expr(exprs.first())?,
                cause: self.opt_expr(exprs.get(1))?,
                loc,
            }),
            NodeKind::Assert => Stmt::Assert(Assert {
                test: Box::new(self.expr(exprs[0])?),
                msg: self.opt_expr(exprs.get(1))?,
                loc,
            }),
            NodeKind::Global | NodeKind::Nonlocal => {
                let names = self
                    .child_tokens(node)
                    .iter()
                    .skip(1)
                    .filter(|(_, kind, _)| *kind == molt_syntax::TokenKind::Name)
                    .map(|(_, _, text)| super::expr::normalize(text))
                    .collect();
                if node.kind() == NodeKind::Global {
                    Stmt::Global(Global { names, loc })
                } else {
                    Stmt::Nonlocal(Nonlocal { names, loc })
                }
            }
            NodeKind::Import => {
                let names = node.children().map(|a| self.alias(a)).collect();
                Stmt::Import(Import { names, loc })
            }
            NodeKind::ImportFrom => self.import_from(node, loc),
            NodeKind::If => self.if_stmt(node)?,
            NodeKind::While => Stmt::While(While {
                test: Box::new(self.expr(exprs[0])?),
                body: self.block(node)?,
                orelse: self.orelse(node)?,
                loc,
            }),
            NodeKind::For => {
                let target = Box::new(self.target(exprs[0], ExprContext::Store)?);
                let iter = Box::new(self.expr(exprs[1])?);
                let (body, orelse) = (self.block(node)?, self.orelse(node)?);
                if node.child_token("async").is_some() {
                    Stmt::AsyncFor(AsyncFor {
                        target,
                        iter,
                        body,
                        orelse,
                        type_comment: None,
                        loc,
                    })
                } else {
                    Stmt::For(For {
                        target,
                        iter,
                        body,
                        orelse,
                        type_comment: None,
                        loc,
                    })
                }
            }
            NodeKind::With => {
                let items = node
                    .children()
                    .filter(|c| c.kind() == NodeKind::WithItem)
                    .map(|item| self.with_item(item))
                    .collect::<LResult<_>>()?;
                let body = self.block(node)?;
                if node.child_token("async").is_some() {
                    Stmt::AsyncWith(AsyncWith {
                        items,
                        body,
                        type_comment: None,
                        loc,
                    })
                } else {
                    Stmt::With(With {
                        items,
                        body,
                        type_comment: None,
                        loc,
                    })
                }
            }
            NodeKind::Try => self.try_stmt(node, loc)?,
            NodeKind::FunctionDef => self.function_def(node, loc)?,
            NodeKind::ClassDef => self.class_def(node, loc)?,
            NodeKind::TypeAlias => Stmt::TypeAlias(TypeAlias {
                name: Box::new(self.target(exprs[0], ExprContext::Store)?),
                type_params: self.type_params(node)?,
                value: Box::new(self.expr(exprs[1])?),
                loc,
            }),
            NodeKind::Match => self.match_stmt(node, loc)?,
            _ => return Err(self.unsupported(node)),
        })
    }

    pub(crate) fn opt_expr(&self, node: Option<&SyntaxNode<'_>>) -> LResult<Option<Box<Expr>>> {
        node.map(|n| self.expr(*n).map(Box::new)).transpose()
    }

    pub(crate) fn identifier(&self, node: SyntaxNode<'_>) -> Ident {
        crate::lower::expr::normalize(self.text(node))
    }

    fn alias(&self, node: SyntaxNode<'_>) -> Alias {
        let loc = self.loc(node);
        let name = match node.child(NodeKind::DottedName) {
            Some(dotted) => self
                .child_tokens(dotted)
                .iter()
                .map(|(_, _, t)| crate::lower::expr::normalize(t))
                .collect::<Ident>(),
            None => self.identifier(node.children().next().expect("a name")),
        };
        let asname = node.expression_after("as").map(|n| self.identifier(n));
        Alias { name, asname, loc }
    }

    fn import_from(&self, node: SyntaxNode<'_>, loc: Location) -> Stmt {
        let mut level = 0;
        for (_, _, text) in self.child_tokens(node) {
            match text {
                "." => level += 1,
                "..." => level += 3,
                "from" => {}
                _ => break,
            }
        }
        let module = node.child(NodeKind::DottedName).map(|d| {
            self.child_tokens(d)
                .iter()
                .map(|(_, _, t)| crate::lower::expr::normalize(t))
                .collect::<Ident>()
        });
        let names_node = node.child(NodeKind::ImportNames).expect("import names");
        let names = if names_node.child_token("*").is_some() {
            let loc = self.loc(names_node);
            vec![Alias {
                name: "*".into(),
                asname: None,
                loc,
            }]
        } else {
            names_node.children().map(|a| self.alias(a)).collect()
        };
        Stmt::ImportFrom(ImportFrom {
            module,
            names,
            level: Some(level),
            loc,
        })
    }

    fn if_stmt(&self, node: SyntaxNode<'_>) -> LResult<Stmt> {
        // `elif` chains nest: each `elif` is an `If` in the orelse of the
        // one before, located from its `elif` to the end of the chain.
        let exprs = exprs_of(node);
        let elifs: Vec<SyntaxNode<'_>> = node
            .children()
            .filter(|c| c.kind() == NodeKind::Elif)
            .collect();
        let mut orelse = self.orelse(node)?;
        let end = self.loc(node);
        for elif in elifs.iter().rev() {
            let start = self.loc(*elif);
            let loc = Location {
                end_lineno: end.end_lineno,
                end_col_offset: end.end_col_offset,
                ..start
            };
            let test = Box::new(self.expr(exprs_of(*elif)[0])?);
            orelse = vec![Stmt::If(If {
                test,
                body: self.block(*elif)?,
                orelse,
                loc,
            })];
        }
        Ok(Stmt::If(If {
            test: Box::new(self.expr(exprs[0])?),
            body: self.block(node)?,
            orelse,
            loc: end,
        }))
    }

    fn orelse(&self, node: SyntaxNode<'_>) -> LResult<Vec<Stmt>> {
        match node.child(NodeKind::Else) {
            Some(e) => self.block(e),
            None => Ok(Vec::new()),
        }
    }

    fn with_item(&self, node: SyntaxNode<'_>) -> LResult<Withitem> {
        let exprs = exprs_of(node);
        Ok(Withitem {
            context_expr: Box::new(self.expr(exprs[0])?),
            optional_vars: exprs
                .get(1)
                .map(|t| self.target(*t, ExprContext::Store).map(Box::new))
                .transpose()?,
        })
    }

    fn try_stmt(&self, node: SyntaxNode<'_>, loc: Location) -> LResult<Stmt> {
        let body = self.block(node)?;
        let mut star = false;
        let mut handlers = Vec::new();
        for h in node
            .children()
            .filter(|c| c.kind() == NodeKind::ExceptHandler)
        {
            star |= h.child_token("*").is_some();
            let exprs = exprs_of(h);
            let (types, name) = match (exprs.first(), h.expression_after("as")) {
                (Some(t), Some(n)) if t.id() != n.id() => (Some(t), Some(self.identifier(n))),
                (Some(t), _) => (Some(t), None),
                (None, _) => (None, None),
            };
            handlers.push(ExceptHandler {
                type_: self.opt_expr(types)?,
                name,
                body: self.block(h)?,
                loc: self.loc(h),
            });
        }
        let orelse = self.orelse(node)?;
        let finalbody = match node.child(NodeKind::Finally) {
            Some(f) => self.block(f)?,
            None => Vec::new(),
        };
        Ok(if star {
            Stmt::TryStar(TryStar {
                body,
                handlers,
                orelse,
                finalbody,
                loc,
            })
        } else {
            Stmt::Try(Try {
                body,
                handlers,
                orelse,
                finalbody,
                loc,
            })
        })
    }

    fn decorators(&self, node: SyntaxNode<'_>) -> LResult<Vec<Expr>> {
        node.children()
            .filter(|c| c.kind() == NodeKind::Decorator)
            .map(|d| self.expr(exprs_of(d)[0]))
            .collect()
    }

    /// A `def` or `class` starts at its keyword, after the decorators.
    fn after_decorators(&self, node: SyntaxNode<'_>, loc: Location) -> Location {
        let Some(last) = node
            .children()
            .filter(|c| c.kind() == NodeKind::Decorator)
            .last()
        else {
            return loc;
        };
        let keyword = node
            .child_tokens()
            .find(|(i, kind)| {
                !kind.is_trivia()
                    && *i >= last.token_range().end
                    && !matches!(kind, molt_syntax::TokenKind::Newline)
            })
            .map(|(i, _)| self.tree.tokens().range(i as usize).start)
            .expect("a keyword after the decorators");
        let (lineno, col_offset) = self.position(keyword);
        Location {
            lineno,
            col_offset,
            ..loc
        }
    }

    fn function_def(&self, node: SyntaxNode<'_>, loc: Location) -> LResult<Stmt> {
        let loc = self.after_decorators(node, loc);
        let name = self.identifier(node.child(NodeKind::Name).expect("a name"));
        let args = self.parameters(node.child(NodeKind::Parameters))?;
        let decorator_list = self.decorators(node)?;
        let returns = self.opt_expr(node.expression_after("->").as_ref())?;
        let type_params = self.type_params(node)?;
        let body = self.block(node)?;
        Ok(if node.child_token("async").is_some() {
            Stmt::AsyncFunctionDef(AsyncFunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                type_comment: None,
                type_params,
                loc,
            })
        } else {
            Stmt::FunctionDef(FunctionDef {
                name,
                args,
                body,
                decorator_list,
                returns,
                type_comment: None,
                type_params,
                loc,
            })
        })
    }

    fn class_def(&self, node: SyntaxNode<'_>, loc: Location) -> LResult<Stmt> {
        let loc = self.after_decorators(node, loc);
        let name = self.identifier(node.child(NodeKind::Name).expect("a name"));
        let (bases, keywords) = match node.child(NodeKind::Arguments) {
            Some(arguments) => self.arguments(arguments)?,
            None => (Vec::new(), Vec::new()),
        };
        Ok(Stmt::ClassDef(ClassDef {
            name,
            bases,
            keywords,
            body: self.block(node)?,
            decorator_list: self.decorators(node)?,
            type_params: self.type_params(node)?,
            loc,
        }))
    }
}

fn augmented_operator(text: &str) -> Option<Operator> {
    Some(match text {
        "+=" => Operator::Add,
        "-=" => Operator::Sub,
        "*=" => Operator::Mult,
        "@=" => Operator::MatMult,
        "/=" => Operator::Div,
        "%=" => Operator::Mod,
        "**=" => Operator::Pow,
        "<<=" => Operator::LShift,
        ">>=" => Operator::RShift,
        "|=" => Operator::BitOr,
        "^=" => Operator::BitXor,
        "&=" => Operator::BitAnd,
        "//=" => Operator::FloorDiv,
        _ => return None,
    })
}
