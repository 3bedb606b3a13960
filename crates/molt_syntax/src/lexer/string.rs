//! String literals, and the start of f-strings and t-strings (whose insides
//! fstring.rs reads).

use super::{EOF, Lexer, MAXFSTRINGLEVEL, ModeKind, Step, StringMode};
use crate::token::TokenKind;

impl Lexer<'_> {
    /// A string (any prefix but f/t) whose opening quote was just read.
    pub(super) fn string(&mut self, top: usize, start: u32, quote: u8) -> Step {
        let quote = quote as i32;
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;
        let mut quote_size = 1;
        let mut end_quote_size = 0;
        let mut escaped_quote = false;

        let mut c = self.nextc()?;
        if c == quote {
            c = self.nextc()?;
            if c == quote {
                quote_size = 3;
            } else {
                end_quote_size = 1; // the empty string
            }
        }
        if c != quote {
            self.backup(c);
        }

        while end_quote_size != quote_size {
            c = self.nextc()?;
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                // Report at the opening quote.
                self.cur = start + 1;
                self.line_start = self.multi_line_start;
                let detected = self.lineno;
                self.lineno = self.first_lineno;
                if self.inside_fstring() {
                    let mode = self.modes[top];
                    if mode.quote as i32 == quote && mode.quote_size == quote_size {
                        return Err(self.syntax_error(format!("{}: expecting '}}'", mode.what())));
                    }
                }
                let message = if quote_size == 3 {
                    format!(
                        "unterminated triple-quoted string literal (detected at line {detected})"
                    )
                } else if escaped_quote {
                    format!(
                        "unterminated string literal (detected at line {detected}); \
                         perhaps you escaped the end quote?"
                    )
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err(self.syntax_error(message));
            }
            if c == quote {
                end_quote_size += 1;
            } else {
                end_quote_size = 0;
                if c == b'\\' as i32 {
                    c = self.nextc()?;
                    escaped_quote |= c == quote;
                    if c == b'\r' as i32 {
                        self.nextc()?;
                    }
                }
            }
        }
        self.made(TokenKind::String, start, self.cur)
    }

    /// The start of an f-string or t-string: push a string mode.
    pub(super) fn fstring_start(
        &mut self,
        start: u32,
        quote: u8,
        template: bool,
        raw: bool,
    ) -> Step {
        self.first_lineno = self.lineno;
        self.multi_line_start = self.line_start;
        let mut quote_size = 1;
        let after = self.nextc()?;
        if after == quote as i32 {
            let after_after = self.nextc()?;
            if after_after == quote as i32 {
                quote_size = 3;
            } else {
                self.backup(after_after);
                self.backup(after);
            }
        } else {
            self.backup(after);
        }
        let what = if template { "t-strings" } else { "f-strings" };
        if self.modes.len() >= MAXFSTRINGLEVEL {
            return Err(self.syntax_error(format!("too many nested {what}")));
        }
        self.modes.push(StringMode {
            kind: ModeKind::FString,
            quote,
            quote_size,
            raw,
            template,
            start,
            multi_line_start: self.line_start,
            line: self.lineno,
            curly_depth: 0,
            expr_start_depth: -1,
            in_format_spec: false,
            debug: false,
        });
        let kind = if template {
            TokenKind::TStringStart
        } else {
            TokenKind::FStringStart
        };
        self.made(kind, start, self.cur)
    }
}
