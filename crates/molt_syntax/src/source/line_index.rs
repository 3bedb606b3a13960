//! Line starts of a text, to turn byte offsets into lines and columns.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r` (as CPython's compiler reads
//! them). Columns come in two units: UTF-8 bytes (what `ast` reports as
//! `col_offset`) and characters (what `tokenize` reports). A leading
//! byte-order mark is not part of line 1's columns: CPython strips it.

use crate::TextRange;

#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; `starts[0]` skips a BOM.
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let first = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut starts = vec![first];
        let mut i = 0;
        while let Some(off) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + off;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next as u32);
            i = next;
        }
        LineIndex {
            starts,
            len: text.len() as u32,
        }
    }

    /// Number of lines; a text ending in a newline has an empty last line.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line of `offset`.
    pub fn line(&self, offset: u32) -> u32 {
        self.starts.partition_point(|&s| s <= offset).max(1) as u32
    }

    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: u32) -> u32 {
        self.starts[(line as usize - 1).min(self.starts.len() - 1)]
    }

    /// The range of 1-based `line`, its line break included.
    pub fn line_range(&self, line: u32) -> TextRange {
        let start = self.line_start(line);
        let end = self.starts.get(line as usize).copied().unwrap_or(self.len);
        TextRange::new(start, end)
    }

    /// 1-based line and 0-based byte column of `offset`.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = self.line(offset);
        (line, offset.saturating_sub(self.line_start(line)))
    }

    /// `line_col`, looking first at 1-based line `near` and the one after
    /// it: a walk that visits offsets mostly in order (lowering a tree)
    /// skips the binary search.
    pub fn line_col_near(&self, offset: u32, near: u32) -> (u32, u32) {
        let at = |line: u32| {
            let i = line as usize;
            i >= 1
                && i <= self.starts.len()
                && self.starts[i - 1] <= offset
                && self.starts.get(i).is_none_or(|&next| offset < next)
        };
        let line = if at(near) {
            near
        } else if at(near + 1) {
            near + 1
        } else {
            self.line(offset)
        };
        (line, offset.saturating_sub(self.line_start(line)))
    }

    /// 1-based line and 0-based character column of `offset` in `text`.
    pub fn line_char_col(&self, text: &str, offset: u32) -> (u32, u32) {
        let line = self.line(offset);
        let start = self.line_start(line).min(offset);
        (
            line,
            char_count(&text.as_bytes()[start as usize..offset as usize]),
        )
    }
}

/// Positions of offsets visited in increasing order, in linear time: what a
/// listing of a whole file's tokens needs.
#[derive(Debug)]
pub struct LineCursor<'a> {
    text: &'a [u8],
    index: &'a LineIndex,
    line: u32,
    at: u32,
    col: u32,
}

impl<'a> LineCursor<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex) -> LineCursor<'a> {
        LineCursor {
            text: text.as_bytes(),
            index,
            line: 1,
            at: index.line_start(1),
            col: 0,
        }
    }

    /// `(line, column in characters)` of `offset`, which must not be before
    /// the previous one asked for.
    pub fn line_char_col(&mut self, offset: u32) -> (u32, u32) {
        while (self.line as usize) < self.index.line_count()
            && self.index.line_start(self.line + 1) <= offset
        {
            self.line += 1;
            self.at = self.index.line_start(self.line);
            self.col = 0;
        }
        if offset > self.at {
            self.col += char_count(&self.text[self.at as usize..offset as usize]);
            self.at = offset;
        }
        (self.line, self.col)
    }
}

/// Characters in a run of UTF-8 bytes (continuation bytes do not count).
pub fn char_count(bytes: &[u8]) -> u32 {
    if bytes.is_ascii() {
        return bytes.len() as u32;
    }
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\r\ncé\rx\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(0), (1, 0));
        assert_eq!(idx.line_col(4), (2, 0));
        assert_eq!(idx.line_col(6), (2, 2));
        assert_eq!(idx.line_char_col(text, 7), (2, 2));
        assert_eq!(idx.line_col(8), (3, 0));
    }

    #[test]
    fn the_cursor_agrees_with_the_index() {
        let text = "\u{feff}ab\r\ncé\rx\n\ny";
        let idx = LineIndex::new(text);
        let mut cursor = LineCursor::new(text, &idx);
        for offset in 3..=text.len() as u32 {
            if text.is_char_boundary(offset as usize) {
                assert_eq!(
                    cursor.line_char_col(offset),
                    idx.line_char_col(text, offset),
                    "{offset}"
                );
            }
        }
    }

    #[test]
    fn a_hint_never_changes_the_answer() {
        let text = "\u{feff}ab\r\ncé\rx\n\ny";
        let idx = LineIndex::new(text);
        for offset in 0..=text.len() as u32 + 2 {
            for near in 0..=idx.line_count() as u32 + 2 {
                assert_eq!(
                    idx.line_col_near(offset, near),
                    idx.line_col(offset),
                    "{offset} {near}"
                );
            }
        }
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}x = 1\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(3), (1, 0));
        assert_eq!(idx.line_char_col(text, 4), (1, 1));
    }
}
