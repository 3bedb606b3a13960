//! Parameters of `def` and `lambda`, a call's arguments, type parameters.

use super::{LResult, Lowerer, is_expr};
use crate::*;
use molt_syntax::syntax::Child;
use molt_syntax::{NodeKind, SyntaxNode};

impl Lowerer<'_> {
    pub(crate) fn parameters(&self, node: Option<SyntaxNode<'_>>) -> LResult<Box<Arguments>> {
        let mut out = Arguments {
            posonlyargs: Vec::new(),
            args: Vec::new(),
            vararg: None,
            kwonlyargs: Vec::new(),
            kw_defaults: Vec::new(),
            kwarg: None,
            defaults: Vec::new(),
        };
        let Some(node) = node else {
            return Ok(Box::new(out));
        };
        // Most parameters are positional.
        out.args.reserve(node.children().count());
        let mut keyword_only = false;
        for child in node.children_with_tokens() {
            match *child {
                Child::Token(i) if self.token_text(i) == "/" => {
                    out.posonlyargs.append(&mut out.args)
                }
                Child::Node(id) => {
                    let param = self.tree.node(id);
                    let Some(name) = param.child(NodeKind::Name) else {
                        keyword_only = true; // a bare `*`
                        continue;
                    };
                    let annotation = param.expression_after(":");
                    let end = annotation.unwrap_or(name).range().end;
                    let arg = Arg {
                        arg: self.identifier(name),
                        annotation: self.opt_expr(annotation.as_ref())?,
                        type_comment: None,
                        loc: self.span(name.range().start, end),
                    };
                    let default = self.opt_expr(param.expression_after("=").as_ref())?;
                    if param.child_token("**").is_some() {
                        out.kwarg = Some(Box::new(arg));
                    } else if param.child_token("*").is_some() {
                        out.vararg = Some(Box::new(arg));
                        keyword_only = true;
                    } else if keyword_only {
                        out.kwonlyargs.push(arg);
                        out.kw_defaults.push(default.map(|d| *d));
                    } else {
                        out.args.push(arg);
                        if let Some(d) = default {
                            out.defaults.push(*d);
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(Box::new(out))
    }

    /// A call's (or a class's) positional arguments and keywords.
    pub(crate) fn arguments(&self, node: SyntaxNode<'_>) -> LResult<(Vec<Expr>, Vec<Keyword>)> {
        let positional = super::exprs_of(node);
        let (mut args, mut keywords) = (Vec::with_capacity(positional.len()), Vec::new());
        for child in node.children() {
            if child.kind() == NodeKind::Keyword {
                let value = child.children().find(is_expr).expect("a value");
                let arg = child
                    .child_token("**")
                    .is_none()
                    .then(|| super::expr::normalize(child.last_name().expect("a keyword name")));
                keywords.push(Keyword {
                    arg,
                    value: Box::new(self.expr(value)?),
                    loc: self.loc(child),
                });
            } else if is_expr(&child) {
                let mut value = self.expr(child)?;
                // `f(x for x in y)`: the generator takes the call's parentheses.
                if let (Expr::GeneratorExp(g), 1) = (&mut value, positional.len())
                    && child.child_token("(").is_none()
                {
                    g.loc = self.loc(node);
                }
                args.push(value);
            }
        }
        Ok((args, keywords))
    }

    pub(crate) fn type_params(&self, node: SyntaxNode<'_>) -> LResult<Vec<TypeParam>> {
        let Some(params) = node.child(NodeKind::TypeParams) else {
            return Ok(Vec::new());
        };
        params
            .children()
            .filter(|c| c.kind() == NodeKind::TypeParam)
            .map(|param| {
                let loc = self.loc(param);
                let name = self.identifier(param.child(NodeKind::Name).expect("a name"));
                let default_value = self.opt_expr(param.expression_after("=").as_ref())?;
                Ok(if param.child_token("*").is_some() {
                    TypeParam::TypeVarTuple(TypeVarTuple {
                        name,
                        default_value,
                        loc,
                    })
                } else if param.child_token("**").is_some() {
                    TypeParam::ParamSpec(ParamSpec {
                        name,
                        default_value,
                        loc,
                    })
                } else {
                    let bound = self.opt_expr(param.expression_after(":").as_ref())?;
                    TypeParam::TypeVar(TypeVar {
                        name,
                        bound,
                        default_value,
                        loc,
                    })
                })
            })
            .collect()
    }
}
