//! Atoms: names, constants, numbers, strings, `...`, and the bracketed
//! displays with their comprehensions.

use super::expr::{
    self, Expr, bitwise_or, comprehension, expression, named_expression, star_named_expression,
};
use super::strings;
use crate::parser::{Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

pub(crate) fn atom(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    match p.current() {
        TokenKind::Name => {
            let kind = match p.nth_keyword(0) {
                Kw::None | Kw::True | Kw::False => NodeKind::Constant,
                kw if kw.is_hard() => return Err(p.invalid_syntax()),
                _ => NodeKind::Name,
            };
            let m = p.start();
            p.bump();
            let node = m.complete(p, kind);
            Ok(p.expr(node, start))
        }
        TokenKind::Number => leaf(p, NodeKind::Number),
        TokenKind::Ellipsis => leaf(p, NodeKind::Ellipsis),
        TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart => {
            strings::strings(p)
        }
        TokenKind::LPar => p.nested(parenthesized),
        TokenKind::LSqb => p.nested(list),
        TokenKind::LBrace => p.nested(braces),

        _ => Err(p.invalid_syntax()),
    }
}

fn leaf(p: &mut Parser<'_>, kind: NodeKind) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    let node = m.complete(p, kind);
    Ok(p.expr(node, start))
}

/// `tuple | group | genexp`
fn parenthesized(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    if p.eat(TokenKind::RPar) {
        let node = m.complete(p, NodeKind::Tuple);
        return Ok(p.expr(node, start));
    }
    if p.at_kw(Kw::Yield) {
        let inner = expr::yield_expr(p)?;
        p.expect(TokenKind::RPar)?;
        let node = m.complete(p, NodeKind::Paren);
        return Ok(Expr {
            items: vec![inner],
            ..p.expr(node, start)
        });
    }
    let first = star_named_expression(p)?;
    if p.at_kw(Kw::For) || p.at_kw(Kw::Async) {
        return comprehension_after(p, m, start, &first, TokenKind::RPar, NodeKind::Generator);
    }
    if p.at(TokenKind::RPar) {
        if first.kind() == NodeKind::Starred {
            let range = p.range_of(&first);
            return Err(p.error_at(range, "cannot use starred expression here"));
        }
        p.bump();
        let node = m.complete(p, NodeKind::Paren);
        return Ok(Expr {
            items: vec![first],
            ..p.expr(node, start)
        });
    }
    more_elements(p, m, start, first, TokenKind::RPar, NodeKind::Tuple)
}

/// A comprehension after its element (`[x for ...]`), up to the closing
/// bracket.
fn comprehension_after(
    p: &mut Parser<'_>,
    m: crate::parser::Marker,
    start: usize,
    first: &Expr,
    closer: TokenKind,
    kind: NodeKind,
) -> PResult<Expr> {
    if first.kind() == NodeKind::Starred {
        let range = p.range_of(first);
        return Err(p.error_at(range, "iterable unpacking cannot be used in comprehension"));
    }
    comprehension(p)?;
    close(p, closer, first.start)?;
    let node = m.complete(p, kind);
    Ok(p.expr(node, start))
}

/// The elements after the first of a tuple or list, up to the closing
/// bracket.
fn more_elements(
    p: &mut Parser<'_>,
    m: crate::parser::Marker,
    start: usize,
    first: Expr,
    closer: TokenKind,
    kind: NodeKind,
) -> PResult<Expr> {
    let mut last_start = first.start;
    let mut items = vec![first];
    while p.eat(TokenKind::Comma) {
        if p.at(closer) {
            break;
        }
        last_start = p.position();
        items.push(star_named_expression(p)?);
    }
    close(p, closer, last_start)?;
    let node = m.complete(p, kind);
    Ok(Expr {
        items,
        ..p.expr(node, start)
    })
}

/// The closing bracket of a display; two expressions in a row inside
/// brackets get CPython's "Perhaps you forgot a comma?".
fn close(p: &mut Parser<'_>, kind: TokenKind, last_start: usize) -> PResult {
    if p.eat(kind) {
        return Ok(());
    }
    Err(expr::forgot_comma(p, last_start))
}

/// `list | listcomp`
fn list(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    if p.eat(TokenKind::RSqb) {
        let node = m.complete(p, NodeKind::List);
        return Ok(p.expr(node, start));
    }
    let first = star_named_expression(p)?;
    if p.at_kw(Kw::For) || p.at_kw(Kw::Async) {
        return comprehension_after(p, m, start, &first, TokenKind::RSqb, NodeKind::ListComp);
    }
    more_elements(p, m, start, first, TokenKind::RSqb, NodeKind::List)
}

/// `dict | set | dictcomp | setcomp`
fn braces(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    if p.eat(TokenKind::RBrace) {
        let node = m.complete(p, NodeKind::Dict);
        return Ok(p.expr(node, start));
    }
    // The first item decides: `k: v` or `**m` makes a dict.
    let mut last_start = p.position();
    let first_is_pair = if p.at(TokenKind::DoubleStar) {
        double_star_item(p)?;
        true
    } else if p.at(TokenKind::Star) {
        expr::starred(p, bitwise_or)?;
        false
    } else {
        let key = named_expression(p)?;
        if p.at(TokenKind::Colon) {
            let item = key.node.precede(p);
            p.bump();
            last_start = p.position();
            dict_value(p)?;
            item.complete(p, NodeKind::DictItem);
            true
        } else {
            false
        }
    };
    if p.at_kw(Kw::For) || p.at_kw(Kw::Async) {
        comprehension(p)?;
        close(p, TokenKind::RBrace, last_start)?;
        let kind = if first_is_pair {
            NodeKind::DictComp
        } else {
            NodeKind::SetComp
        };
        let node = m.complete(p, kind);
        return Ok(p.expr(node, start));
    }
    while p.eat(TokenKind::Comma) {
        if p.at(TokenKind::RBrace) {
            break;
        }
        last_start = p.position();
        if first_is_pair {
            if p.at(TokenKind::DoubleStar) {
                double_star_item(p)?;
            } else {
                let item = p.start();
                expression(p)?;
                if !p.at(TokenKind::Colon) {
                    if matches!(p.current(), TokenKind::Comma | TokenKind::RBrace) {
                        let range = p.span(last_start, last_start + 1);
                        return Err(p.error_at(range, "':' expected after dictionary key"));
                    }
                    return Err(p.invalid_syntax());
                }
                p.bump();
                last_start = p.position();
                dict_value(p)?;
                item.complete(p, NodeKind::DictItem);
            }
        } else {
            star_named_expression(p)?;
        }
    }
    close(p, TokenKind::RBrace, last_start)?;
    let node = m.complete(
        p,
        if first_is_pair {
            NodeKind::Dict
        } else {
            NodeKind::Set
        },
    );
    Ok(p.expr(node, start))
}

/// A dictionary value: an expression, not a starred one.
fn dict_value(p: &mut Parser<'_>) -> PResult {
    if p.at(TokenKind::Star) {
        let range = p.nth_range(0);
        return Err(p.error_at(
            range,
            "cannot use a starred expression in a dictionary value",
        ));
    }
    expression(p)?;
    Ok(())
}

fn double_star_item(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    p.bump();
    bitwise_or(p)?;
    m.complete(p, NodeKind::DoubleStarItem);
    Ok(())
}
