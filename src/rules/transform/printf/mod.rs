//! `printf_to_fstring($FMT, $ARGS)`: the f-string that does what
//! `FMT % ARGS` does, or the reason there is none.
//!
//! Exactness comes first. Each conversion is mapped only where `%` and
//! `format` agree for the operand's possible types (CPython's
//! `PyUnicode_Format` versus each type's `__format__`):
//! - `%s`, `%r`, `%a` agree for every type through `!s`, `!r`, `!a`
//!   (`%s` needs `!s`: `format(x, '')` calls `__format__`, not `__str__`);
//! - integer conversions (`%d %i %u %x %X %o %c`) only when the operand is
//!   known to be an int or a bool (`'%d' % 3.7` truncates, `f'{3.7:d}'`
//!   raises);
//! - float conversions (`%e %f %g ...`) are exact for ints, bools and
//!   floats, and unsafe for unknown operands (`Decimal` formats itself);
//! - a single operand that is not a literal may be a tuple at run time.

mod field;
mod format;
mod operands;

use crate::rules::matcher::Capture;
use crate::rules::pattern::unparen;
use crate::rules::precedence;
use crate::rules::schema::Safety;
use crate::rules::template::Value;
use crate::rules::transform::{Context, Outcome};
use crate::rules::version::Version;
use field::{field, inline};
use format::{Literal, Piece, Spec, pieces, split_literal, str_literal_value};
use molt_syntax::{NodeKind, SyntaxNode};
use operands::{Known, known, plain};

/// An operand: its code as written and what is known of its type.
struct Operand<'t> {
    node: SyntaxNode<'t>,
    known: Known,
}

pub fn printf_to_fstring(context: &Context<'_>, args: &[&Capture]) -> Outcome {
    let (Capture::Node(format), Capture::Node(operands)) = (args[0], args[1]) else {
        return Err("the format and the operands must be expressions".into());
    };
    let tree = context.tree;
    let written = tree.node(*format);
    let format = unparen(written);
    let operands_node = tree.node(*operands);
    let parts: Vec<SyntaxNode<'_>> = match format.kind() {
        NodeKind::String => vec![format],
        NodeKind::Strings => format.children().collect(),
        _ => return Err("the format is not a string literal".into()),
    };
    let mut literals = Vec::new();
    for part in &parts {
        if part.kind() != NodeKind::String {
            return Err("the format has f-string parts".into());
        }
        let literal = split_literal(part.text()).ok_or("the format is not a string literal")?;
        let prefix = literal.prefix.to_ascii_lowercase();
        if prefix.contains('b') {
            return Err("bytes have no f-string form".into());
        }
        let pieces = pieces(literal.body, prefix.contains('r'))?;
        literals.push((literal, pieces));
    }
    let specs: Vec<&Spec> = literals
        .iter()
        .flat_map(|(_, pieces)| specs_of(pieces))
        .collect();

    // Pair each conversion with its operand.
    let inner = unparen(operands_node);
    let keyed = specs.iter().filter(|s| s.key.is_some()).count();
    let mut safety = Safety::Safe;
    let paired: Vec<Operand<'_>> = if keyed > 0 {
        if keyed != specs.len() {
            return Err("the format mixes `%(name)` and positional conversions".into());
        }
        let operands = mapping_operands(context, inner, &specs)?;
        // The dict is built before any formatting; CPython never compiles
        // a mapping format as an f-string.
        let values: Vec<SyntaxNode<'_>> = inner
            .children()
            .filter_map(|item| item.children().nth(1))
            .collect();
        if values.iter().skip(1).any(|v| !plain(*v)) {
            safety = Safety::Unsafe;
        }
        operands
    } else {
        let list: Vec<SyntaxNode<'_>> = match inner.kind() {
            NodeKind::Tuple => inner.children().collect(),
            _ => {
                let k = known(context, inner);
                if k == Known::Unknown {
                    return Err(format!(
                        "a single operand that is not a literal may be a tuple at run time (`{}`: write `% ({},)` to format it as one value)",
                        inner.text(),
                        inner.text()
                    ));
                }
                if inner.kind() == NodeKind::Dict {
                    return Err("a dict operand with positional conversions".into());
                }
                vec![inner]
            }
        };
        if list.iter().any(|n| n.kind() == NodeKind::Starred) {
            return Err("a starred operand: the number of values is known only at run time".into());
        }
        if list.len() != specs.len() {
            return Err(format!(
                "{} conversions for {} operands (it raises at run time)",
                specs.len(),
                list.len()
            ));
        }
        // `%` evaluates every operand before formatting any; an f-string
        // interleaves them. From 3.11 CPython itself compiles a format
        // of only `%s`, `%r` and `%a` (no length modifier) as an
        // f-string, so there the order is already the f-string's.
        // (and widths and precisions of at most two digits).
        let compiled_as_fstring = context.target >= Version(3, 11)
            && specs
                .iter()
                .all(|s| "sra".contains(s.conversion) && !s.length && s.digits < 3);
        if !compiled_as_fstring && list.iter().skip(1).any(|n| !plain(*n)) {
            safety = Safety::Unsafe;
        }
        list.into_iter()
            .map(|node| Operand {
                node,
                known: known(context, node),
            })
            .collect()
    };

    // Render each part.
    let enclosing = enclosing_quotes(written);
    // Parentheses around the format stay, with what is inside them
    // (implicitly concatenated parts on several lines need them).
    let mut out =
        tree.text()[written.range().start as usize..format.range().start as usize].to_string();
    let mut used = 0;
    let mut any_field = false;
    for (index, (literal, pieces)) in literals.iter().enumerate() {
        let specs: Vec<&Spec> = specs_of(pieces).collect();
        let operands = &paired[used..used + specs.len()];
        used += specs.len();
        // A literal operand may be written in place; the others become
        // fields, and decide the quote.
        let inlined: Vec<Option<String>> = specs
            .iter()
            .zip(operands)
            .map(|(spec, operand)| inline(spec, operand))
            .collect();
        let in_fields: Vec<&Operand<'_>> = operands
            .iter()
            .zip(&inlined)
            .filter(|(_, i)| i.is_none())
            .map(|(o, _)| o)
            .collect();
        let quote = choose_quote(literal, &in_fields, context.target, &enclosing)?;
        if index > 0 {
            let gap_start = parts[index - 1].range().end as usize;
            let gap_end = parts[index].range().start as usize;
            out.push_str(&tree.text()[gap_start..gap_end]);
        }
        // A part left without fields stays a plain string.
        let mut fields = Vec::new();
        for ((spec, operand), inline) in specs.iter().zip(operands).zip(inlined) {
            fields.push(match inline {
                Some(text) => Err(text),
                None => {
                    let (field, field_safety) = field(spec, operand, quote, context.target)?;
                    safety = safety.max(field_safety);
                    Ok(field)
                }
            });
        }
        let has_field = fields.iter().any(Result::is_ok);
        any_field |= has_field;
        let prefix: String = literal
            .prefix
            .chars()
            .filter(|c| !c.eq_ignore_ascii_case(&'u'))
            .collect();
        out.push_str(&prefix);
        if has_field {
            out.push('f');
        }
        out.push_str(quote);
        let braces = |text: &str| {
            if has_field {
                text.replace('{', "{{").replace('}', "}}")
            } else {
                text.to_string()
            }
        };
        let mut fields = fields.into_iter();
        for piece in pieces {
            match piece {
                Piece::Text(text) => out.push_str(&braces(text)),
                Piece::Escape(text) => out.push_str(text),
                Piece::Percent => out.push('%'),
                Piece::Spec(_) => match fields.next().expect("a field per conversion") {
                    Ok(field) => out.push_str(&field),
                    Err(inline) => out.push_str(&braces(&inline)),
                },
            }
        }
        out.push_str(quote);
    }
    out.push_str(&tree.text()[format.range().end as usize..written.range().end as usize]);
    if !any_field && is_docstring_place(operands_node) {
        return Err("the result, a plain string, would become a docstring".into());
    }
    if molt_syntax::parse_as(&format!("({out}\n)"), molt_syntax::Input::Eval)
        .error
        .is_some()
    {
        return Err("the f-string would not parse".into());
    }
    // Implicitly concatenated parts bind as one atom too.
    Ok((
        Value {
            text: out,
            precedence: precedence::ATOM,
            indent: None,
            bare_newline: false,
        },
        safety,
    ))
}

/// The conversions among a literal's pieces.
fn specs_of<'a>(pieces: &'a [Piece<'_>]) -> impl Iterator<Item = &'a Spec> {
    pieces.iter().filter_map(|p| match p {
        Piece::Spec(s) => Some(s),
        _ => None,
    })
}

/// The quote for a converted part: its own, or the other one when an
/// operand uses its own and the target is older than 3.12 (which forbids
/// reusing the quote inside a replacement field).
///
/// Inside another f-string's replacement field, before 3.12, the quotes of
/// the enclosing f-strings are taken too.
fn choose_quote<'a>(
    literal: &Literal<'a>,
    operands: &[&Operand<'_>],
    target: Version,
    enclosing: &[char],
) -> Result<&'a str, String> {
    let own = literal.quote;
    if target >= Version(3, 12) {
        return Ok(own);
    }
    let other: &'static str = match own {
        "'" => "\"",
        "\"" => "'",
        "'''" => "\"\"\"",
        _ => "'''",
    };
    let free = |q: &str| {
        let c = q.chars().next().unwrap_or('\'');
        !enclosing.contains(&c) && !operands.iter().any(|o| o.node.text().contains(c))
    };
    if free(own) {
        Ok(own)
    } else if free(other) && !literal.body.contains(&other[..1]) {
        Ok(other)
    } else if enclosing.is_empty() {
        // Keep the quote; `expression_text` explains the refusal.
        Ok(own)
    } else {
        Err(format!(
            "inside another f-string, no quote is left for this one before 3.12 (the target is {target})"
        ))
    }
}

/// Is the `%` expression whose operand is `operand` the first statement of
/// a module, class or function, where a plain string is a docstring?
fn is_docstring_place(operand: SyntaxNode<'_>) -> bool {
    let mut node = operand.parent();
    while let Some(n) = node.filter(|n| matches!(n.kind(), NodeKind::Binary | NodeKind::Paren)) {
        node = n.parent();
    }
    let Some(statement) = node.filter(|n| n.kind() == NodeKind::ExprStmt) else {
        return false;
    };
    let container = statement
        .ancestors()
        .find(|a| matches!(a.kind(), NodeKind::Block | NodeKind::Module));
    let Some(container) = container else {
        return false;
    };
    let body_of_def = container.kind() == NodeKind::Module
        || container
            .parent()
            .is_some_and(|p| matches!(p.kind(), NodeKind::FunctionDef | NodeKind::ClassDef));
    body_of_def && container.statements().next().map(|s| s.id()) == Some(statement.id())
}

/// The quote characters of the f-strings around `node`.
fn enclosing_quotes(node: SyntaxNode<'_>) -> Vec<char> {
    node.ancestors()
        .filter(|a| matches!(a.kind(), NodeKind::FString | NodeKind::TString))
        .filter_map(|a| a.text().chars().find(|c| *c == '\'' || *c == '"'))
        .collect()
}

/// The operands of a `%(name)` format, from a dict display with str keys.
fn mapping_operands<'t>(
    context: &Context<'_>,
    inner: SyntaxNode<'t>,
    specs: &[&Spec],
) -> Result<Vec<Operand<'t>>, String> {
    if inner.kind() != NodeKind::Dict {
        return Err("`%(name)` conversions need a dict display as the operand".into());
    }
    let mut items: Vec<(String, SyntaxNode<'t>)> = Vec::new();
    for item in inner.children() {
        if item.kind() != NodeKind::DictItem {
            return Err("a `**` item in the mapping".into());
        }
        let mut parts = item.children();
        let (Some(key), Some(value)) = (parts.next(), parts.next()) else {
            return Err("a malformed mapping item".into());
        };
        let key = str_literal_value(unparen(key))
            .ok_or("a mapping key that is not a plain str literal")?;
        if items.iter().any(|(k, _)| *k == key) {
            return Err(format!("the key '{key}' appears twice"));
        }
        items.push((key, value));
    }
    let mut order = Vec::new();
    for spec in specs {
        let key = spec.key.as_deref().unwrap_or_default();
        let index = items
            .iter()
            .position(|(k, _)| k == key)
            .ok_or_else(|| format!("the key '{key}' is missing (it raises at run time)"))?;
        order.push(index);
    }
    let in_order = order.windows(2).all(|w| w[0] < w[1]);
    if !in_order && !items.iter().all(|(_, v)| plain(*v)) {
        return Err(
            "the mapping's values would be evaluated in another order, or not once each".into(),
        );
    }
    let unused_literal_only = (0..items.len()).filter(|i| !order.contains(i)).all(|i| {
        matches!(
            unparen(items[i].1).kind(),
            NodeKind::Number | NodeKind::String | NodeKind::Constant
        )
    });
    if !unused_literal_only {
        return Err("an unused mapping value would no longer be evaluated".into());
    }
    Ok(order
        .into_iter()
        .map(|i| Operand {
            node: items[i].1,
            known: known(context, items[i].1),
        })
        .collect())
}
