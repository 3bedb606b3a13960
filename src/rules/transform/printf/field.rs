//! One conversion as f-string text: a replacement field, or a literal
//! operand written in place.

use super::Operand;
use super::format::{Spec, split_literal};
use super::operands::Known;
use crate::rules::pattern::unparen;
use crate::rules::precedence;
use crate::rules::schema::Safety;
use crate::rules::version::Version;
use molt_syntax::NodeKind;
/// The text of a literal operand written in place of its conversion,
/// where that is exactly what `%` prints: a decimal int for `%s`, `%d`,
/// `%i`, `%u`, and a plain str literal (no escapes, no quotes) for `%s`,
/// without flags, width or precision.
pub(super) fn inline(spec: &Spec, operand: &Operand<'_>) -> Option<String> {
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
pub(super) fn field(
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
