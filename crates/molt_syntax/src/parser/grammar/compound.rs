//! Compound statements: `if`, `while`, `for`, `try`, `with`, `def`,
//! `class`, decorators, `async`, and `match` (with `patterns.rs`).

use super::expr::{self, expression, named_expression};
use super::simple::name_node;
use super::{block, params, patterns};
use crate::TextRange;
use crate::parser::targets::{self, Targets};
use crate::parser::{Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

pub(crate) fn compound(p: &mut Parser<'_>) -> PResult {
    if p.at(TokenKind::At) {
        return decorated(p);
    }
    match p.nth_keyword(0) {
        Kw::If => if_stmt(p),
        Kw::While => while_stmt(p),
        Kw::For => for_stmt(p, None),
        Kw::Try => try_stmt(p),
        Kw::With => with_stmt(p, None),
        Kw::Def => function_def(p, None),
        Kw::Class => class_def(p, None),
        Kw::Async => {
            let m = p.start();
            let at = p.nth_range(0);
            p.bump();
            match p.nth_keyword(0) {
                Kw::Def => function_def(p, Some((m, at))),
                Kw::For => for_stmt(p, Some((m, at))),
                _ => with_stmt(p, Some((m, at))),
            }
        }
        _ => Err(p.invalid_syntax()),
    }
}

type Opened = Option<(crate::parser::Marker, TextRange)>;

/// The statement's marker: the one `async` opened, or a new one.
fn open(p: &mut Parser<'_>, opened: Opened) -> (crate::parser::Marker, TextRange) {
    match opened {
        Some(opened) => opened,
        None => {
            let at = p.nth_range(0);
            (p.start(), at)
        }
    }
}

/// `':'`, or CPython's "expected ':'".
/// The `:` of `if`, `elif`, `while`, `for`, `with`, `except`, `class`
/// and `case`: CPython says "expected ':'" only when the line ends there.
fn colon(p: &mut Parser<'_>) -> PResult {
    if p.eat(TokenKind::Colon) {
        return Ok(());
    }
    if p.at(TokenKind::Newline) {
        Err(p.error_at_furthest("expected ':'"))
    } else {
        Err(p.invalid_syntax())
    }
}

/// The `:` of `def`, `try`, `finally` and `else`, which CPython's grammar
/// forces (`&&':'`): "expected ':'" whatever comes instead.
fn forced_colon(p: &mut Parser<'_>) -> PResult {
    p.expect_or(TokenKind::Colon, "expected ':'")
}

fn if_stmt(p: &mut Parser<'_>) -> PResult {
    let (m, at) = open(p, None);
    p.bump();
    named_expression(p)?;
    colon(p)?;
    block(p, "'if' statement", at)?;
    while p.at_kw(Kw::Elif) {
        let e = p.start();
        let at = p.nth_range(0);
        p.bump();
        named_expression(p)?;
        colon(p)?;
        block(p, "'elif' statement", at)?;
        e.complete(p, NodeKind::Elif);
    }
    else_clause(p)?;
    m.complete(p, NodeKind::If);
    Ok(())
}

fn else_clause(p: &mut Parser<'_>) -> PResult {
    if p.at_kw(Kw::Else) {
        let e = p.start();
        let at = p.nth_range(0);
        p.bump();
        forced_colon(p)?;
        block(p, "'else' statement", at)?;
        e.complete(p, NodeKind::Else);
    }
    Ok(())
}

fn while_stmt(p: &mut Parser<'_>) -> PResult {
    let (m, at) = open(p, None);
    p.bump();
    named_expression(p)?;
    colon(p)?;
    block(p, "'while' statement", at)?;
    else_clause(p)?;
    m.complete(p, NodeKind::While);
    Ok(())
}

/// `for_stmt: ['async'] 'for' star_targets 'in' ~ star_expressions ':' block [else_block]`
fn for_stmt(p: &mut Parser<'_>, opened: Opened) -> PResult {
    let (m, at) = open(p, opened);
    p.bump();
    let targets = expr::target_list(p)?;
    targets::check(p, &targets, Targets::For)?;
    p.expect_kw(Kw::In)?;
    expr::star_expressions(p)?;
    colon(p)?;
    block(p, "'for' statement", at)?;
    else_clause(p)?;
    m.complete(p, NodeKind::For);
    Ok(())
}

/// `try_stmt: 'try' ':' block (finally_block | except_block+ [else] [finally] | except_star_block+ ...)`
fn try_stmt(p: &mut Parser<'_>) -> PResult {
    let (m, at) = open(p, None);
    p.bump();
    forced_colon(p)?;
    block(p, "'try' statement", at)?;
    let mut handlers = 0;
    let mut star_kinds = (false, false);
    while p.at_kw(Kw::Except) {
        let h = p.start();
        let at = p.nth_range(0);
        p.bump();
        let star = p.eat(TokenKind::Star);
        if star {
            star_kinds.0 = true
        } else {
            star_kinds.1 = true
        }
        if star_kinds.0 && star_kinds.1 {
            return Err(p.error_at(
                at,
                "cannot have both 'except' and 'except*' on the same 'try'",
            ));
        }
        if !p.at(TokenKind::Colon) {
            // PEP 758 (3.14): `except A, B:` needs no parentheses without `as`.
            let types = expr::star_expressions(p)?;
            if p.eat_kw(Kw::As) {
                if types.kind() == NodeKind::Tuple && !p.text_of(&types).starts_with('(') {
                    let range = p.range_of(&types);
                    return Err(p.error_at(
                        range,
                        "multiple exception types must be parenthesized when using 'as'",
                    ));
                }
                name_node(p)?;
            }
        } else if star {
            return Err(p.error_here("expected one or more exception types"));
        }
        colon(p)?;
        let what = if star {
            "'except*' statement"
        } else {
            "'except' statement"
        };
        block(p, what, at)?;
        h.complete(p, NodeKind::ExceptHandler);
        handlers += 1;
    }
    if handlers > 0 {
        else_clause(p)?;
    }
    if p.at_kw(Kw::Finally) {
        let f = p.start();
        let at = p.nth_range(0);
        p.bump();
        forced_colon(p)?;
        block(p, "'finally' statement", at)?;
        f.complete(p, NodeKind::Finally);
    } else if handlers == 0 {
        return Err(p.error_at_furthest("expected 'except' or 'finally' block"));
    }
    m.complete(p, NodeKind::Try);
    Ok(())
}

/// `with_stmt: ['async'] 'with' ('(' ','.with_item+ ','? ')' | ','.with_item+) ':' block`
fn with_stmt(p: &mut Parser<'_>, opened: Opened) -> PResult {
    let (m, at) = open(p, opened);
    p.bump();
    let parenthesized = p.at(TokenKind::LPar)
        && p.attempt(|p| {
            p.bump();
            loop {
                with_item(p)?;
                if !p.eat(TokenKind::Comma) || p.at(TokenKind::RPar) {
                    break;
                }
            }
            p.expect(TokenKind::RPar)?;
            if p.at(TokenKind::Colon) {
                Ok(())
            } else {
                Err(crate::parser::Fail)
            }
        })
        .is_some();
    if !parenthesized {
        loop {
            with_item(p)?;
            if !p.eat(TokenKind::Comma) {
                break;
            }
        }
    }
    colon(p)?;
    block(p, "'with' statement", at)?;
    m.complete(p, NodeKind::With);
    Ok(())
}

/// `with_item: expression 'as' star_target &(',' | ')' | ':') | expression`
fn with_item(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    expression(p)?;
    if p.eat_kw(Kw::As) {
        let target = if p.at(TokenKind::Star) {
            expr::starred(p, expr::bitwise_or)?
        } else {
            expr::bitwise_or(p)?
        };
        targets::check(p, &target, Targets::Assign)?;
        if !matches!(
            p.current(),
            TokenKind::Comma | TokenKind::RPar | TokenKind::Colon
        ) {
            return Err(p.invalid_syntax());
        }
    }
    m.complete(p, NodeKind::WithItem);
    Ok(())
}

fn decorated(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    let at = p.nth_range(0);
    while p.at(TokenKind::At) {
        let d = p.start();
        p.bump();
        named_expression(p)?;
        p.expect(TokenKind::Newline)?;
        d.complete(p, NodeKind::Decorator);
    }
    let opened = Some((m, at));
    match p.nth_keyword(0) {
        Kw::Def => function_def(p, opened),
        Kw::Class => class_def(p, opened),
        Kw::Async if p.nth_kw(1, Kw::Def) => {
            p.bump();
            function_def(p, opened)
        }
        _ => Err(p.invalid_syntax()),
    }
}

/// `function_def_raw: ['async'] 'def' NAME [type_params] '(' [params] ')' ['->' expression] ':' block`
fn function_def(p: &mut Parser<'_>, opened: Opened) -> PResult {
    let (m, _) = open(p, opened);
    let at = p.nth_range(0);
    p.expect_kw(Kw::Def)?;
    name_node(p)?;
    if p.at(TokenKind::LSqb) {
        params::type_params(p)?;
    }
    if !p.at(TokenKind::LPar) {
        return Err(p.error_here("expected '('"));
    }
    p.bump();
    params::parameters(p, true)?;
    p.expect(TokenKind::RPar)?;
    if p.eat(TokenKind::RArrow) {
        expression(p)?;
    }
    forced_colon(p)?;
    block(p, "function definition", at)?;
    m.complete(p, NodeKind::FunctionDef);
    Ok(())
}

/// `class_def_raw: 'class' NAME [type_params] ['(' [arguments] ')'] ':' block`
fn class_def(p: &mut Parser<'_>, opened: Opened) -> PResult {
    let (m, _) = open(p, opened);
    let at = p.nth_range(0);
    p.bump();
    name_node(p)?;
    if p.at(TokenKind::LSqb) {
        params::type_params(p)?;
    }
    if p.at(TokenKind::LPar) {
        expr::class_arguments(p)?;
    }
    colon(p)?;
    block(p, "class definition", at)?;
    m.complete(p, NodeKind::ClassDef);
    Ok(())
}

/// `match_stmt: "match" subject_expr ':' NEWLINE INDENT case_block+ DEDENT`
///
/// Tried speculatively: `match` is also an ordinary name.
pub(crate) fn match_stmt(p: &mut Parser<'_>) -> PResult {
    let (m, at) = open(p, None);
    p.bump();
    // subject_expr: star_named_expression ',' star_named_expressions? | named_expression
    expr::star_named_expressions(p)?;
    p.expect(TokenKind::Colon)?;
    p.expect(TokenKind::Newline)?;
    if !p.at(TokenKind::Indent) {
        let line = super::line_number(p, at);
        let range = p.nth_range(0);
        let message = format!("expected an indented block after 'match' statement on line {line}");
        p.commit();
        return Err(p.indentation_error_at(range, message));
    }
    p.commit();
    p.bump();
    loop {
        if !p.at_kw(Kw::Case) {
            return Err(p.invalid_syntax());
        }
        case_block(p)?;
        if p.at(TokenKind::Dedent) {
            break;
        }
    }
    p.bump();
    m.complete(p, NodeKind::Match);
    Ok(())
}

/// `case_block: "case" patterns guard? ':' block`
fn case_block(p: &mut Parser<'_>) -> PResult {
    let m = p.start();
    let at = p.nth_range(0);
    p.bump();
    patterns::patterns(p)?;
    if p.eat_kw(Kw::If) {
        named_expression(p)?;
    }
    colon(p)?;
    block(p, "'case' statement", at)?;
    m.complete(p, NodeKind::Case);
    Ok(())
}
