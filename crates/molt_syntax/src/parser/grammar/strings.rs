//! String literals: implicit concatenation, f-strings (PEP 701) and
//! t-strings (PEP 750) with their replacement fields and format specs.

use super::expr::{self, Expr};
use crate::parser::{Completed, Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

/// `strings: (fstring | tstring | string)+`: one piece is its own node;
/// several are wrapped in a `Strings` node.
pub(crate) fn strings(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let mut seen = Seen::default();
    let first = piece(p, &mut seen)?;
    if !at_piece(p) {
        return Ok(p.expr(first, start));
    }
    let m = first.precede(p);
    while at_piece(p) {
        piece(p, &mut seen)?;
    }
    if seen.bytes && (seen.text || seen.template) {
        p.current();
        return Err(p.error_at_furthest("cannot mix bytes and nonbytes literals"));
    }
    if seen.template && (seen.text || seen.bytes) {
        let range = p.span(start, p.position());
        return Err(p.error_at(
            range,
            "cannot mix t-string literals with string or bytes literals",
        ));
    }
    let node = m.complete(p, NodeKind::Strings);
    Ok(p.expr(node, start))
}

/// Which kinds of literal a concatenation has.
#[derive(Default)]
struct Seen {
    bytes: bool,
    text: bool,
    template: bool,
}

fn at_piece(p: &mut Parser<'_>) -> bool {
    matches!(
        p.current(),
        TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart
    )
}

fn piece(p: &mut Parser<'_>, seen: &mut Seen) -> PResult<Completed> {
    match p.current() {
        TokenKind::String => {
            let prefix = p
                .nth_text(0)
                .bytes()
                .take_while(|b| b.is_ascii_alphabetic());
            let is_bytes = prefix.clone().any(|b| b | 0x20 == b'b');
            seen.bytes |= is_bytes;
            seen.text |= !is_bytes;
            let m = p.start();
            p.bump();
            Ok(m.complete(p, NodeKind::String))
        }
        TokenKind::FStringStart => {
            seen.text = true;
            fstring(
                p,
                TokenKind::FStringMiddle,
                TokenKind::FStringEnd,
                NodeKind::FString,
            )
        }
        _ => {
            seen.template = true;
            fstring(
                p,
                TokenKind::TStringMiddle,
                TokenKind::TStringEnd,
                NodeKind::TString,
            )
        }
    }
}

/// `fstring: FSTRING_START fstring_middle* FSTRING_END` (and t-strings).
fn fstring(
    p: &mut Parser<'_>,
    middle: TokenKind,
    end: TokenKind,
    kind: NodeKind,
) -> PResult<Completed> {
    let m = p.start();
    let what = if kind == NodeKind::TString {
        "t-string"
    } else {
        "f-string"
    };
    p.bump();
    loop {
        match p.current() {
            k if k == middle => p.bump(),
            TokenKind::LBrace => interpolation(p, middle, what)?,
            k if k == end => {
                p.bump();
                break;
            }
            _ => return Err(p.invalid_syntax()),
        }
    }
    Ok(m.complete(p, kind))
}

/// `'{' (yield_expr | star_expressions) ['='] [conversion] [format_spec] '}'`
fn interpolation(p: &mut Parser<'_>, middle: TokenKind, what: &str) -> PResult {
    let m = p.start();
    p.bump();
    if p.at(TokenKind::RBrace)
        || p.at(TokenKind::Exclamation)
        || p.at(TokenKind::Colon)
        || p.at(TokenKind::Equal)
    {
        let c = p.nth_text(0).to_string();
        return Err(p.error_here(format!("{what}: valid expression required before '{c}'")));
    }
    if p.at_kw(Kw::Lambda) {
        return Err(p.error_here(format!(
            "{what}: lambda expressions are not allowed without parentheses"
        )));
    }
    if p.at_kw(Kw::Yield) {
        expr::yield_expr(p)?;
    } else {
        expr::star_expressions(p)?;
    }
    p.eat(TokenKind::Equal);
    if p.at(TokenKind::Exclamation) {
        let c = p.start();
        p.bump();
        if !p.at(TokenKind::Name) {
            return Err(p.error_here(format!("{what}: missing conversion character")));
        }
        let name = p.nth_text(0);
        if !matches!(name, "s" | "r" | "a") {
            let message =
                format!("{what}: invalid conversion character '{name}': expected 's', 'r', or 'a'");
            return Err(p.error_here(message));
        }
        p.bump();
        c.complete(p, NodeKind::Conversion);
        if !matches!(
            p.current(),
            TokenKind::Colon | TokenKind::RBrace | TokenKind::ErrorToken
        ) {
            return Err(p.error_here(format!("{what}: expecting ':' or '}}'")));
        }
    }

    if p.at(TokenKind::Colon) {
        let spec = p.start();
        p.bump();
        loop {
            match p.current() {
                k if k == middle => p.bump(),
                TokenKind::LBrace => interpolation(p, middle, what)?,
                _ => break,
            }
        }
        spec.complete(p, NodeKind::FormatSpec);
    }
    if !p.eat(TokenKind::RBrace) {
        if p.at(TokenKind::ErrorToken) {
            return Err(p.invalid_syntax());
        }
        return Err(p.error_here(format!("{what}: expecting '}}'")));
    }
    m.complete(p, NodeKind::Interpolation);
    Ok(())
}
