//! What may be assigned to, deleted or annotated, with CPython's messages
//! for what may not (`_PyPegen_get_invalid_target`,
//! `_PyPegen_get_expr_name` and the `invalid_assignment` rules).

use super::grammar::Expr;
use super::{PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Targets {
    Assign,
    For,
    Del,
}

/// How CPython names an expression in its messages.
pub(crate) fn expr_name(p: &Parser<'_>, e: &Expr) -> &'static str {
    use NodeKind::*;
    match e.kind() {
        Paren => e
            .items
            .first()
            .map_or("expression", |inner| expr_name(p, inner)),
        Attribute => "attribute",
        Subscript => "subscript",
        Starred => "starred",
        Name => "name",
        List => "list",
        Tuple => "tuple",
        Lambda => "lambda",
        Call => "function call",
        BoolOp | Binary | Unary => "expression",
        Generator => "generator expression",
        Yield | YieldFrom => "yield expression",
        Await => "await expression",
        ListComp => "list comprehension",
        SetComp => "set comprehension",
        DictComp => "dict comprehension",
        Dict => "dict literal",
        Set => "set display",
        Compare => "comparison",
        IfExp => "conditional expression",
        NamedExpr => "named expression",
        Ellipsis => "ellipsis",
        Constant => match p.text_of(e) {
            "None" => "None",
            "True" => "True",
            "False" => "False",
            _ => "literal",
        },
        FString => "f-string expression",
        TString => "t-string expression",
        Strings if p.text_of(e).contains(['{']) && has_fstring(p, e) => "f-string expression",
        _ => "literal",
    }
}

fn has_fstring(p: &Parser<'_>, e: &Expr) -> bool {
    let text = p.text_of(e);
    text.split(['"', '\''])
        .any(|part| part.ends_with(['f', 'F']) || part.ends_with("rf") || part.ends_with("fr"))
}

/// The part of `e` that cannot be a target, if any.
fn invalid(e: &Expr, targets: Targets) -> Option<&Expr> {
    match e.kind() {
        NodeKind::List | NodeKind::Tuple => e.items.iter().find_map(|item| invalid(item, targets)),
        NodeKind::Paren => e.items.first().and_then(|inner| invalid(inner, targets)),
        NodeKind::Starred if targets == Targets::Del => Some(e),
        NodeKind::Starred => e.items.first().and_then(|inner| invalid(inner, targets)),
        NodeKind::Name | NodeKind::Attribute | NodeKind::Subscript => None,
        _ => Some(e),
    }
}

/// Check assignment, `for` or `del` targets.
pub(crate) fn check(p: &mut Parser<'_>, e: &Expr, targets: Targets) -> PResult {
    if matches!(e.kind(), NodeKind::Yield | NodeKind::YieldFrom) && targets != Targets::Del {
        let range = p.range_of(e);
        return Err(p.error_at(range, "assignment to yield expression not possible"));
    }
    match invalid(e, targets) {
        None => Ok(()),
        Some(bad) => {
            let what = expr_name(p, bad);
            let verb = if targets == Targets::Del {
                "delete"
            } else {
                "assign to"
            };
            let range = p.range_of(bad);
            Err(p.error_at(range, format!("cannot {verb} {what}")))
        }
    }
}

/// Expressions CPython's "Maybe you meant '=='" rule leaves alone.
pub(crate) fn excluded_from_maybe_equal(p: &mut Parser<'_>, e: &Expr) -> bool {
    match e.kind() {
        NodeKind::List | NodeKind::Tuple | NodeKind::Generator | NodeKind::Starred => true,
        NodeKind::Compare
        | NodeKind::BoolOp
        | NodeKind::IfExp
        | NodeKind::Lambda
        | NodeKind::NamedExpr => true,
        NodeKind::Yield | NodeKind::YieldFrom => true,
        NodeKind::Unary => p.text_of(e).starts_with("not"),
        NodeKind::Constant => matches!(p.text_of(e), "True" | "False" | "None"),
        _ => false,
    }
}

/// The first target of an assignment statement, at its `=`.
pub(crate) fn check_first_assignment(p: &mut Parser<'_>, first: &Expr) -> PResult {
    if invalid(first, Targets::Assign).is_none()
        || matches!(first.kind(), NodeKind::Yield | NodeKind::YieldFrom)
    {
        return check(p, first, Targets::Assign);
    }
    // CPython's second pass meets `last = value` (the element right before
    // the `=`) as a named expression gone wrong, if `value` stands alone.
    let last = match first.kind() {
        NodeKind::Tuple if !p.text_of(first).starts_with('(') => {
            first.items.last().unwrap_or(first)
        }
        _ => first,
    };
    let lone = p
        .attempt(|p| {
            p.bump();
            let value = super::grammar::bitwise_or(p)?;
            let alone = !matches!(p.current(), TokenKind::Equal | TokenKind::ColonEqual);
            Ok(alone.then(|| p.range_of(&value).end))
        })
        .flatten();
    if let Some(end) = lone {
        if last.kind() == NodeKind::Name {
            let range = crate::TextRange::new(p.range_of(last).start, end);
            return Err(p.error_at(
                range,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            ));
        }
        if !excluded_from_maybe_equal(p, last) {
            let what = expr_name(p, last);
            let range = p.range_of(last);
            return Err(p.error_at(
                range,
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
            ));
        }
    }
    check(p, first, Targets::Assign)
}

/// The target of an annotated assignment.
pub(crate) fn check_annotated(p: &mut Parser<'_>, target: &Expr) -> PResult {
    let mut inner = target;
    while inner.kind() == NodeKind::Paren {
        inner = &inner.items[0];
    }
    let message = match inner.kind() {
        NodeKind::Name | NodeKind::Attribute | NodeKind::Subscript => return Ok(()),
        NodeKind::List => "only single target (not list) can be annotated",
        NodeKind::Tuple => "only single target (not tuple) can be annotated",
        _ => "illegal target for annotation",
    };
    let range = p.range_of(target);
    Err(p.error_at(range, message))
}

/// The target of an augmented assignment.
pub(crate) fn check_augmented(p: &mut Parser<'_>, target: &Expr) -> PResult {
    let mut inner = target;
    while inner.kind() == NodeKind::Paren {
        inner = &inner.items[0];
    }
    if matches!(
        inner.kind(),
        NodeKind::Name | NodeKind::Attribute | NodeKind::Subscript
    ) {
        return Ok(());
    }
    let what = expr_name(p, target);
    let range = p.range_of(target);
    Err(p.error_at(
        range,
        format!("'{what}' is an illegal expression for augmented assignment"),
    ))
}
