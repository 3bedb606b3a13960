//! Parameter lists of `def` and `lambda`, and PEP 695 type parameters.

use super::expr::{self, expression};
use super::simple::name_node;
use crate::parser::{PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

/// The parameters of a `def` (between the parentheses; `annotated`) or a
/// `lambda` (up to the colon).
pub(crate) fn parameters(p: &mut Parser<'_>, annotated: bool) -> PResult {
    let m = p.start();
    let end = if annotated {
        TokenKind::RPar
    } else {
        TokenKind::Colon
    };
    let (mut count, mut slash, mut star, mut kwargs, mut default) = (0, false, false, false, false);
    let mut bare_star: Option<crate::TextRange> = None;
    while !p.at(end) {
        if kwargs {
            return Err(p.error_here("arguments cannot follow var-keyword argument"));
        }
        match p.current() {
            TokenKind::Slash => {
                if slash {
                    return Err(p.error_here("/ may appear only once"));
                }
                if star {
                    return Err(p.error_here("/ must be ahead of *"));
                }
                if count == 0 {
                    if p.peek_quietly(1) == TokenKind::Comma {
                        return Err(p.error_here("at least one argument must precede /"));
                    }
                    return Err(p.invalid_syntax());
                }
                slash = true;
                p.bump();
            }
            TokenKind::Star => {
                if star {
                    return Err(p.error_here("* argument may appear only once"));
                }
                star = true;
                let param = p.start();
                let at = p.nth_range(0);
                p.bump();
                if p.at_name() {
                    name_node(p)?;
                    if annotated && p.eat(TokenKind::Colon) {
                        expr::star_expression(p)?;
                    }
                    if p.at(TokenKind::Equal) {
                        return Err(
                            p.error_here("var-positional argument cannot have default value")
                        );
                    }
                } else if p.at(end) || p.at(TokenKind::Comma) && p.nth_at(1, end) {
                    if !annotated {
                        // lambda: CPython reports it at the token after.
                        return Err(p.error_at_furthest("named arguments must follow bare *"));
                    }
                    return Err(p.error_at(at, "named arguments must follow bare *"));
                } else {
                    bare_star = Some(at);
                }
                param.complete(p, NodeKind::Parameter);
            }
            TokenKind::DoubleStar => {
                let param = p.start();
                p.bump();
                name_node(p)?;
                if annotated && p.eat(TokenKind::Colon) {
                    expression(p)?;
                }
                if p.at(TokenKind::Equal) {
                    return Err(p.error_here("var-keyword argument cannot have default value"));
                }
                param.complete(p, NodeKind::Parameter);
                kwargs = true;
            }
            _ => {
                let param = p.start();
                let at = p.nth_range(0);
                name_node(p)?;
                if annotated && p.eat(TokenKind::Colon) {
                    expression(p)?;
                }
                if p.eat(TokenKind::Equal) {
                    if p.at(TokenKind::Comma) || p.at(end) {
                        return Err(p.error_here("expected default value expression"));
                    }
                    expression(p)?;
                    default = true;
                } else if default && !star {
                    return Err(p.error_at(
                        at,
                        "parameter without a default follows parameter with a default",
                    ));
                }
                param.complete(p, NodeKind::Parameter);
                bare_star = None;
            }
        }
        count += 1;
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    if let Some(at) = bare_star {
        return Err(p.error_at(at, "named arguments must follow bare *"));
    }
    m.complete(p, NodeKind::Parameters);
    Ok(())
}

/// `type_params: '[' type_param (',' type_param)* [','] ']'`
pub(crate) fn type_params(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    p.bump();
    if p.at(TokenKind::RSqb) {
        return Err(p.error_here("Type parameter list cannot be empty"));
    }
    loop {
        let param = p.start();
        let star = p.eat(TokenKind::Star);
        let double_star = !star && p.eat(TokenKind::DoubleStar);
        name_node(p)?;
        if !star && !double_star && p.eat(TokenKind::Colon) {
            expression(p)?;
        }
        if p.eat(TokenKind::Equal) {
            if star {
                expr::star_expression(p)?;
            } else {
                expression(p)?;
            }
        }
        param.complete(p, NodeKind::TypeParam);
        if !p.eat(TokenKind::Comma) || p.at(TokenKind::RSqb) {
            break;
        }
    }
    p.expect(TokenKind::RSqb)?;
    m.complete(p, NodeKind::TypeParams);
    Ok(())
}
