//! Patterns of `case` clauses (PEP 634).

use super::strings;
use crate::parser::{Completed, Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

/// `patterns: open_sequence_pattern | pattern`
pub(crate) fn patterns(p: &mut Parser<'_>) -> PResult {
    let first = maybe_star(p)?;
    if p.at(TokenKind::Comma) {
        let m = first.precede(p);
        while p.eat(TokenKind::Comma) {
            if p.at(TokenKind::Colon) || p.at_kw(Kw::If) {
                break;
            }
            maybe_star(p)?;
        }
        m.complete(p, NodeKind::MatchSequence);
    }
    Ok(())
}

fn maybe_star(p: &mut Parser<'_>) -> PResult<Completed> {
    if !p.at(TokenKind::Star) {
        return pattern(p);
    }
    let m = p.start();
    p.bump();
    if !p.at_name() {
        return Err(p.invalid_syntax());
    }
    p.bump();
    Ok(m.complete(p, NodeKind::MatchStar))
}

/// `pattern: or_pattern ['as' pattern_capture_target]`
fn pattern(p: &mut Parser<'_>) -> PResult<Completed> {
    let first = or_pattern(p)?;
    if !p.at_kw(Kw::As) {
        return Ok(first);
    }
    let m = first.precede(p);
    p.bump();
    if p.at_kw(Kw::Underscore) {
        return Err(p.error_here("cannot use '_' as a target"));
    }
    if !p.at_name() {
        return Err(p.error_here("invalid pattern target"));
    }
    p.bump();
    Ok(m.complete(p, NodeKind::MatchAs))
}

/// `or_pattern: '|'.closed_pattern+`
fn or_pattern(p: &mut Parser<'_>) -> PResult<Completed> {
    let first = closed(p)?;
    if !p.at(TokenKind::VBar) {
        return Ok(first);
    }
    let m = first.precede(p);
    while p.eat(TokenKind::VBar) {
        closed(p)?;
    }
    Ok(m.complete(p, NodeKind::MatchOr))
}

fn closed(p: &mut Parser<'_>) -> PResult<Completed> {
    p.nested(closed_inner)
}

fn closed_inner(p: &mut Parser<'_>) -> PResult<Completed> {
    match p.current() {
        TokenKind::Number | TokenKind::Minus => number(p),
        TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart => {
            let value = strings::strings(p)?;
            let m = value.node.precede(p);
            Ok(m.complete(p, NodeKind::MatchValue))
        }
        TokenKind::LPar => group_or_sequence(p),
        TokenKind::LSqb => sequence(p),
        TokenKind::LBrace => mapping(p),
        TokenKind::Name => match p.nth_keyword(0) {
            Kw::None | Kw::True | Kw::False => {
                let m = p.start();
                p.bump();
                Ok(m.complete(p, NodeKind::MatchSingleton))
            }
            Kw::Underscore if !matches!(p.nth(1), TokenKind::Dot | TokenKind::LPar) => {
                let m = p.start();
                p.bump();
                Ok(m.complete(p, NodeKind::MatchWildcard))
            }
            _ if p.at_name() => name_pattern(p),
            _ => Err(p.invalid_syntax()),
        },
        _ => Err(p.invalid_syntax()),
    }
}

/// `signed_number | complex_number`: `-1`, `1.5`, `1 + 2j`, `-1 - 2j`.
fn number(p: &mut Parser<'_>) -> PResult<Completed> {
    let m = p.start();
    let value = p.start();
    signed(p)?;
    let mut node = value.complete(p, NodeKind::Number);
    if matches!(p.current(), TokenKind::Plus | TokenKind::Minus) {
        let real = p.previous_range();
        if is_imaginary(p.text(), real) {
            return Err(p.error_at(real, "real number required in complex literal"));
        }
        let b = node.precede(p);
        p.bump();
        if !p.at(TokenKind::Number) {
            return Err(p.invalid_syntax());
        }
        let imaginary = p.nth_range(0);
        if !is_imaginary(p.text(), imaginary) {
            return Err(p.error_at(imaginary, "imaginary number required in complex literal"));
        }
        let imaginary = p.start();
        p.bump();
        imaginary.complete(p, NodeKind::Number);
        node = b.complete(p, NodeKind::Binary);
    }
    let _ = node;
    Ok(m.complete(p, NodeKind::MatchValue))
}

fn is_imaginary(text: &str, number: crate::TextRange) -> bool {
    text[number.as_usize()].ends_with(['j', 'J'])
}

fn signed(p: &mut Parser<'_>) -> PResult {
    p.eat(TokenKind::Minus);
    if !p.at(TokenKind::Number) {
        return Err(p.invalid_syntax());
    }
    p.bump();
    Ok(())
}

/// A capture, a dotted value, or a class pattern.
fn name_pattern(p: &mut Parser<'_>) -> PResult<Completed> {
    let m = p.start();
    let name = p.start();
    p.bump();
    let mut value = name.complete(p, NodeKind::Name);
    let mut dotted = false;
    while p.at(TokenKind::Dot) {
        let a = value.precede(p);
        p.bump();
        if !p.at_name() {
            return Err(p.invalid_syntax());
        }
        p.bump();
        value = a.complete(p, NodeKind::Attribute);
        dotted = true;
    }
    if p.at(TokenKind::LPar) {
        class_arguments(p)?;
        return Ok(m.complete(p, NodeKind::MatchClass));
    }
    Ok(m.complete(
        p,
        if dotted {
            NodeKind::MatchValue
        } else {
            NodeKind::MatchCapture
        },
    ))
}

/// `'(' [pattern_arguments ','?] ')'`
fn class_arguments(p: &mut Parser<'_>) -> PResult {
    p.bump();
    let mut keywords = false;
    while !p.at(TokenKind::RPar) {
        if p.at_name() && p.nth_at(1, TokenKind::Equal) {
            let k = p.start();
            p.bump();
            p.bump();
            pattern(p)?;
            k.complete(p, NodeKind::MatchKeyword);
            keywords = true;
        } else {
            let start = p.nth_range(0);
            pattern(p)?;
            if keywords {
                let range = crate::TextRange::new(start.start, p.previous_range().end);
                return Err(p.error_at(range, "positional patterns follow keyword patterns"));
            }
        }
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    p.expect(TokenKind::RPar)
}

/// `'(' pattern ')'` or a parenthesized sequence.
fn group_or_sequence(p: &mut Parser<'_>) -> PResult<Completed> {
    let m = p.start();
    p.bump();
    if p.eat(TokenKind::RPar) {
        return Ok(m.complete(p, NodeKind::MatchSequence));
    }
    let first_is_star = p.at(TokenKind::Star);
    maybe_star(p)?;
    if p.eat(TokenKind::RPar) {
        let kind = if first_is_star {
            NodeKind::MatchSequence
        } else {
            NodeKind::MatchGroup
        };
        return Ok(m.complete(p, kind));
    }
    while p.eat(TokenKind::Comma) {
        if p.at(TokenKind::RPar) {
            break;
        }
        maybe_star(p)?;
    }
    p.expect(TokenKind::RPar)?;
    Ok(m.complete(p, NodeKind::MatchSequence))
}

fn sequence(p: &mut Parser<'_>) -> PResult<Completed> {
    let m = p.start();
    p.bump();
    while !p.at(TokenKind::RSqb) {
        maybe_star(p)?;
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    p.expect(TokenKind::RSqb)?;
    Ok(m.complete(p, NodeKind::MatchSequence))
}

/// `'{' [items] [',' '**' NAME] [','] '}'`
fn mapping(p: &mut Parser<'_>) -> PResult<Completed> {
    let m = p.start();
    p.bump();
    while !p.at(TokenKind::RBrace) {
        let item = p.start();
        if p.eat(TokenKind::DoubleStar) {
            if !p.at_name() {
                return Err(p.invalid_syntax());
            }
            p.bump();
            // `**rest` comes last.
            if p.at(TokenKind::Comma) && !p.nth_at(1, TokenKind::RBrace) {
                p.nth(1);
                return Err(p.invalid_syntax());
            }
        } else {
            match p.current() {
                TokenKind::Number | TokenKind::Minus => {
                    number(p)?;
                }
                TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart => {
                    strings::strings(p)?;
                }
                TokenKind::Name if matches!(p.nth_keyword(0), Kw::None | Kw::True | Kw::False) => {
                    p.bump()
                }
                TokenKind::Name if p.at_name() && p.nth_at(1, TokenKind::Dot) => {
                    name_pattern(p)?;
                }
                _ => return Err(p.invalid_syntax()),
            }
            p.expect(TokenKind::Colon)?;
            pattern(p)?;
        }
        item.complete(p, NodeKind::MatchMappingItem);
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    p.expect(TokenKind::RBrace)?;
    Ok(m.complete(p, NodeKind::MatchMapping))
}
