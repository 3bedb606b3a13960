//! Literals: numbers evaluated as CPython evaluates them, string and bytes
//! escapes decoded, implicit concatenation joined, f-strings as
//! `JoinedStr` / `FormattedValue`.

use super::{LResult, Lowerer, is_expr};
use crate::*;
use molt_syntax::syntax::Child;
use molt_syntax::{NodeKind, SyntaxNode, TokenKind};
use num_bigint::BigInt;

impl Lowerer<'_> {
    pub(crate) fn number(&self, node: SyntaxNode<'_>) -> LResult<Value> {
        self.number_text(self.text(node))
            .map_err(|m| self.error(node, m))
    }

    /// The value of a NUMBER token's text.
    pub(crate) fn number_text(&self, text: &str) -> Result<Value, String> {
        // Most literals are small decimal integers: no copy of the text.
        if text.len() <= 18
            && text.bytes().all(|b| b.is_ascii_digit())
            && (text == "0" || !text.starts_with('0'))
            && let Ok(small) = text.parse::<u64>()
        {
            return Ok(Value::Int(BigInt::from(small)));
        }
        // Copied only to drop underscores; letters of either case are read
        // as they are (Rust's parsers take `E` and `A`-`F` too).
        let text: std::borrow::Cow<'_, str> = if text.contains('_') {
            text.replace('_', "").into()
        } else {
            text.into()
        };
        let prefix = |p: &[u8]| {
            let bytes = text.as_bytes();
            (bytes.len() >= 2 && bytes[..2].eq_ignore_ascii_case(p)).then(|| &bytes[2..])
        };
        let value = if let Some(imag) = text.strip_suffix(['j', 'J']) {
            imag.parse::<f64>()
                .ok()
                .map(|imag| Value::Complex { real: 0.0, imag })
        } else if let Some(hex) = prefix(b"0x") {
            BigInt::parse_bytes(hex, 16).map(Value::Int)
        } else if let Some(oct) = prefix(b"0o") {
            BigInt::parse_bytes(oct, 8).map(Value::Int)
        } else if let Some(bin) = prefix(b"0b") {
            BigInt::parse_bytes(bin, 2).map(Value::Int)
        } else if text.contains(['.', 'e', 'E']) {
            text.parse::<f64>().ok().map(Value::Float)
        } else {
            BigInt::parse_bytes(text.as_bytes(), 10).map(Value::Int)
        };
        value.ok_or_else(|| format!("invalid number literal {text}"))
    }

    /// A string literal, a concatenation, or an f-string.
    pub(crate) fn strings(&self, node: SyntaxNode<'_>) -> LResult<Expr> {
        let loc = self.loc(node);
        let pieces: super::ExprNodes<'_> = if node.kind() == NodeKind::Strings {
            node.children().collect()
        } else {
            smallvec::smallvec![node]
        };
        if pieces.iter().any(|p| p.kind() == NodeKind::TString) {
            // PEP 750: the parser allows t-strings only with t-strings.
            let mut parts = Parts::default();
            for p in &pieces {
                self.fstring_parts(*p, &mut parts, true, is_raw(self.text(*p)))?;
            }
            return Ok(Expr::TemplateStr(TemplateStr {
                values: parts.finish(self),
                loc,
            }));
        }
        let first = self.text(pieces[0]);
        if pieces.iter().all(|p| p.kind() == NodeKind::String) {
            let prefix = prefix_of(first);
            if prefix.contains(['b', 'B']) {
                let mut bytes = Vec::new();
                for p in &pieces {
                    bytes.extend(self.bytes_literal(*p)?);
                }
                return Ok(Expr::Constant(Constant {
                    value: Value::Bytes(bytes),
                    kind: None,
                    loc,
                }));
            }
            let kind = prefix.contains(['u', 'U']).then(|| "u".into());
            let decoded = pieces
                .iter()
                .map(|p| self.str_literal(*p))
                .collect::<LResult<smallvec::SmallVec<[PyText; 1]>>>()?;
            let value = if decoded.iter().all(|d| matches!(d, PyText::Text(_))) {
                // The first piece's string takes the others.
                let mut texts = decoded.into_iter().filter_map(|d| match d {
                    PyText::Text(t) => Some(t),
                    PyText::Wide(_) => None,
                });
                let mut text = texts.next().unwrap_or_default();
                for t in texts {
                    text.push_str(&t);
                }
                Value::Str(text)
            } else {
                Value::StrWithSurrogates(
                    decoded.into_iter().flat_map(PyText::code_points).collect(),
                )
            };
            return Ok(Expr::Constant(Constant { value, kind, loc }));
        }
        // An f-string, perhaps concatenated with plain strings.
        let mut parts = Parts::default();
        for p in &pieces {
            match p.kind() {
                NodeKind::String => {
                    let range = p.range();
                    let text = self.str_literal(*p)?;
                    parts.text(text, range.start, range.end);
                }
                _ => self.fstring_parts(*p, &mut parts, false, is_raw(self.text(*p)))?,
            }
        }
        Ok(Expr::JoinedStr(JoinedStr {
            values: parts.finish(self),
            loc,
        }))
    }

    /// The literal text and replacement fields of one f-string (or of a
    /// format spec inside it: `raw` is the enclosing string's).
    fn fstring_parts(
        &self,
        node: SyntaxNode<'_>,
        parts: &mut Parts,
        template: bool,
        raw: bool,
    ) -> LResult<()> {
        for child in node.children_with_tokens() {
            match *child {
                Child::Token(i)
                    if matches!(
                        self.tree.tokens().kind(i as usize),
                        TokenKind::FStringMiddle | TokenKind::TStringMiddle
                    ) =>
                {
                    let range = self.tree.tokens().range(i as usize);
                    let escaped = self.tree.tokens().get(i as usize).flags
                        & molt_syntax::Token::ESCAPED_BRACE
                        != 0;
                    let mut text = &self.tree.text()[range.as_usize()];
                    if escaped {
                        text = &text[..text.len() - 1];
                    }
                    let decoded = if raw {
                        PyText::Text(text.to_string())
                    } else {
                        decode_str(text).map_err(|m| self.error(node, m))?
                    };
                    parts.text(decoded, range.start, range.end);
                }
                Child::Node(id) if self.tree.node(id).kind() == NodeKind::Interpolation => {
                    let field = self.tree.node(id);
                    self.replacement_field(field, parts, template, raw)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// `{value!c:spec}`: a `FormattedValue`, or in a t-string an
    /// `Interpolation` that also keeps the expression's text.
    fn replacement_field(
        &self,
        field: SyntaxNode<'_>,
        parts: &mut Parts,
        template: bool,
        raw: bool,
    ) -> LResult<()> {
        let value = field.children().find(is_expr).expect("an expression");
        let debug = field.child_token("=").is_some();
        if debug {
            // `{x = }` shows its own text: from after `{` to after `=`.
            let open = field.token_range().start;
            let start = self.tree.tokens().range(open as usize).end;
            let eq = field.child_token("=").expect("the =");
            let tokens = self.tree.tokens();
            let next = (eq as usize + 1..tokens.len())
                .find(|&i| !tokens.kind(i).is_trivia())
                .unwrap_or(tokens.len() - 1);
            let end = tokens.range(next).start;
            let text = strip_debug_comments(&self.tree.text()[start as usize..end as usize]);
            parts.text(PyText::Text(text), start, end);
        }
        let conversion = match field.child(NodeKind::Conversion) {
            Some(c) => c
                .last_name()
                .and_then(|n| n.bytes().next())
                .map_or(-1, i64::from),
            None if debug && field.child(NodeKind::FormatSpec).is_none() => i64::from(b'r'),
            None => -1,
        };
        let format_spec = match field.child(NodeKind::FormatSpec) {
            Some(spec) => {
                // Fields inside a format spec are formatted eagerly, even
                // in a t-string: `FormattedValue`s.
                let mut inner = Parts::default();
                self.fstring_parts(spec, &mut inner, false, raw)?;
                let loc = self.spec_location(spec);
                Some(Box::new(Expr::JoinedStr(JoinedStr {
                    values: inner.finish(self),
                    loc,
                })))
            }
            None => None,
        };
        let loc = self.loc(field);
        let lowered = Box::new(self.expr(value)?);
        parts.push(if template {
            let text = Value::Str(self.text(value).to_string());
            Expr::Interpolation(Interpolation {
                value: lowered,
                str: text,
                conversion,
                format_spec,
                loc,
            })
        } else {
            Expr::FormattedValue(FormattedValue {
                value: lowered,
                conversion,
                format_spec,
                loc,
            })
        });
        Ok(())
    }

    /// A format spec's `JoinedStr` covers the spec from its `:` to the
    /// closing `}`.
    fn spec_location(&self, spec: SyntaxNode<'_>) -> Location {
        let range = spec.range();
        self.span(range.start, range.end)
    }

    fn str_literal(&self, node: SyntaxNode<'_>) -> LResult<PyText> {
        let text = self.text(node);
        let (prefix, body) = split_literal(text);
        if prefix.contains(['r', 'R']) {
            return Ok(PyText::Text(body.to_string()));
        }
        decode_str(body).map_err(|m| self.error(node, m))
    }

    fn bytes_literal(&self, node: SyntaxNode<'_>) -> LResult<Vec<u8>> {
        let text = self.text(node);
        let (prefix, body) = split_literal(text);
        if let Some(c) = body.chars().find(|c| !c.is_ascii()) {
            let _ = c;
            return Err(self.error(node, "bytes can only contain ASCII literal characters"));
        }
        if prefix.contains(['r', 'R']) {
            return Ok(body.as_bytes().to_vec());
        }
        decode_bytes(body).map_err(|m| self.error(node, m))
    }
}

/// The pieces of a `JoinedStr` being built: adjacent text is merged into
/// one `Constant` spanning all of it (byte offsets until `finish`).
#[derive(Default)]
struct Parts {
    values: Vec<Part>,
}

enum Part {
    Text(PyText, u32, u32),
    Value(Box<Expr>),
}

impl Parts {
    fn text(&mut self, text: PyText, start: u32, end: u32) {
        if let Some(Part::Text(t, _, e)) = self.values.last_mut() {
            match (t, text) {
                (PyText::Text(a), PyText::Text(b)) => a.push_str(&b),
                (t, b) => {
                    let mut points =
                        std::mem::replace(t, PyText::Text(String::new())).code_points();
                    points.extend(b.code_points());
                    *t = PyText::Wide(points);
                }
            }
            *e = end;
        } else {
            self.values.push(Part::Text(text, start, end));
        }
    }

    fn push(&mut self, value: Expr) {
        self.values.push(Part::Value(Box::new(value)));
    }

    fn finish(self, lowerer: &Lowerer<'_>) -> Vec<Expr> {
        self.values
            .into_iter()
            .filter_map(|part| match part {
                Part::Text(PyText::Text(s), _, _) if s.is_empty() => None,
                Part::Text(text, start, end) => {
                    let value = match text {
                        PyText::Text(s) => Value::Str(s),
                        PyText::Wide(points) => Value::StrWithSurrogates(points),
                    };
                    Some(Expr::Constant(Constant {
                        value,
                        kind: None,
                        loc: lowerer.span(start, end),
                    }))
                }
                Part::Value(v) => Some(*v),
            })
            .collect()
    }
}

/// Does a string literal's prefix make it raw?
fn is_raw(text: &str) -> bool {
    prefix_of(text).contains(['r', 'R'])
}

fn prefix_of(text: &str) -> &str {
    let end = text.find(['\'', '"']).unwrap_or(0);
    &text[..end]
}

/// `(prefix, body)`: the body without its quotes.
fn split_literal(text: &str) -> (&str, &str) {
    let prefix = prefix_of(text);
    let rest = &text[prefix.len()..];
    let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
        3
    } else {
        1
    };
    (prefix, &rest[quote..rest.len() - quote])
}

/// A decoded `str` literal: text, or code points when it holds lone
/// surrogates (which a Rust `String` cannot).
pub(crate) enum PyText {
    Text(String),
    Wide(Vec<u32>),
}

impl PyText {
    fn code_points(self) -> Vec<u32> {
        match self {
            PyText::Text(t) => t.chars().map(u32::from).collect(),
            PyText::Wide(w) => w,
        }
    }
}

/// Collects decoded characters, switching to code points at the first
/// lone surrogate.
struct Sink {
    text: String,
    wide: Option<Vec<u32>>,
}

impl Sink {
    fn push(&mut self, c: char) {
        match &mut self.wide {
            Some(w) => w.push(u32::from(c)),
            None => self.text.push(c),
        }
    }

    fn push_code(&mut self, n: u32) {
        match (char::from_u32(n), &mut self.wide) {
            (Some(c), _) => self.push(c),
            (None, Some(w)) => w.push(n),
            (None, None) => {
                let mut w: Vec<u32> = self.text.chars().map(u32::from).collect();
                w.push(n);
                self.wide = Some(w);
            }
        }
    }

    fn finish(self) -> PyText {
        match self.wide {
            Some(w) => PyText::Wide(w),
            None => PyText::Text(self.text),
        }
    }
}

/// Decode the escapes of a `str` literal, as CPython does.
pub(crate) fn decode_str(body: &str) -> Result<PyText, String> {
    if !body.contains(['\\', '\r']) {
        return Ok(PyText::Text(body.to_string()));
    }
    let mut out = Sink {
        text: String::with_capacity(body.len()),
        wide: None,
    };
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // The tokenizer reads `\r\n` and `\r` as `\n`.
            chars.next_if_eq(&'\n');
            out.push('\n');
            continue;
        }
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(e) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                chars.next_if_eq(&'\n');
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut n = e.to_digit(8).expect("an octal digit");
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            n = n * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push_code(n);
            }
            'x' | 'u' | 'U' => {
                let width = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let digits: String = (0..width)
                    .filter_map(|_| chars.next_if(|c| c.is_ascii_hexdigit()))
                    .collect();
                if digits.len() != width {
                    return Err(format!(
                        "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\{e} escape"
                    ));
                }
                let n = u32::from_str_radix(&digits, 16).expect("hex digits");
                if n > 0x10ffff {
                    return Err("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character".into());
                }
                out.push_code(n);
            }
            'N' => {
                let mut name = String::new();
                if chars.next_if_eq(&'{').is_some() {
                    while let Some(c) = chars.next_if(|c| *c != '}') {
                        name.push(c);
                    }
                }
                if chars.next_if_eq(&'}').is_none() || name.is_empty() {
                    return Err("(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape".into());
                }
                match molt_syntax::unicode::lookup_name(&name) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(format!(
                            "molt cannot resolve \\N{{{name}}} yet (name aliases are not in its tables)"
                        ));
                    }
                }
            }
            other => {
                // An invalid escape stays as written (with a warning).
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out.finish())
}

/// Decode the escapes of a `bytes` literal.
fn decode_bytes(body: &str) -> Result<Vec<u8>, String> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if c == b'\r' {
            if bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            out.push(b'\n');
            continue;
        }
        if c != b'\\' || i >= bytes.len() {
            out.push(c);
            continue;
        }
        let e = bytes[i];
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut n = u32::from(e - b'0');
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(d @ b'0'..=b'7') => {
                            n = n * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push((n & 0xff) as u8);
            }
            b'x' => {
                let digits = bytes
                    .get(i..i + 2)
                    .filter(|d| d.iter().all(u8::is_ascii_hexdigit));
                let Some(digits) = digits else {
                    return Err("(value error) invalid \\x escape".into());
                };
                out.push(
                    u8::from_str_radix(std::str::from_utf8(digits).expect("ASCII"), 16)
                        .expect("hex"),
                );
                i += 2;
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// The text a `{x = }` field shows: CPython drops every `#` and what
/// follows it on its line (it does not look at quotes).
fn strip_debug_comments(text: &str) -> String {
    if !text.contains('#') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for c in text.chars() {
        match c {
            '#' => in_comment = true,
            '\n' => {
                in_comment = false;
                out.push(c);
            }
            _ if !in_comment => out.push(c),
            _ => {}
        }
    }
    out
}
