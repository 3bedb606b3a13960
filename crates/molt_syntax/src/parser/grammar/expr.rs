//! Expressions, from the loosest binding (`lambda`, `x if c else y`) to
//! the tightest (`await`, calls, subscripts, attributes).

use super::{atom, params};
use crate::TextRange;
use crate::parser::targets::{self, Targets};
use crate::parser::{Completed, Kw, PResult, Parser};
use crate::syntax::NodeKind;
use crate::token::TokenKind;

/// A parsed expression: its node, the significant tokens it spans, and the
/// elements of the displays a target may be made of (tuples, lists,
/// parentheses, starred), which target checks look into.
#[derive(Debug, Clone)]
pub(crate) struct Expr {
    pub(crate) node: Completed,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) items: Vec<Expr>,
}

impl Expr {
    pub(crate) fn kind(&self) -> NodeKind {
        self.node.kind()
    }
}

impl Parser<'_> {
    pub(crate) fn expr(&self, node: Completed, start: usize) -> Expr {
        Expr {
            node,
            start,
            end: self.position(),
            items: Vec::new(),
        }
    }

    /// The bytes an expression covers.
    pub(crate) fn range_of(&self, e: &Expr) -> TextRange {
        self.span(e.start, e.end)
    }

    /// The bytes of significant tokens `start..end`.
    pub(crate) fn span(&self, start: usize, end: usize) -> TextRange {
        let first = self.significant_range(start);
        let last = self.significant_range(end.max(start + 1) - 1);
        TextRange::new(first.start, last.end)
    }

    pub(crate) fn text_of(&self, e: &Expr) -> &str {
        let range = self.range_of(e);
        &self.text()[range]
    }
}

/// `star_expressions: star_expression (',' star_expression)* [',']`,
/// a Tuple when there is a comma.
pub(crate) fn star_expressions(p: &mut Parser<'_>) -> PResult<Expr> {
    sequence(p, star_expression)
}

/// `star_named_expressions` as in a subject or a `for` iterable.
pub(crate) fn star_named_expressions(p: &mut Parser<'_>) -> PResult<Expr> {
    sequence(p, star_named_expression)
}

/// Items separated by commas, as one Tuple node if there is a comma.
fn sequence(p: &mut Parser<'_>, item: fn(&mut Parser<'_>) -> PResult<Expr>) -> PResult<Expr> {
    let start = p.position();
    let first = item(p)?;
    if !p.at(TokenKind::Comma) {
        return Ok(first);
    }
    let m = first.node.precede(p);
    let mut items = vec![first];
    while p.eat(TokenKind::Comma) {
        if !can_start_expression(p) {
            break;
        }
        items.push(item(p)?);
    }
    let node = m.complete(p, NodeKind::Tuple);
    Ok(Expr {
        items,
        ..p.expr(node, start)
    })
}

/// Targets of `for` and `del` and comprehension `for`s: comma-separated
/// `'*'? bitwise_or`, checked by the caller.
pub(crate) fn target_list(p: &mut Parser<'_>) -> PResult<Expr> {
    sequence(p, |p| {
        if p.at(TokenKind::Star) {
            starred(p, bitwise_or)
        } else {
            bitwise_or(p)
        }
    })
}

/// `star_expression: '*' bitwise_or | expression`
pub(crate) fn star_expression(p: &mut Parser<'_>) -> PResult<Expr> {
    if p.at(TokenKind::Star) {
        starred(p, bitwise_or)
    } else {
        expression(p)
    }
}

/// `star_named_expression: '*' bitwise_or | named_expression`
pub(crate) fn star_named_expression(p: &mut Parser<'_>) -> PResult<Expr> {
    if p.at(TokenKind::Star) {
        starred(p, bitwise_or)
    } else {
        named_expression(p)
    }
}

pub(crate) fn starred(
    p: &mut Parser<'_>,
    inner: fn(&mut Parser<'_>) -> PResult<Expr>,
) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    let value = inner(p)?;
    let node = m.complete(p, NodeKind::Starred);
    Ok(Expr {
        items: vec![value],
        ..p.expr(node, start)
    })
}

/// `named_expression: NAME ':=' expression | expression !':='`
pub(crate) fn named_expression(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    if p.at_name() && p.nth_at(1, TokenKind::ColonEqual) {
        let m = p.start();
        let name = p.start();
        p.bump();
        name.complete(p, NodeKind::Name);
        p.bump();
        expression(p)?;
        let node = m.complete(p, NodeKind::NamedExpr);
        return Ok(p.expr(node, start));
    }
    let value = expression(p)?;
    if p.at(TokenKind::ColonEqual) {
        let what = targets::expr_name(p, &value);
        let range = p.range_of(&value);
        return Err(p.error_at(
            range,
            format!("cannot use assignment expressions with {what}"),
        ));
    }
    if p.at(TokenKind::Equal) {
        invalid_equal(p, &value)?;
    }
    Ok(value)
}

/// `x = 1` where an expression is expected (`if x = 1:`): CPython's
/// `invalid_named_expression` messages.
fn invalid_equal(p: &mut Parser<'_>, value: &Expr) -> PResult {
    let followed_by_value = p
        .attempt(|p| {
            p.bump();
            bitwise_or(p)?;
            Ok(!matches!(
                p.current(),
                TokenKind::Equal | TokenKind::ColonEqual
            ))
        })
        .unwrap_or(false);
    if !followed_by_value {
        return Ok(());
    }
    if value.kind() == NodeKind::Name {
        let range = TextRange::new(p.range_of(value).start, p.nth_range(0).end);
        let end = p.attempt(|p| {
            p.bump();
            let e = bitwise_or(p)?;
            Ok(p.range_of(&e).end)
        });
        let range = TextRange::new(range.start, end.unwrap_or(range.end));
        return Err(p.error_at(
            range,
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        ));
    }
    if targets::excluded_from_maybe_equal(p, value) {
        return Ok(());
    }
    let what = targets::expr_name(p, value);
    let range = p.range_of(value);
    Err(p.error_at(
        range,
        format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?"),
    ))
}

/// `expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef`
pub(crate) fn expression(p: &mut Parser<'_>) -> PResult<Expr> {
    p.nested(expression_inner)
}

fn expression_inner(p: &mut Parser<'_>) -> PResult<Expr> {
    if p.at_kw(Kw::Lambda) {
        return lambda(p);
    }
    let start = p.position();
    let body = disjunction(p)?;
    if !p.at_kw(Kw::If) {
        return Ok(body);
    }
    let m = body.node.precede(p);
    p.bump();
    disjunction(p)?;
    if !p.eat_kw(Kw::Else) {
        if can_start_expression(p) || p.at(TokenKind::Newline) || p.at(TokenKind::RPar) {
            let range = p.span(start, p.position());
            return Err(p.error_at(range, "expected 'else' after 'if' expression"));
        }
        return Err(p.invalid_syntax());
    }
    expression(p)?;
    let node = m.complete(p, NodeKind::IfExp);
    Ok(p.expr(node, start))
}

/// `lambdef: 'lambda' [lambda_params] ':' expression`
pub(crate) fn lambda(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    if !p.at(TokenKind::Colon) {
        params::parameters(p, false)?;
    }
    p.expect(TokenKind::Colon)?;
    expression(p)?;
    let node = m.complete(p, NodeKind::Lambda);
    Ok(p.expr(node, start))
}

fn disjunction(p: &mut Parser<'_>) -> PResult<Expr> {
    bool_op(p, Kw::Or, conjunction)
}

fn conjunction(p: &mut Parser<'_>) -> PResult<Expr> {
    bool_op(p, Kw::And, inversion)
}

fn bool_op(
    p: &mut Parser<'_>,
    op: Kw,
    next: fn(&mut Parser<'_>) -> PResult<Expr>,
) -> PResult<Expr> {
    let start = p.position();
    let first = next(p)?;
    if !p.at_kw(op) {
        return Ok(first);
    }
    let m = first.node.precede(p);
    while p.eat_kw(op) {
        next(p)?;
    }
    let node = m.complete(p, NodeKind::BoolOp);
    Ok(p.expr(node, start))
}

/// `inversion: 'not' inversion | comparison`
fn inversion(p: &mut Parser<'_>) -> PResult<Expr> {
    if !p.at_kw(Kw::Not) {
        return comparison(p);
    }
    let start = p.position();
    let m = p.start();
    p.bump();
    p.nested(inversion)?;
    let node = m.complete(p, NodeKind::Unary);
    Ok(p.expr(node, start))
}

/// `comparison: bitwise_or compare_op_bitwise_or_pair+`
fn comparison(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let first = bitwise_or(p)?;
    if comparison_operator(p) == 0 {
        return Ok(first);
    }
    let m = first.node.precede(p);
    loop {
        let width = comparison_operator(p);
        if width == 0 {
            break;
        }
        for _ in 0..width {
            p.bump();
        }
        bitwise_or(p)?;
    }
    let node = m.complete(p, NodeKind::Compare);
    Ok(p.expr(node, start))
}

/// How many tokens the comparison operator here takes (0: none).
fn comparison_operator(p: &mut Parser<'_>) -> usize {
    match p.current() {
        TokenKind::EqEqual
        | TokenKind::Less
        | TokenKind::LessEqual
        | TokenKind::Greater
        | TokenKind::GreaterEqual => 1,
        // `<>` lexes as NOTEQUAL but is only valid with `barry_as_FLUFL`.
        TokenKind::NotEqual => usize::from(p.nth_text(0) == "!="),
        TokenKind::Name => match p.nth_keyword(0) {
            Kw::In => 1,
            Kw::Not if p.nth_kw(1, Kw::In) => 2,
            Kw::Is if p.nth_kw(1, Kw::Not) => 2,
            Kw::Is => 1,
            _ => 0,
        },
        _ => 0,
    }
}

/// The binary operators' binding strength, weakest first (`|` is 0, the
/// multiplicative operators 5); `None` for a token that is not one.
fn binary_level(kind: TokenKind) -> Option<u8> {
    Some(match kind {
        TokenKind::VBar => 0,
        TokenKind::Circumflex => 1,
        TokenKind::Amper => 2,
        TokenKind::LeftShift | TokenKind::RightShift => 3,
        TokenKind::Plus | TokenKind::Minus => 4,
        TokenKind::Star
        | TokenKind::Slash
        | TokenKind::DoubleSlash
        | TokenKind::Percent
        | TokenKind::At => 5,
        _ => return None,
    })
}

/// `bitwise_or` and everything tighter.
pub(crate) fn bitwise_or(p: &mut Parser<'_>) -> PResult<Expr> {
    binary(p, 0)
}

/// The binary operators from `min_level` up, by precedence climbing: one
/// loop per operand instead of a call per level (all are left
/// associative).
fn binary(p: &mut Parser<'_>, min_level: u8) -> PResult<Expr> {
    let start = p.position();
    let mut lhs = factor(p)?;
    while let Some(level) = binary_level(p.current()).filter(|&l| l >= min_level) {
        let m = lhs.node.precede(p);
        p.bump();
        binary(p, level + 1)?;
        let node = m.complete(p, NodeKind::Binary);
        lhs = p.expr(node, start);
    }
    Ok(lhs)
}

/// `factor: ('+' | '-' | '~') factor | power`
fn factor(p: &mut Parser<'_>) -> PResult<Expr> {
    if !matches!(
        p.current(),
        TokenKind::Plus | TokenKind::Minus | TokenKind::Tilde
    ) {
        return power(p);
    }
    let start = p.position();
    let m = p.start();
    p.bump();
    p.nested(factor)?;
    let node = m.complete(p, NodeKind::Unary);

    Ok(p.expr(node, start))
}

/// `power: await_primary '**' factor | await_primary`
fn power(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let base = await_primary(p)?;
    if !p.at(TokenKind::DoubleStar) {
        return Ok(base);
    }
    let m = base.node.precede(p);
    p.bump();
    factor(p)?;
    let node = m.complete(p, NodeKind::Binary);
    Ok(p.expr(node, start))
}

/// `await_primary: 'await' primary | primary`
fn await_primary(p: &mut Parser<'_>) -> PResult<Expr> {
    if !p.at_kw(Kw::Await) {
        return primary(p);
    }
    let start = p.position();
    let m = p.start();
    p.bump();
    primary(p)?;
    let node = m.complete(p, NodeKind::Await);
    Ok(p.expr(node, start))
}

/// `primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')'
///         | primary '[' slices ']' | atom`
pub(crate) fn primary(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let mut e = atom::atom(p)?;
    loop {
        match p.current() {
            TokenKind::Dot => {
                let m = e.node.precede(p);
                p.bump();
                if !p.at_name() {
                    return Err(p.invalid_syntax());
                }
                p.bump();
                let node = m.complete(p, NodeKind::Attribute);
                e = p.expr(node, start);
            }
            TokenKind::LPar => {
                let m = e.node.precede(p);
                arguments(p)?;
                let node = m.complete(p, NodeKind::Call);
                e = p.expr(node, start);
            }
            TokenKind::LSqb => {
                let m = e.node.precede(p);
                p.bump();
                slices(p)?;
                p.expect(TokenKind::RSqb)?;
                let node = m.complete(p, NodeKind::Subscript);
                e = p.expr(node, start);
            }
            _ => return Ok(e),
        }
    }
}

/// `slices: slice !',' | ','.(slice | starred_expression)+ [',']`
fn slices(p: &mut Parser<'_>) -> PResult {
    let start = p.position();
    let first = slice_or_starred(p)?;
    if p.at(TokenKind::Comma) {
        let m = first.precede(p);
        while p.eat(TokenKind::Comma) {
            if p.at(TokenKind::RSqb) {
                break;
            }
            slice_or_starred(p)?;
        }
        m.complete(p, NodeKind::Tuple);
    }
    let _ = start;
    Ok(())
}

fn slice_or_starred(p: &mut Parser<'_>) -> PResult<Completed> {
    if p.at(TokenKind::Star) {
        return Ok(starred(p, bitwise_or)?.node);
    }
    // `slice: [expression] ':' [expression] [':' [expression]] | named_expression`
    if p.at(TokenKind::Colon) {
        return slice_rest(p, None);
    }
    let lower = named_expression(p)?;
    if p.at(TokenKind::Colon) {
        return slice_rest(p, Some(lower.node));
    }
    Ok(lower.node)
}

fn slice_rest(p: &mut Parser<'_>, lower: Option<Completed>) -> PResult<Completed> {
    let m = match lower {
        Some(lower) => lower.precede(p),
        None => p.start(),
    };
    p.bump();
    if !matches!(
        p.current(),
        TokenKind::Colon | TokenKind::Comma | TokenKind::RSqb
    ) {
        expression(p)?;
    }
    if p.eat(TokenKind::Colon) && !matches!(p.current(), TokenKind::Comma | TokenKind::RSqb) {
        expression(p)?;
    }
    Ok(m.complete(p, NodeKind::Slice))
}

/// `'(' [args] ')'` of a call or a class definition.
pub(crate) fn arguments(p: &mut Parser<'_>) -> PResult {
    argument_list(p, true)
}

/// A class's bases: like a call's arguments, but a bare generator
/// expression is not one.
pub(crate) fn class_arguments(p: &mut Parser<'_>) -> PResult {
    argument_list(p, false)
}

fn argument_list(p: &mut Parser<'_>, generators: bool) -> PResult {
    let m = p.start();
    p.bump();
    let mut seen_keyword = false;
    let mut seen_double_star = false;
    let mut count = 0;
    let mut last_start = p.position();
    while !p.at(TokenKind::RPar) {
        let start = p.position();
        last_start = start;
        if p.at(TokenKind::DoubleStar) {
            let k = p.start();
            p.bump();
            expression(p)?;
            k.complete(p, NodeKind::Keyword);
            seen_double_star = true;
        } else if p.at(TokenKind::Star) {
            let comma = p.previous_range();
            if matches!(p.peek_quietly(1), TokenKind::RPar | TokenKind::Comma) {
                let range = p.nth_range(1);
                return Err(p.error_at(range, "Invalid star expression"));
            }
            let arg = starred(p, expression)?;
            if p.at_kw(Kw::For) || p.at_kw(Kw::Async) {
                let range = p.range_of(&arg);
                return Err(p.error_at(range, "iterable unpacking cannot be used in comprehension"));
            }
            if seen_double_star {
                return Err(p.error_at(
                    comma,
                    "iterable argument unpacking follows keyword argument unpacking",
                ));
            }
        } else if p.at_name() && p.nth_at(1, TokenKind::Equal) {
            let k = p.start();
            p.bump();
            p.bump();
            last_start = p.position();
            expression(p)?;
            k.complete(p, NodeKind::Keyword);
            seen_keyword = true;
        } else {
            if matches!(p.nth_keyword(0), Kw::True | Kw::False | Kw::None)
                && p.nth_at(1, TokenKind::Equal)
            {
                let what = p.nth_text(0);
                return Err(p.error_here(format!("cannot assign to {what}")));
            }
            let arg = if p.at_name() && p.nth_at(1, TokenKind::ColonEqual) {
                named_expression(p)?
            } else {
                expression(p)?
            };
            if p.at(TokenKind::Equal) {
                let range = TextRange::new(p.range_of(&arg).start, p.nth_range(0).end);
                return Err(p.error_at(
                    range,
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                ));
            }
            if generators && (p.at_kw(Kw::For) || p.at_kw(Kw::Async)) {
                let g = arg.node.precede(p);
                comprehension(p)?;
                g.complete(p, NodeKind::Generator);
                if count > 0 || p.at(TokenKind::Comma) && !p.nth_at(1, TokenKind::RPar) {
                    let range = p.span(start, p.position());
                    return Err(p.error_at(range, "Generator expression must be parenthesized"));
                }
            } else if seen_double_star {
                p.current();
                return Err(
                    p.error_at_furthest("positional argument follows keyword argument unpacking")
                );
            } else if seen_keyword {
                p.current();
                return Err(p.error_at_furthest("positional argument follows keyword argument"));
            }
        }
        count += 1;
        if !p.eat(TokenKind::Comma) {
            break;
        }
    }
    if !p.at(TokenKind::RPar) {
        return Err(forgot_comma(p, last_start));
    }
    p.bump();
    m.complete(p, NodeKind::Arguments);
    Ok(())
}

/// `for_if_clauses: (['async'] 'for' star_targets 'in' disjunction ('if' disjunction)*)+`
pub(crate) fn comprehension(p: &mut Parser<'_>) -> PResult {
    while p.at_kw(Kw::For) || (p.at_kw(Kw::Async) && p.nth_kw(1, Kw::For)) {
        let m = p.start();
        p.eat_kw(Kw::Async);
        p.bump();
        let targets = target_list(p)?;
        targets::check(p, &targets, Targets::For)?;
        if !p.eat_kw(Kw::In) {
            return Err(p.error_at_furthest("'in' expected after for-loop variables"));
        }
        disjunction(p)?;
        while p.at_kw(Kw::If) {
            let c = p.start();
            p.bump();
            disjunction(p)?;
            c.complete(p, NodeKind::IfClause);
        }
        m.complete(p, NodeKind::ForClause);
    }
    Ok(())
}

/// `yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]`
pub(crate) fn yield_expr(p: &mut Parser<'_>) -> PResult<Expr> {
    let start = p.position();
    let m = p.start();
    p.bump();
    if p.eat_kw(Kw::From) {
        expression(p)?;
        let node = m.complete(p, NodeKind::YieldFrom);
        return Ok(p.expr(node, start));
    }
    if can_start_expression(p) || p.at(TokenKind::Star) {
        star_expressions(p)?;
    }
    let node = m.complete(p, NodeKind::Yield);
    Ok(p.expr(node, start))
}

/// Can the current token start an expression?
pub(crate) fn can_start_expression(p: &mut Parser<'_>) -> bool {
    use TokenKind::*;
    match p.current() {
        Name => {
            let kw = p.nth_keyword(0);
            !kw.is_hard()
                || matches!(
                    kw,
                    Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await
                )
        }
        Number | String | FStringStart | TStringStart | LPar | LSqb | LBrace | Minus | Plus
        | Tilde | Ellipsis | Star => true,
        _ => false,
    }
}

/// Inside brackets, an element followed by another expression: CPython's
/// "Perhaps you forgot a comma?" (its `invalid_expression` rule), from the
/// element at `start` to the end of the next expression.
pub(crate) fn forgot_comma(p: &mut Parser<'_>, start: usize) -> crate::parser::Fail {
    let first = p.significant_kind(start);
    let excluded = first == TokenKind::Star
        || first == TokenKind::DoubleStar
        || first == TokenKind::Name
            && (matches!(p.significant_text(start), "match" | "case" | "type" | "_")
                || matches!(
                    p.significant_kind(start + 1),
                    TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart
                ));
    if !excluded && can_start_expression(p) && !p.at(TokenKind::Star) {
        // CPython's second pass also tries `next = value` as a named
        // expression; reading past it to an unclosed bracket's end of file
        // makes the tokenizer's error the one reported.
        let end = p.attempt(|p| {
            let next = expression(p)?;
            let end = p.range_of(&next).end;
            if p.eat(TokenKind::Equal) {
                bitwise_or(p)?;
            }
            Ok((end, p.at(TokenKind::ErrorToken)))
        });
        if let Some((_, true)) = end {
            return p.invalid_syntax();
        }
        if let Some((end, _)) = end {
            let range = TextRange::new(p.span(start, start + 1).start, end);
            return p.error_at(range, "invalid syntax. Perhaps you forgot a comma?");
        }
    }
    p.invalid_syntax()
}
