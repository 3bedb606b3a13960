//! Edits recorded against an immutable tree and applied once: what a
//! transformer produces. Untouched text is never reprinted from the tree;
//! it is copied, so everything an edit does not touch stays byte-identical.

use super::{NodeKind, SyntaxNode, SyntaxTree};
use crate::{ParseError, TextRange, parse};

/// Replacements of byte ranges of a tree's text.
#[derive(Debug)]
pub struct Edits<'t> {
    tree: &'t SyntaxTree,
    edits: Vec<(TextRange, String)>,
}

/// The whitespace that starts the line of `text` holding byte `offset`.
pub fn indentation_at(text: &str, offset: u32) -> &str {
    let line_start = text[..offset as usize]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let rest = &text[line_start..];
    let width = rest.len() - rest.trim_start_matches([' ', '\t', '\x0c']).len();
    &text[line_start..line_start + width]
}

/// Why edits could not be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// Two edits touch the same bytes.
    Overlap(TextRange, TextRange),
    /// The edited text does not parse.
    Invalid(ParseError),
}

impl<'t> Edits<'t> {
    pub fn new(tree: &'t SyntaxTree) -> Edits<'t> {
        Edits {
            tree,
            edits: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// Replace the bytes `range` with `text`, as given.
    pub fn replace_range(&mut self, range: TextRange, text: impl Into<String>) {
        self.edits.push((range, text.into()));
    }

    /// Replace token `i` (an operator, a name) with `text`.
    pub fn replace_token(&mut self, i: u32, text: impl Into<String>) {
        let range = self.tree.tokens().range(i as usize);
        self.replace_range(range, text);
    }

    /// Replace a node with new code. Lines after the first are indented
    /// like the line the node starts on, so a statement can become several.
    pub fn replace(&mut self, node: SyntaxNode<'_>, code: &str) {
        let range = node.range();
        let indent = self.indentation_at(range.start);
        let mut text = String::with_capacity(code.len());
        for (i, line) in code.split_inclusive('\n').enumerate() {
            if i > 0 && !line.trim().is_empty() {
                text.push_str(indent);
            }
            text.push_str(line);
        }
        self.replace_range(range, text);
    }

    /// Remove the statement `node`: with its whole line when it stands
    /// alone there, with its `;` when it shares the line; a block left
    /// empty gets a `pass`.
    pub fn remove(&mut self, node: SyntaxNode<'_>) {
        let text = self.tree.text();
        let range = node.range();
        let line = node
            .parent()
            .filter(|p| p.kind() == NodeKind::SimpleStatements);
        let siblings = line.map_or(1, |l| l.children().filter(|c| c.is_statement()).count());
        if siblings > 1 {
            // `a; b`: drop `b` and the `; ` before it (or `a; ` after it).
            let after = &text[range.end as usize..];
            let trimmed = after.trim_start_matches([' ', '\t']);
            if let Some(rest) = trimmed.strip_prefix(';') {
                let skip = after.len() - rest.trim_start_matches([' ', '\t']).len();
                self.replace_range(TextRange::new(range.start, range.end + skip as u32), "");
            } else {
                let before = text[..range.start as usize].trim_end_matches([' ', '\t']);
                let start = before
                    .strip_suffix(';')
                    .map_or(range.start as usize, str::len);
                self.replace_range(TextRange::new(start as u32, range.end), "");
            }
            return;
        }
        let target = line.unwrap_or(node);
        let block = target.parent();
        let alone =
            block.is_some_and(|b| b.kind() == NodeKind::Block && b.statements().count() == 1);
        if alone {
            self.replace(node, "pass");
            return;
        }
        // The whole line: from its start (indentation) to after its newline.
        let line_start = text[..target.range().start as usize]
            .rfind(['\n', '\r'])
            .map_or(0, |i| i + 1);
        self.replace_range(TextRange::new(line_start as u32, target.range().end), "");
    }

    /// Insert code on its own line(s) before the statement `node`.
    pub fn insert_before(&mut self, node: SyntaxNode<'_>, code: &str) {
        let start = node.range().start;
        let indent = self.indentation_at(start);
        let mut text = String::new();
        for line in code.lines() {
            text.push_str(line);
            text.push('\n');
            text.push_str(indent);
        }
        self.replace_range(TextRange::empty(start), text);
    }

    /// The whitespace that starts the line holding byte `offset`.
    fn indentation_at(&self, offset: u32) -> &'t str {
        indentation_at(self.tree.text(), offset)
    }

    /// The edited text.
    pub fn apply(mut self) -> Result<String, EditError> {
        self.edits
            .sort_by_key(|(range, _)| (range.start, range.end));
        for pair in self.edits.windows(2) {
            let (a, b) = (pair[0].0, pair[1].0);
            if b.start < a.end || (a == b && !a.is_empty()) {
                return Err(EditError::Overlap(a, b));
            }
        }
        let text = self.tree.text();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (range, replacement) in &self.edits {
            out.push_str(&text[at..range.start as usize]);
            out.push_str(replacement);
            at = range.end as usize;
        }
        out.push_str(&text[at..]);
        Ok(out)
    }

    /// The edited text, if it still parses (a rewrite must never leave
    /// invalid code behind).
    pub fn apply_checked(self) -> Result<String, EditError> {
        let text = self.apply()?;
        match parse(&text).error {
            None => Ok(text),
            Some(error) => Err(EditError::Invalid(error)),
        }
    }
}
