//! Character classes as CPython defines them, from tables generated out of
//! the oracle's Unicode database (`cargo xtask codegen`).

mod tables;

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isprintable()` for one character: what `repr` leaves unescaped.
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    in_table(tables::PRINTABLE, c)
}

/// May `c` start an identifier (PEP 3131)?
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_table(tables::XID_START, c)
}

/// May `c` continue an identifier (PEP 3131)?
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_table(tables::XID_CONTINUE, c)
}

/// The byte index of the first character that makes `name` not an
/// identifier, as CPython's `_PyUnicode_ScanIdentifier` finds it.
pub fn invalid_identifier_char(name: &str) -> Option<usize> {
    let mut chars = name.char_indices();
    let (_, first) = chars.next()?;
    if !is_id_start(first) {
        return Some(0);
    }
    chars.find(|&(_, c)| !is_id_continue(c)).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classes() {
        assert!(is_printable(' ') && !is_printable('\t') && !is_printable('\x7f'));
        assert!(is_id_start('_') && is_id_start('a') && !is_id_start('1'));
        assert!(is_id_continue('1') && !is_id_continue('-'));
    }

    #[test]
    fn non_ascii_classes() {
        assert!(is_id_start('é') && is_id_start('π') && !is_id_start('€'));
        assert!(is_printable('€') && !is_printable('\u{200b}') && !is_printable('\u{a0}'));
        assert_eq!(invalid_identifier_char("a€b"), Some(1));
        assert_eq!(invalid_identifier_char("ab"), None);
    }
}
