//! Python's `repr()` of a `str`: its quote choice and escapes
//! (`unicode_repr` in CPython's `Objects/unicodeobject.c`).

use crate::unicode::is_printable;
use std::fmt::Write;

/// Append `repr(s)` to `out`.
pub fn push_str_repr(out: &mut String, s: &str) {
    if s.bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'\\' && b != b'\'')
    {
        out.push('\'');
        out.push_str(s);
        out.push('\'');
        return;
    }
    push_code_points_repr(out, s.chars().map(u32::from));
}

/// `repr` of a Python string given as code points, which (unlike a Rust
/// `str`) may hold lone surrogates.
pub fn push_code_points_repr(out: &mut String, s: impl Iterator<Item = u32> + Clone) {
    let has = |q: u32| s.clone().any(|c| c == q);
    let quote = if has(u32::from('\'')) && !has(u32::from('"')) {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for n in s {
        let c = char::from_u32(n);
        match c {
            Some('\\') => out.push_str("\\\\"),
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if c == quote => {
                out.push('\\');
                out.push(c);
            }
            Some(c @ ' '..='~') => out.push(c),
            Some(c) if !c.is_ascii() && is_printable(c) => out.push(c),
            _ => {
                let _ = if n < 0x100 {
                    write!(out, "\\x{n:02x}")
                } else if n < 0x10000 {
                    write!(out, "\\u{n:04x}")
                } else {
                    write!(out, "\\U{n:08x}")
                };
            }
        }
    }
    out.push(quote);
}

/// `repr(s)`.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str_repr(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::str_repr;

    #[test]
    fn quotes_and_escapes_follow_python() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("'\""), "'\\'\"'");
        assert_eq!(str_repr("a\\b\n\t\r"), "'a\\\\b\\n\\t\\r'");
        assert_eq!(str_repr("\x00\x1b\x7f\u{a0}"), "'\\x00\\x1b\\x7f\\xa0'");
        assert_eq!(
            str_repr("é€\u{200b}\u{e000}\u{10ffff}"),
            "'é€\\u200b\\ue000\\U0010ffff'"
        );
    }
}
