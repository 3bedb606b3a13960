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

use super::super::matcher::Capture;
use super::super::precedence;
use super::super::schema::Safety;
use super::super::template::Value;
use super::super::version::Version;
use super::{Context, Outcome};
use crate::rules::pattern::unparen;
use molt_syntax::{NodeKind, SyntaxNode};

/// What is known about an operand's type from its spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    /// An int literal, possibly signed; `negative` when known.
    Int {
        negative: Option<bool>,
    },
    Bool,
    Float,
    /// A str literal; its length when plain.
    Str {
        chars: Option<usize>,
    },
    /// Something that is neither a tuple nor a number nor a str (a list,
    /// `None`, bytes, a lambda...).
    Other,
    /// Anything else: a name, a call, an attribute...
    Unknown,
}

fn known(context: &Context<'_>, node: SyntaxNode<'_>) -> Known {
    let node = unparen(node);
    match node.kind() {
        NodeKind::Number => {
            let text = node.text().to_ascii_lowercase();
            if text.ends_with('j') {
                // A complex number: not a real number, not a tuple.
                Known::Other
            } else if text.starts_with("0x") || text.starts_with("0o") || text.starts_with("0b") {
                Known::Int {
                    negative: Some(false),
                }
            } else if text.contains(['.', 'e']) {
                Known::Float
            } else {
                Known::Int {
                    negative: Some(false),
                }
            }
        }
        NodeKind::Unary => {
            let tree = node.tree();
            let op = node
                .child_tokens()
                .find(|&(_, k)| !k.is_trivia())
                .map_or("", |(i, _)| tree.token_text(i));
            let inner = node.children().next();
            let operand = inner.map(|n| known(context, n));
            // `-0` is zero, not negative.
            let zero = inner.is_some_and(|n| is_zero(unparen(n).text()));
            match (op, operand) {
                ("-" | "+", Some(Known::Int { negative: Some(n) })) => Known::Int {
                    negative: Some(n != (op == "-" && !zero)),
                },
                ("-" | "+", Some(Known::Float)) => Known::Float,
                ("~", Some(Known::Int { .. } | Known::Bool)) => Known::Int { negative: None },
                ("not", _) => Known::Bool,
                _ => Known::Unknown,
            }
        }
        NodeKind::Constant => match node.text() {
            "True" | "False" => Known::Bool,
            _ => Known::Other,
        },
        NodeKind::String | NodeKind::Strings | NodeKind::FString => match str_literal_value(node) {
            Some(value) => Known::Str {
                chars: Some(value.chars().count()),
            },
            None if node.text().trim_start().starts_with(['b', 'B'])
                || node
                    .children()
                    .any(|p| p.text().trim_start().starts_with(['b', 'B'])) =>
            {
                Known::Other
            }
            None => Known::Str { chars: None },
        },
        NodeKind::List
        | NodeKind::Set
        | NodeKind::Dict
        | NodeKind::ListComp
        | NodeKind::SetComp
        | NodeKind::DictComp
        | NodeKind::Generator
        | NodeKind::Lambda => Known::Other,
        NodeKind::Call => node
            .children()
            .next()
            .and_then(|callee| {
                BUILTIN_RESULTS
                    .iter()
                    .find(|(name, _)| context.is_builtin(callee, name))
            })
            .map_or(Known::Unknown, |&(_, result)| result),
        _ => Known::Unknown,
    }
}

/// Is `text` an int literal whose value is zero (`0`, `0x0`, `0_0`)?
fn is_zero(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    !digits.is_empty() && digits.chars().all(|c| c == '0' || c == '_')
}

/// Builtins whose result's type is known exactly (never a subclass, never
/// a tuple), when the name is not shadowed. `int()` and `float()` are not
/// here: `__int__` and `__float__` may return a subclass.
const BUILTIN_RESULTS: &[(&str, Known)] = &[
    (
        "len",
        Known::Int {
            negative: Some(false),
        },
    ),
    (
        "ord",
        Known::Int {
            negative: Some(false),
        },
    ),
    (
        "id",
        Known::Int {
            negative: Some(false),
        },
    ),
    ("hash", Known::Int { negative: None }),
    ("isinstance", Known::Bool),
    ("issubclass", Known::Bool),
    ("callable", Known::Bool),
    ("hasattr", Known::Bool),
    ("bool", Known::Bool),
    // Not numbers, not tuples (`str()` may return a subclass: still `!s`).
    ("str", Known::Other),
    ("repr", Known::Other),
    ("ascii", Known::Other),
    ("chr", Known::Other),
    ("hex", Known::Other),
    ("oct", Known::Other),
    ("bin", Known::Other),
    ("format", Known::Other),
    ("type", Known::Other),
    ("list", Known::Other),
    ("dict", Known::Other),
    ("set", Known::Other),
    ("frozenset", Known::Other),
    ("sorted", Known::Other),
];

/// Is evaluating `node` free of side effects and of code that could
/// observe them (names, literals, and attribute or item reads of those)?
fn plain(node: SyntaxNode<'_>) -> bool {
    let node = unparen(node);
    match node.kind() {
        NodeKind::Name
        | NodeKind::Number
        | NodeKind::Constant
        | NodeKind::String
        | NodeKind::Strings => true,
        // A signed number; `-x` would call `__neg__`.
        NodeKind::Unary => node
            .children()
            .all(|c| unparen(c).kind() == NodeKind::Number),
        // Reading an attribute or an item is taken to have no effect that
        // formatting an earlier operand could observe.
        NodeKind::Attribute | NodeKind::Subscript | NodeKind::Slice => node.children().all(plain),
        _ => false,
    }
}

/// A string literal's prefix, quote and body.
struct Literal<'a> {
    prefix: &'a str,
    quote: &'a str,
    body: &'a str,
}

fn split_literal(text: &str) -> Option<Literal<'_>> {
    let prefix_len = text.find(['\'', '"'])?;
    let (prefix, rest) = text.split_at(prefix_len);
    let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        &rest[..3]
    } else {
        &rest[..1]
    };
    let body = rest.strip_prefix(quote)?.strip_suffix(quote)?;
    Some(Literal {
        prefix,
        quote,
        body,
    })
}

/// The value of a plain str literal (no escapes, no f-string parts).
fn str_literal_value(node: SyntaxNode<'_>) -> Option<String> {
    let parts: Vec<SyntaxNode<'_>> = match node.kind() {
        NodeKind::String => vec![node],
        NodeKind::Strings => node.children().collect(),
        _ => return None,
    };
    let mut value = String::new();
    for part in parts {
        if part.kind() != NodeKind::String {
            return None;
        }
        let literal = split_literal(part.text())?;
        if literal.prefix.to_ascii_lowercase().contains('b') || literal.body.contains('\\') {
            return None;
        }
        value.push_str(literal.body);
    }
    Some(value)
}

/// One `%` conversion.
#[derive(Debug, Clone, Default)]
struct Spec {
    key: Option<String>,
    flags: String,
    width: Option<usize>,
    precision: Option<usize>,
    /// The most digits written for the width or the precision (`%.099s`
    /// has 3), which decides whether CPython compiles the format as an
    /// f-string.
    digits: usize,
    /// A length modifier (`h`, `l`, `L`), which `%` ignores.
    length: bool,
    conversion: char,
}

/// A piece of a format literal's body.
#[derive(Debug)]
enum Piece<'a> {
    /// Literal text as written (braces still single).
    Text(&'a str),
    /// An escape sequence, copied as written.
    Escape(&'a str),
    /// `%%`.
    Percent,
    Spec(Spec),
}

/// Split a literal's body into pieces; the reason when a piece has no
/// f-string form.
fn pieces<'a>(body: &'a str, raw: bool) -> Result<Vec<Piece<'a>>, String> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<Piece<'a>>, from: usize, to: usize| {
        if from < to {
            out.push(Piece::Text(&body[from..to]));
        }
    };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if !raw => {
                let len = escape_len(&body[i..])?;
                flush(&mut out, text_start, i);
                let escape = &body[i..i + len];
                if escape_is_percent(escape) {
                    return Err("a `%` is written as an escape sequence".into());
                }
                out.push(Piece::Escape(escape));
                i += len;
                text_start = i;
            }
            b'%' => {
                flush(&mut out, text_start, i);
                let (piece, len) = spec(&body[i + 1..])?;
                out.push(piece);
                i += 1 + len;
                text_start = i;
            }
            _ => i += 1,
        }
    }
    flush(&mut out, text_start, bytes.len());
    Ok(out)
}

/// The length of the escape sequence at the start of `text` (which starts
/// with a backslash).
fn escape_len(text: &str) -> Result<usize, String> {
    let rest = &text[1..];
    let Some(c) = rest.chars().next() else {
        return Err("the format ends with a backslash".into());
    };
    let hex = |n: usize| -> Result<usize, String> {
        let digits = rest.get(1..1 + n).unwrap_or("");
        if digits.len() == n && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(2 + n)
        } else {
            Err("the format has a truncated escape sequence".into())
        }
    };
    match c {
        '\n' => Ok(2),
        '\r' => Ok(if rest[1..].starts_with('\n') { 3 } else { 2 }),
        '\\' | '\'' | '"' | 'a' | 'b' | 'f' | 'n' | 'r' | 't' | 'v' => Ok(2),
        '0'..='7' => Ok(1 + rest
            .bytes()
            .take(3)
            .take_while(|b| (b'0'..=b'7').contains(b))
            .count()),
        'x' => hex(2),
        'u' => hex(4),
        'U' => hex(8),
        'N' => rest
            .find('}')
            .filter(|_| rest[1..].starts_with('{'))
            .map(|end| 2 + end)
            .ok_or_else(|| "the format has a malformed `\\N{...}` escape".into()),
        _ => Err(format!(
            "the format has an invalid escape sequence `\\{c}` (its meaning in an f-string differs)"
        )),
    }
}

fn escape_is_percent(escape: &str) -> bool {
    let body = &escape[1..];
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok() == Some(0x25);
    match body.chars().next() {
        Some('x' | 'u' | 'U') => number(&body[1..], 16),
        Some('0'..='7') => number(body, 8),
        Some('N') => body[2..body.len() - 1].eq_ignore_ascii_case("PERCENT SIGN"),
        _ => false,
    }
}

/// Parse a conversion after its `%`; the piece and the bytes it used.
fn spec(text: &str) -> Result<(Piece<'_>, usize), String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    if bytes.first() == Some(&b'%') {
        return Ok((Piece::Percent, 1));
    }
    let mut spec = Spec::default();
    if bytes.first() == Some(&b'(') {
        let mut depth = 0;
        let end = text
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map(|(at, _)| at)
            .ok_or("the format has an unclosed `%(`")?;
        spec.key = Some(text[1..end].to_string());
        i = end + 1;
    }
    while let Some(&b) = bytes.get(i) {
        if matches!(b, b'-' | b'+' | b' ' | b'#' | b'0') {
            spec.flags.push(b as char);
            i += 1;
        } else {
            break;
        }
    }
    let number = |i: &mut usize, digits: &mut usize| -> Result<Option<usize>, String> {
        if bytes.get(*i) == Some(&b'*') {
            return Err("a `*` width or precision is taken from the operands at run time".into());
        }
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *digits = (*digits).max(*i - start);
        if start == *i {
            return Ok(None);
        }
        text[start..*i]
            .parse()
            .map(Some)
            .map_err(|_| "the format has a width too large".to_string())
    };
    spec.width = number(&mut i, &mut spec.digits)?;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        spec.precision = Some(number(&mut i, &mut spec.digits)?.unwrap_or(0));
    }
    if matches!(bytes.get(i), Some(b'h' | b'l' | b'L')) {
        spec.length = true;
        i += 1;
    }
    let Some(c) = text[i..].chars().next() else {
        return Err("the format ends inside a conversion (it raises at run time)".into());
    };
    if !"sradiuoxXeEfFgGc".contains(c) {
        return Err(if c == '%' {
            "a `%%` with flags or a width has no f-string form".into()
        } else {
            format!("`%{c}` is not a conversion (it raises at run time)")
        });
    }
    spec.conversion = c;
    Ok((Piece::Spec(spec), i + c.len_utf8()))
}

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
        .flat_map(|(_, pieces)| pieces.iter())
        .filter_map(|p| match p {
            Piece::Spec(s) => Some(s),
            _ => None,
        })
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
        let specs: Vec<&Spec> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Spec(s) => Some(s),
                _ => None,
            })
            .collect();
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

/// The text of a literal operand written in place of its conversion,
/// where that is exactly what `%` prints: a decimal int for `%s`, `%d`,
/// `%i`, `%u`, and a plain str literal (no escapes, no quotes) for `%s`,
/// without flags, width or precision.
fn inline(spec: &Spec, operand: &Operand<'_>) -> Option<String> {
    if !spec.flags.is_empty() || spec.width.is_some() || spec.precision.is_some() {
        return None;
    }
    let node = unparen(operand.node);
    let text = node.text();
    match (spec.conversion, node.kind()) {
        ('s' | 'd' | 'i' | 'u', NodeKind::Number | NodeKind::Unary) => {
            let digits = text.strip_prefix('-').unwrap_or(text);
            let decimal = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (digits == "0" || !digits.starts_with('0'))
                && !(text.starts_with('-') && digits == "0");
            decimal.then(|| text.to_string())
        }
        ('s', NodeKind::String) => {
            let literal = split_literal(text)?;
            let plain = literal.quote.len() == 1
                && literal.prefix.chars().all(|c| c.eq_ignore_ascii_case(&'u'))
                && !literal.body.contains(['\\', '\'', '"', '\n', '\r']);
            plain.then(|| literal.body.to_string())
        }
        _ => None,
    }
}

/// The replacement field for one conversion.
fn field(
    spec: &Spec,
    operand: &Operand<'_>,
    quote: &str,
    target: Version,
) -> Result<(String, Safety), String> {
    let flags = &spec.flags;
    let left = flags.contains('-');
    let sign = if flags.contains('+') {
        "+"
    } else if flags.contains(' ') {
        " "
    } else {
        ""
    };
    let width = spec.width.map(|w| w.to_string()).unwrap_or_default();
    let precision = spec.precision.map(|p| format!(".{p}")).unwrap_or_default();
    let c = spec.conversion;
    let mut safety = Safety::Safe;
    let (conversion, format_spec) = match c {
        's' | 'r' | 'a' => {
            // `%` ignores the flags `+`, space, `#` and `0` here.
            let is_str = matches!(operand.known, Known::Str { .. });
            let align = match (&spec.width, left) {
                (None, _) => "",
                (Some(_), true) => "<",
                (Some(_), false) => ">",
            };
            let conversion = match c {
                's' if is_str => "",
                's' if spec.width.is_none()
                    && spec.precision.is_none()
                    && matches!(operand.known, Known::Int { .. } | Known::Float) =>
                {
                    ""
                }
                's' => "!s",
                'r' => "!r",
                _ => "!a",
            };
            (conversion, format!("{align}{width}{precision}"))
        }
        // `%` ignores a precision and the flags but `-` here.
        'c' => match operand.known {
            // A negative int raises, and is not checked further.
            Known::Int {
                negative: Some(false),
            } => {
                let align = if left { "<" } else { ">" };
                let align = if width.is_empty() { "" } else { align };
                ("", format!("{align}{width}c"))
            }
            Known::Str { chars: Some(1) } => {
                let align = if left { "<" } else { ">" };
                let align = if width.is_empty() { "" } else { align };
                ("", format!("{align}{width}"))
            }
            _ => {
                return Err(
                    "`%c` takes an int or a one-character string, and the operand may be neither"
                        .into(),
                );
            }
        },
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let kind = match c {
                'o' | 'x' | 'X' => c,
                _ => 'd',
            };
            let negative = match operand.known {
                Known::Int { negative } => negative,
                Known::Bool => Some(false),
                Known::Float => {
                    return Err(format!(
                        "`%{c}` truncates a float, and `{{x:{kind}}}` raises for one"
                    ));
                }
                Known::Unknown => {
                    return Err(format!(
                        "`%{c}` of an operand of unknown type: `%` accepts floats and `__index__` objects that `{{x:{kind}}}` rejects"
                    ));
                }
                _ => return Err(format!("`%{c}` of a value that is not a number raises")),
            };
            let alternate = if flags.contains('#') && kind != 'd' {
                "#"
            } else {
                ""
            };
            let spec_text = match spec.precision {
                None => {
                    let plain = kind == 'd'
                        && operand.known != Known::Bool
                        && width.is_empty()
                        && sign.is_empty();
                    let type_char = if plain {
                        String::new()
                    } else {
                        kind.to_string()
                    };
                    numeric_spec(flags, sign, alternate, &width, "", &type_char)
                }
                Some(p) => {
                    // `%` zero-fills the digits to the precision.
                    if !sign.is_empty() || !alternate.is_empty() {
                        return Err(format!("a precision with the flags `{flags}` on `%{c}`"));
                    }
                    let Some(negative) = negative else {
                        return Err(format!("a precision on `%{c}` of a value of unknown sign"));
                    };
                    let total = p + usize::from(negative);
                    if spec.width.is_some_and(|w| w > total) {
                        return Err(format!("both a width and a precision on `%{c}`"));
                    }
                    format!("0{total}{kind}")
                }
            };
            ("", spec_text)
        }
        _ => {
            // e E f F g G
            match operand.known {
                Known::Int { .. } | Known::Bool | Known::Float => {}
                Known::Unknown => safety = Safety::Unsafe,
                _ => {
                    return Err(format!(
                        "`%{c}` of a value that is not a real number raises"
                    ));
                }
            }
            let alternate = if flags.contains('#') { "#" } else { "" };
            (
                "",
                numeric_spec(flags, sign, alternate, &width, &precision, &c.to_string()),
            )
        }
    };
    let expression = expression_text(operand, quote, target)?;
    let format_spec = if format_spec.is_empty() {
        String::new()
    } else {
        format!(":{format_spec}")
    };
    Ok((format!("{{{expression}{conversion}{format_spec}}}"), safety))
}

/// A number's format spec in `format`'s order: `[<][sign][#][0][width]
/// [.precision][type]`. `%`'s `-` flag (left-align) wins over `0`.
fn numeric_spec(
    flags: &str,
    sign: &str,
    alternate: &str,
    width: &str,
    precision: &str,
    type_char: &str,
) -> String {
    let (align, zero) = match (flags.contains('-'), flags.contains('0')) {
        _ if width.is_empty() => ("", ""),
        (true, _) => ("<", ""),
        (false, true) => ("", "0"),
        (false, false) => ("", ""),
    };
    format!("{align}{sign}{alternate}{zero}{width}{precision}{type_char}")
}

/// The operand's code as it can stand inside a replacement field.
fn expression_text(operand: &Operand<'_>, quote: &str, target: Version) -> Result<String, String> {
    let node = operand.node;
    let text = node.text();
    let tree = node.tree();
    if node
        .token_range()
        .any(|i| tree.tokens().kind(i as usize) == molt_syntax::TokenKind::Comment)
    {
        return Err("a comment inside an operand".into());
    }
    let modern = target >= Version(3, 12);
    if !modern {
        if text.contains(['\n', '\r']) {
            return Err(format!(
                "an operand that spans lines (allowed in replacement fields from 3.12; the target is {target})"
            ));
        }
        if text.contains('\\') {
            return Err(format!(
                "a backslash inside a replacement field needs Python 3.12 (the target is {target})"
            ));
        }
        let quote_char = &quote[..1];
        if text.contains(quote_char) {
            return Err(format!(
                "the operand uses the string's quote {quote_char}, which a replacement field may reuse only from 3.12 (the target is {target})"
            ));
        }
    }
    let mut text = text.to_string();
    if precedence::of(unparen(node)) < precedence::IF_EXP {
        text = format!("({text})");
    }
    if text.starts_with('{') {
        text.insert(0, ' ');
    }
    Ok(text)
}
