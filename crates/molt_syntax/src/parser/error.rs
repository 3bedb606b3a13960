//! Syntax errors with CPython's message and place.
//!
//! CPython reports the first error only. A specific message (from its
//! `invalid_*` rules) is raised where it is found; otherwise the error is
//! a generic "invalid syntax" at the furthest token the parser looked at,
//! unless the tokenizer fails anywhere in the file (an unclosed bracket,
//! an unterminated string), which then wins; an unexpected INDENT or
//! DEDENT becomes "unexpected indent" / "unexpected unindent".

use super::{Fail, Parser};
use crate::TextRange;
use crate::lexer::{ErrorKind, LexError};
use crate::source::LineIndex;
use crate::token::TokenKind;

/// A syntax error: CPython's exception class, message, line and 1-based
/// character offset, and the bytes it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ErrorKind,
    pub message: String,
    pub line: u32,
    pub offset: u32,
    pub range: TextRange,
    /// A plain "invalid syntax", which a tokenizer error replaces.
    generic: bool,
}

impl From<&LexError> for ParseError {
    fn from(e: &LexError) -> ParseError {
        ParseError {
            kind: e.kind,
            message: e.message.clone(),
            line: e.line,
            offset: e.offset,
            range: e.range,
            generic: false,
        }
    }
}

impl Parser<'_> {
    /// An error about the bytes `range`, reported at its start.
    pub(crate) fn error_at(&mut self, range: TextRange, message: impl Into<String>) -> Fail {
        self.raise(ErrorKind::SyntaxError, range, message.into(), false)
    }

    pub(crate) fn indentation_error_at(
        &mut self,
        range: TextRange,
        message: impl Into<String>,
    ) -> Fail {
        self.raise(ErrorKind::IndentationError, range, message.into(), false)
    }

    pub(crate) fn raise_memory_error(&mut self, range: TextRange) -> Fail {
        let message = "Parser stack overflowed - Python source too complex to parse".to_string();
        self.raise(ErrorKind::MemoryError, range, message, false)
    }

    /// An error about the current token.
    pub(crate) fn error_here(&mut self, message: impl Into<String>) -> Fail {
        if self.at(TokenKind::ErrorToken) {
            return self.invalid_syntax();
        }
        let range = self.nth_range(0);
        self.error_at(range, message)
    }

    /// An error placed where CPython places `RAISE_SYNTAX_ERROR`: at the
    /// furthest token read.
    pub(crate) fn error_at_furthest(&mut self, message: impl Into<String>) -> Fail {
        let i = self.furthest.min(self.significant.len() - 1);
        let range = self.tokens.range(self.significant[i].token as usize);
        self.error_at(range, message)
    }

    /// No rule matched: CPython's generic error at the furthest token.
    pub(crate) fn invalid_syntax(&mut self) -> Fail {
        let i = self.furthest.min(self.significant.len() - 1);
        let token = self.significant[i].token as usize;
        let range = self.tokens.range(token);
        match self.tokens.kind(token) {
            TokenKind::Indent => {
                // CPython points at the last character of the indentation.
                let last = self.text[..range.end as usize]
                    .chars()
                    .next_back()
                    .map_or(0, char::len_utf8);
                self.indentation_error_at(
                    TextRange::new(range.end - last as u32, range.end),
                    "unexpected indent",
                )
            }

            TokenKind::Dedent => self.indentation_error_at(range, "unexpected unindent"),
            _ => self.raise(ErrorKind::SyntaxError, range, "invalid syntax".into(), true),
        }
    }

    fn raise(&mut self, kind: ErrorKind, range: TextRange, message: String, generic: bool) -> Fail {
        if self.speculating == 0 {
            let (line, offset) = self.place(range);
            self.error = Some(ParseError {
                kind,
                message,
                line,
                offset,
                range,
                generic,
            });
        }
        Fail
    }

    /// CPython's line and offset for an error about `range`. At the end of
    /// the input (ENDMARKER, the last DEDENTs) CPython uses the tokenizer's
    /// position: the last line, after its last byte.
    fn place(&self, range: TextRange) -> (u32, u32) {
        let index = LineIndex::new(self.text);
        let len = self.text.len() as u32;
        if range.is_empty() && range.start == len && len > 0 {
            let last = index.line(len.saturating_sub(1));
            return (last, len - index.line_start(last));
        }
        let (line, col) = index.line_char_col(self.text, range.start);
        (line, col + 1)
    }

    /// The error to report when parsing stopped.
    pub(crate) fn final_error(&mut self) -> ParseError {
        let error = self.error.take().unwrap_or_else(|| {
            self.invalid_syntax();
            self.error.take().expect("invalid_syntax records an error")
        });
        let Some(lex) = self.lex_error else {
            return error;
        };
        if self.reached_error_token() {
            return ParseError::from(lex);
        }
        // CPython then tokenizes the rest of the file: a tokenizer error
        // there wins, except that a bracket left open at the end wins only
        // over an error on a later line than the bracket.
        let unclosed = lex.message.ends_with("was never closed");
        if !unclosed || error.line > lex.line {
            ParseError::from(lex)
        } else {
            error
        }
    }

    fn reached_error_token(&self) -> bool {
        let i = self.furthest.min(self.significant.len() - 1);
        self.tokens.kind(self.significant[i].token as usize) == TokenKind::ErrorToken
    }
}
