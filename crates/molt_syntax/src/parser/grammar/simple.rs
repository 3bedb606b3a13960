//! Simple statements: `simple_stmts: simple_stmt (';' simple_stmt)* [';'] NEWLINE`.

use super::expr::{self, Expr};
use super::params;
use crate::parser::targets::{self, Targets};
use crate::parser::{Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

pub(crate) fn simple_statements(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    loop {
        let first = simple_statement(p)?;
        if p.eat(TokenKind::Semi) {
            if p.at(TokenKind::Newline) {
                break;
            }
            continue;
        }
        if !p.at(TokenKind::Newline) {
            return Err(legacy_print(p, first));
        }
        break;
    }
    p.bump();
    m.complete(p, NodeKind::SimpleStatements);
    Ok(())
}

/// `print "x"`: CPython's "Missing parentheses in call to 'print'".
fn legacy_print(p: &mut Parser<'_>, statement: Option<Expr>) -> crate::parser::Fail {
    if let Some(expr) = statement
        && expr.node.kind() == NodeKind::Name
        && matches!(p.text_of(&expr), "print" | "exec")
        && !p.at(TokenKind::LPar)
    {
        let name = p.text_of(&expr).to_string();
        let start = p.range_of(&expr);
        if let Some(end) = p.attempt(|p| expr::star_expressions(p).map(|e| p.range_of(&e))) {
            let range = crate::TextRange::new(start.start, end.end);
            return p.error_at(
                range,
                format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
            );
        }
    }
    p.invalid_syntax()
}

/// One simple statement; returns the expression of an expression
/// statement (for the error above).
fn simple_statement(p: &mut Parser<'_>) -> PResult<Option<Expr>> {
    if p.at(TokenKind::Name) {
        let kw = p.nth_keyword(0);
        let kind = match kw {
            Kw::Pass => Some(NodeKind::Pass),
            Kw::Break => Some(NodeKind::Break),
            Kw::Continue => Some(NodeKind::Continue),
            _ => None,
        };
        if let Some(kind) = kind {
            let m = p.start();
            p.bump();
            m.complete(p, kind);
            return Ok(None);
        }
        match kw {
            Kw::Return => {
                let m = p.start();
                p.bump();
                if !at_statement_end(p) {
                    expr::star_expressions(p)?;
                }
                m.complete(p, NodeKind::Return);
                return Ok(None);
            }
            Kw::Raise => {
                let m = p.start();
                p.bump();
                if !at_statement_end(p) {
                    expr::expression(p)?;
                    if p.eat_kw(Kw::From) {
                        expr::expression(p)?;
                    }
                }
                m.complete(p, NodeKind::Raise);
                return Ok(None);
            }
            Kw::Global | Kw::Nonlocal => {
                let m = p.start();
                let kind = if kw == Kw::Global {
                    NodeKind::Global
                } else {
                    NodeKind::Nonlocal
                };
                p.bump();
                loop {
                    expect_name(p)?;
                    if !p.eat(TokenKind::Comma) {
                        break;
                    }
                }
                m.complete(p, kind);
                return Ok(None);
            }
            Kw::Del => {
                let m = p.start();
                p.bump();
                let targets = expr::target_list(p)?;
                if !at_statement_end(p) {
                    return Err(p.invalid_syntax());
                }
                targets::check(p, &targets, Targets::Del)?;
                m.complete(p, NodeKind::Del);
                return Ok(None);
            }
            Kw::Assert => {
                let m = p.start();
                p.bump();
                expr::expression(p)?;
                if p.eat(TokenKind::Comma) {
                    expr::expression(p)?;
                }
                m.complete(p, NodeKind::Assert);
                return Ok(None);
            }
            Kw::Import => {
                import(p)?;
                return Ok(None);
            }
            Kw::From => {
                import_from(p)?;
                return Ok(None);
            }
            Kw::Type
                if p.nth_is_name(1) && matches!(p.nth(2), TokenKind::Equal | TokenKind::LSqb) =>
            {
                let m = p.start();
                p.bump();
                name_node(p)?;
                if p.at(TokenKind::LSqb) {
                    params::type_params(p)?;
                }
                p.expect(TokenKind::Equal)?;
                expr::expression(p)?;
                m.complete(p, NodeKind::TypeAlias);
                return Ok(None);
            }
            _ => {}
        }
    }
    expression_or_assignment(p)
}

pub(crate) fn at_statement_end(p: &mut Parser<'_>) -> bool {
    matches!(
        p.current(),
        TokenKind::Newline | TokenKind::Semi | TokenKind::EndMarker
    )
}

/// A NAME (not a keyword) as a `Name` node.
pub(crate) fn name_node(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    expect_name(p)?;
    m.complete(p, NodeKind::Name);
    Ok(())
}

pub(crate) fn expect_name(p: &mut Parser<'_>) -> PResult {
    if p.at_name() {
        p.bump();
        Ok(())
    } else {
        Err(p.invalid_syntax())
    }
}

/// Expression statements and the three kinds of assignment.
fn expression_or_assignment(p: &mut Parser<'_>) -> PResult<Option<Expr>> {
    let m = p.start();
    let first = if p.at_kw(Kw::Yield) {
        expr::yield_expr(p)?
    } else {
        expr::star_expressions(p)?
    };
    match p.current() {
        TokenKind::Colon => {
            targets::check_annotated(p, &first)?;
            p.bump();
            expr::expression(p)?;
            if p.eat(TokenKind::Equal) {
                right_hand_side(p)?;
            }
            m.complete(p, NodeKind::AnnAssign);
            Ok(None)
        }
        TokenKind::Equal => {
            targets::check_first_assignment(p, &first)?;
            while p.eat(TokenKind::Equal) {
                let value = right_hand_side(p)?;
                if p.at(TokenKind::Equal) {
                    targets::check(p, &value, Targets::Assign)?;
                }
            }
            m.complete(p, NodeKind::Assign);
            Ok(None)
        }
        kind if is_augmented(kind) => {
            targets::check_augmented(p, &first)?;
            p.bump();
            right_hand_side(p)?;
            m.complete(p, NodeKind::AugAssign);
            Ok(None)
        }
        _ => {
            m.complete(p, NodeKind::ExprStmt);
            Ok(Some(first))
        }
    }
}

/// `yield_expr | star_expressions`
fn right_hand_side(p: &mut Parser<'_>) -> PResult<Expr> {
    if p.at_kw(Kw::Yield) {
        expr::yield_expr(p)
    } else {
        expr::star_expressions(p)
    }
}

fn is_augmented(kind: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        kind,
        PlusEqual
            | MinEqual
            | StarEqual
            | SlashEqual
            | PercentEqual
            | AmperEqual
            | VBarEqual
            | CircumflexEqual
            | LeftShiftEqual
            | RightShiftEqual
            | DoubleStarEqual
            | DoubleSlashEqual
            | AtEqual
    )
}

/// `import_name: 'import' dotted_as_names`
fn import(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    p.bump();
    if at_statement_end(p) {
        return Err(p.error_here("Expected one or more names after 'import'"));
    }
    loop {
        let alias = p.start();
        dotted_name(p)?;
        if p.eat_kw(Kw::As) {
            name_node(p)?;
        }
        alias.complete(p, NodeKind::Alias);
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    m.complete(p, NodeKind::Import);
    Ok(())
}

/// `import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
///            | 'from' ('.' | '...')+ 'import' import_from_targets`
fn import_from(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    p.bump();
    let mut dots = false;
    while p.at(TokenKind::Dot) || p.at(TokenKind::Ellipsis) {
        p.bump();
        dots = true;
    }
    if !dots || !p.at_kw(Kw::Import) {
        dotted_name(p)?;
    }
    p.expect_kw(Kw::Import)?;
    if at_statement_end(p) {
        return Err(p.error_here("Expected one or more names after 'import'"));
    }
    let names = p.start();
    if p.eat(TokenKind::Star) {
    } else {
        let parenthesized = p.eat(TokenKind::LPar);
        loop {
            let alias = p.start();
            name_node(p)?;
            if p.eat_kw(Kw::As) {
                name_node(p)?;
            }
            alias.complete(p, NodeKind::Alias);
            if !p.eat(TokenKind::Comma) {
                break;
            }
            if parenthesized && p.at(TokenKind::RPar) {
                break;
            }
            if !parenthesized && at_statement_end(p) {
                return Err(
                    p.error_here("trailing comma not allowed without surrounding parentheses")
                );
            }
        }
        if parenthesized {
            p.expect(TokenKind::RPar)?;
        }
    }
    names.complete(p, NodeKind::ImportNames);
    m.complete(p, NodeKind::ImportFrom);
    Ok(())
}

/// `dotted_name: dotted_name '.' NAME | NAME`
pub(crate) fn dotted_name(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    expect_name(p)?;
    while p.at(TokenKind::Dot) {
        p.bump();
        expect_name(p)?;
    }
    m.complete(p, NodeKind::DottedName);
    Ok(())
}
