//! PEP 263 coding cookies: `# -*- coding: latin-1 -*-` on line 1 or 2.

use std::ops::Range;

/// A coding declaration found in the first two lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    /// The name as written (`Latin-1`).
    pub name: String,
    /// 1-based line of the declaration.
    pub line: u32,
    /// Where the name is, in bytes of the input.
    pub range: Range<usize>,
}

/// The physical lines `bytes` starts with: `(start, line)`, newline included.
pub(crate) fn first_lines(bytes: &[u8], count: usize) -> Vec<(usize, &[u8])> {
    let mut out = Vec::new();
    let mut start = 0;
    while out.len() < count && start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        out.push((start, &bytes[start..end]));
        start = end;
    }
    out
}

/// The coding spec of one line, as CPython's `get_coding_spec` reads it: the
/// line holds only a comment, and the comment has `coding[:=]` followed by a
/// name made of ASCII letters, digits, `-`, `_` and `.`.
pub(crate) fn coding_spec(line: &[u8]) -> Option<Range<usize>> {
    let hash = line
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\x0c'))?;
    if line[hash] != b'#' {
        return None;
    }
    let mut i = hash;
    while i + 6 < line.len() {
        if &line[i..i + 6] == b"coding" && matches!(line[i + 6], b':' | b'=') {
            let mut begin = i + 7;
            while begin < line.len() && matches!(line[begin], b' ' | b'\t') {
                begin += 1;
            }
            let mut end = begin;
            while end < line.len()
                && (line[end].is_ascii_alphanumeric() || matches!(line[end], b'-' | b'_' | b'.'))
            {
                end += 1;
            }
            if end > begin {
                return Some(begin..end);
            }
        }
        i += 1;
    }
    None
}

/// A line with nothing but blanks and perhaps a comment: after it, line 2
/// may still carry the cookie.
pub(crate) fn is_blank_or_comment(line: &[u8]) -> bool {
    match line.iter().find(|&&b| !matches!(b, b' ' | b'\t' | b'\x0c')) {
        None => true,
        Some(&b) => matches!(b, b'#' | b'\r' | b'\n'),
    }
}

/// Finds the cookie in the first two lines of `bytes` (a BOM already
/// skipped; `offset` is where `bytes` starts in the input).
pub fn find_cookie(bytes: &[u8], offset: usize) -> Option<Cookie> {
    for (n, (start, line)) in first_lines(bytes, 2).into_iter().enumerate() {
        if let Some(r) = coding_spec(line) {
            let name = String::from_utf8_lossy(&line[r.clone()]).into_owned();
            let range = offset + start + r.start..offset + start + r.end;
            return Some(Cookie {
                name,
                line: n as u32 + 1,
                range,
            });
        }
        if !is_blank_or_comment(line) {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(src: &str) -> Option<String> {
        find_cookie(src.as_bytes(), 0).map(|c| c.name)
    }

    #[test]
    fn finds_emacs_and_vim_styles() {
        assert_eq!(
            name("# -*- coding: latin-1 -*-\n").as_deref(),
            Some("latin-1")
        );
        assert_eq!(
            name("#!/usr/bin/python\n# vim: set fileencoding=cp1252 :\n").as_deref(),
            Some("cp1252")
        );
        assert_eq!(name("#coding:utf8\n").as_deref(), Some("utf8"));
    }

    #[test]
    fn only_in_comment_only_lines_one_and_two() {
        assert_eq!(name("x = 1  # coding: latin-1\n"), None);
        assert_eq!(name("x = 1\n# coding: latin-1\n"), None);
        assert_eq!(name("\n\n# coding: latin-1\n"), None);
        assert_eq!(name("# coding:\n"), None);
        assert_eq!(
            name("# coding: \n# coding: koi8-r\n").as_deref(),
            Some("koi8-r")
        );
    }
}
