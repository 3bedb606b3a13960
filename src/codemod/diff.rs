//! Unified diffs of a file before and after fixing, for review.

use similar::{ChangeTag, TextDiff};

/// A unified diff of `old` and `new`, labelled with `path`; coloured when
/// `color` (a terminal).
pub fn unified(path: &str, old: &str, new: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    let (red, green, cyan, bold, reset) = if color {
        ("\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    out.push_str(&format!(
        "{bold}--- {path}{reset}\n{bold}+++ {path}{reset}\n"
    ));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        out.push_str(&format!("{cyan}{}{reset}\n", hunk.header()));
        for change in hunk.iter_changes() {
            let (sign, colour) = match change.tag() {
                ChangeTag::Delete => ('-', red),
                ChangeTag::Insert => ('+', green),
                ChangeTag::Equal => (' ', ""),
            };
            let line = change.value();
            let trimmed = line.strip_suffix('\n').unwrap_or(line);
            let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
            let reset = if colour.is_empty() { "" } else { reset };
            out.push_str(&format!("{colour}{sign}{trimmed}{reset}\n"));
            if change.missing_newline() {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}
