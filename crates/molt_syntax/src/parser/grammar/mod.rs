//! The grammar, a file per area, after CPython's `Grammar/python.gram`:
//! statements here, then `simple.rs`, `compound.rs`, `expr.rs`,
//! `atom.rs`, `strings.rs`, `params.rs` and `patterns.rs`.

mod atom;
mod compound;
mod expr;
mod params;
mod patterns;
mod simple;
mod strings;

pub(crate) use expr::{Expr, bitwise_or};

use super::{Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

/// `file: [statements] ENDMARKER`
pub(crate) fn module(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    while !p.at(TokenKind::EndMarker) {
        statement(p)?;
    }
    p.bump();
    m.complete(p, NodeKind::Module);
    Ok(())
}

/// `eval: expressions NEWLINE* ENDMARKER`
pub(crate) fn eval_input(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    expr::star_expressions(p)?;
    while p.eat(TokenKind::Newline) {}
    p.expect(TokenKind::EndMarker)?;
    m.complete(p, NodeKind::Module);
    Ok(())
}

/// `interactive: statement_newline`: one statement (or a blank line).
pub(crate) fn single_input(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    if !p.eat(TokenKind::Newline) && !p.at(TokenKind::EndMarker) {
        statement(p)?;
    }
    while p.eat(TokenKind::Newline) {}
    if !p.at(TokenKind::EndMarker) {
        return Err(p.error_here("multiple statements found while compiling a single statement"));
    }
    p.bump();
    m.complete(p, NodeKind::Module);
    Ok(())
}

/// `func_type: '(' [type_expressions] ')' '->' expression NEWLINE* ENDMARKER`
pub(crate) fn func_type_input(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    let args = p.start();
    p.expect(TokenKind::LPar)?;
    while !p.at(TokenKind::RPar) {
        if p.at(TokenKind::Star) || p.at(TokenKind::DoubleStar) {
            let s = p.start();
            p.bump();
            expr::expression(p)?;
            s.complete(p, NodeKind::Starred);
        } else {
            expr::expression(p)?;
        }
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    p.expect(TokenKind::RPar)?;
    args.complete(p, NodeKind::Tuple);
    p.expect(TokenKind::RArrow)?;
    expr::expression(p)?;
    while p.eat(TokenKind::Newline) {}
    p.expect(TokenKind::EndMarker)?;
    m.complete(p, NodeKind::Module);
    Ok(())
}

/// `statement: compound_stmt | simple_stmts`
pub(crate) fn statement(p: &mut Parser<'_>) -> PResult {
    p.nested(statement_inner)
}

fn statement_inner(p: &mut Parser<'_>) -> PResult {
    match p.current() {
        TokenKind::Name => match p.nth_keyword(0) {
            Kw::Def | Kw::Class | Kw::If | Kw::While | Kw::For | Kw::Try | Kw::With => {
                compound::compound(p)
            }
            Kw::Async if matches!(p.nth_keyword(1), Kw::Def | Kw::For | Kw::With) => {
                compound::compound(p)
            }
            Kw::Match => match p.speculate(compound::match_stmt)? {
                Some(()) => Ok(()),
                None => simple::simple_statements(p),
            },
            _ => simple::simple_statements(p),
        },
        TokenKind::At => compound::compound(p),
        TokenKind::Indent | TokenKind::Dedent | TokenKind::ErrorToken => Err(p.invalid_syntax()),
        _ => simple::simple_statements(p),
    }
}

/// `block: NEWLINE INDENT statements DEDENT | simple_stmts`
///
/// `what` names the statement for CPython's "expected an indented block
/// after {what} on line {line}".
pub(crate) fn block(p: &mut Parser<'_>, what: &str, line_of: crate::TextRange) -> PResult {
    let m = p.start();
    if p.at(TokenKind::Newline) {
        p.bump();
        if !p.at(TokenKind::Indent) {
            let line = line_number(p, line_of);
            let range = p.nth_range(0);
            let message = format!("expected an indented block after {what} on line {line}");
            if p.at(TokenKind::ErrorToken) {
                return Err(p.invalid_syntax());
            }
            return Err(p.indentation_error_at(range, message));
        }
        p.bump();
        while !p.at(TokenKind::Dedent) && !p.at(TokenKind::EndMarker) {
            statement(p)?;
        }
        p.expect(TokenKind::Dedent)?;
    } else {
        simple::simple_statements(p)?;
    }
    m.complete(p, NodeKind::Block);
    Ok(())
}

/// The 1-based line of a byte offset.
pub(crate) fn line_number(p: &Parser<'_>, range: crate::TextRange) -> usize {
    let text = p.text();
    let before = &text.as_bytes()[..range.start as usize];
    1 + before.iter().filter(|&&b| b == b'\n').count()
        + before
            .windows(2)
            .filter(|w| w[0] == b'\r' && w[1] != b'\n')
            .count()
        + usize::from(before.last() == Some(&b'\r'))
}
