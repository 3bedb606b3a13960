//! Reading a `%` format literal: its prefix, quote and body, split into
//! text, escapes and conversions.

use molt_syntax::{NodeKind, SyntaxNode};

/// A string literal's prefix, quote and body.
pub(super) struct Literal<'a> {
    pub(super) prefix: &'a str,
    pub(super) quote: &'a str,
    pub(super) body: &'a str,
}

pub(super) fn split_literal(text: &str) -> Option<Literal<'_>> {
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
pub(super) fn str_literal_value(node: SyntaxNode<'_>) -> Option<String> {
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
pub(super) struct Spec {
    pub(super) key: Option<String>,
    pub(super) flags: String,
    pub(super) width: Option<usize>,
    pub(super) precision: Option<usize>,
    /// The most digits written for the width or the precision (`%.099s`
    /// has 3), which decides whether CPython compiles the format as an
    /// f-string.
    pub(super) digits: usize,
    /// A length modifier (`h`, `l`, `L`), which `%` ignores.
    pub(super) length: bool,
    pub(super) conversion: char,
}

/// A piece of a format literal's body.
#[derive(Debug)]
pub(super) enum Piece<'a> {
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
pub(super) fn pieces<'a>(body: &'a str, raw: bool) -> Result<Vec<Piece<'a>>, String> {
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
