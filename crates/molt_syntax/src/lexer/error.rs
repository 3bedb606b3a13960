//! Lexical errors, with CPython's message, exception class and place.

use super::{Lexer, Mode, Stop};
use crate::TextRange;
use crate::source::char_count;

/// The exception class CPython raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// CPython's parser gives up on input nested too deeply.
    MemoryError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A lexical error: CPython's message, its line and (1-based, in
/// characters) offset as CPython reports them, and the bytes to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexError {
    pub kind: ErrorKind,
    pub message: String,
    pub line: u32,
    pub offset: u32,
    pub range: TextRange,
}

/// Why the indentation of a line is wrong (CPython's `E_DEDENT` and friends).
#[derive(Clone, Copy)]
pub(super) enum IndentProblem {
    Dedent,
    TabSpace,
    TooDeep,
}

impl Lexer<'_> {
    /// Record the error and stop. `offset` is CPython's; the caret goes to
    /// the character before it on `line`, which starts at `line_start`.
    pub(super) fn fail_at(
        &mut self,
        message: String,
        line: u32,
        offset: u32,
        line_start: u32,
        kind: ErrorKind,
    ) -> Stop {
        let mut at = line_start as usize;
        for _ in 1..offset.max(1) {
            match self.text[at.min(self.text.len())..].chars().next() {
                Some('\n' | '\r') | None => break,
                Some(c) => at += c.len_utf8(),
            }
        }
        let width = self.text[at.min(self.text.len())..]
            .chars()
            .next()
            .filter(|c| !matches!(c, '\n' | '\r'))
            .map_or(0, char::len_utf8);
        let range = TextRange::new(at as u32, (at + width) as u32);
        self.error = Some(LexError {
            kind,
            message,
            line,
            offset,
            range,
        });
        Stop
    }

    /// An error on the current line, at CPython's `offset`.
    pub(super) fn fail_on_line(
        &mut self,
        kind: ErrorKind,
        message: impl Into<String>,
        offset: u32,
    ) -> Stop {
        let (line, line_start) = (self.lineno, self.line_start);
        self.fail_at(message.into(), line, offset, line_start, kind)
    }

    /// Characters from the start of the current line to `to`.
    pub(super) fn chars_since_line_start(&self, to: u32) -> u32 {
        let from = self.line_start.min(to) as usize;
        char_count(&self.src[from..(to as usize).min(self.src.len())])
    }

    /// CPython's `_PyTokenizer_syntaxerror`: at the current position.
    pub(super) fn syntax_error(&mut self, message: impl Into<String>) -> Stop {
        let offset = self.chars_since_line_start(self.cur);
        self.fail_on_line(ErrorKind::SyntaxError, message, offset)
    }

    /// CPython's `_PyTokenizer_syntaxerror_known_range`: at a byte column.
    pub(super) fn syntax_error_at(&mut self, message: impl Into<String>, col: u32) -> Stop {
        let offset = self.chars_since_line_start(self.line_start + col);
        self.fail_on_line(ErrorKind::SyntaxError, message, offset)
    }

    /// A bad indentation, reported as the tokenize module or the compiler
    /// reports it.
    pub(super) fn indent_error(&mut self, problem: IndentProblem) -> Stop {
        let (kind, message) = match problem {
            IndentProblem::Dedent => (
                ErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
            ),
            IndentProblem::TabSpace => (
                ErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
            ),
            IndentProblem::TooDeep => (
                ErrorKind::IndentationError,
                "too many levels of indentation",
            ),
        };
        let offset = match (self.mode, problem) {
            (Mode::Tokenize, _) => self.buffer_width() + 1,
            (Mode::Compile, IndentProblem::Dedent) => {
                let end = self.inp.min(self.len);
                self.chars_since_line_start(end)
            }
            (Mode::Compile, _) => 1,
        };
        self.fail_on_line(kind, message, offset)
    }

    /// `unexpected character after line continuation character`.
    pub(super) fn continuation_error(&mut self) -> Stop {
        let message = "unexpected character after line continuation character";
        match self.mode {
            Mode::Tokenize => {
                let offset = self.buffer_width() + 1;
                self.fail_on_line(ErrorKind::SyntaxError, message, offset)
            }
            Mode::Compile => self.syntax_error(message),
        }
    }

    /// End of input inside a statement: after a backslash, or (tokenize
    /// mode) inside brackets.
    pub(super) fn eof_error(&mut self) -> Stop {
        match self.mode {
            Mode::Tokenize => {
                let offset = self.inp - self.buf_start;
                self.fail_on_line(
                    ErrorKind::SyntaxError,
                    "unexpected EOF in multi-line statement",
                    offset,
                )
            }
            Mode::Compile => match self.parens.last().copied() {
                Some(paren) => {
                    let offset =
                        char_count(&self.src[paren.line_start as usize..paren.offset as usize]) + 1;
                    self.fail_at(
                        format!("'{}' was never closed", paren.ch as char),
                        paren.line,
                        offset,
                        paren.line_start,
                        ErrorKind::SyntaxError,
                    )
                }
                None => {
                    let offset = self.inp.min(self.len) - self.line_start;
                    self.fail_on_line(
                        ErrorKind::SyntaxError,
                        "unexpected EOF while parsing",
                        offset,
                    )
                }
            },
        }
    }

    /// Characters in the buffer, up to the end of the current line without
    /// its newline (what CPython's tokenize module counts for some errors).
    fn buffer_width(&self) -> u32 {
        let mut end = self.inp.min(self.len) as usize;
        let start = self.buf_start as usize;
        while end > start && matches!(self.src[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        char_count(&self.src[start..end.max(start)])
    }
}
