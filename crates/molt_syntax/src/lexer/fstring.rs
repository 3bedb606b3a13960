//! The literal parts of f-strings and t-strings (CPython's
//! `tok_get_fstring_mode`): FSTRING_MIDDLE up to a replacement field or the
//! closing quote, `{{`/`}}` escapes, and the end of the string.

use super::{EOF, Lexer, MAX_EXPR_NESTING, Made, ModeKind, Step, Token};
use crate::token::TokenKind;

impl Lexer<'_> {
    pub(super) fn fstring(&mut self, top: usize) -> Step {
        let start = self.cur;
        self.start = Some(start);
        self.first_lineno = self.lineno;
        let (quote, quote_size) = (self.modes[top].quote as i32, self.modes[top].quote_size);
        let template = self.modes[top].template;
        let (middle, end) = if template {
            (TokenKind::TStringMiddle, TokenKind::TStringEnd)
        } else {
            (TokenKind::FStringMiddle, TokenKind::FStringEnd)
        };

        // A replacement field right away: nothing literal to read.
        let first = self.nextc()?;
        if first == b'{' as i32 {
            let peek = self.nextc()?;
            self.backup(peek);
            self.backup(first);
            if peek != b'{' as i32 {
                self.enter_expression(top)?;
                return self.normal(top);
            }
        } else {
            self.backup(first);
        }

        // The closing quotes?
        let mut closing = true;
        for _ in 0..quote_size {
            let c = self.nextc()?;
            if c != quote {
                self.backup(c);
                closing = false;
                break;
            }
        }
        if closing {
            self.modes.pop();
            return self.made(end, start, self.cur);
        }

        self.multi_line_start = self.line_start;
        let mut end_quote_size = 0;
        let mut unicode_escape = false;
        while end_quote_size != quote_size {
            let c = self.nextc()?;
            let mode = self.modes[top];
            let in_format_spec = mode.in_format_spec && mode.inside_expr();
            if c == EOF || (quote_size == 1 && c == b'\n' as i32) {
                if in_format_spec && c == b'\n' as i32 {
                    // A newline ends a format spec; the expression goes on.
                    self.backup(c);
                    self.modes[top].kind = ModeKind::Regular;
                    self.modes[top].in_format_spec = false;
                    return self.made(middle, start, self.cur);
                }
                self.cur = mode.start + 1;
                self.line_start = mode.multi_line_start;
                let detected = self.lineno;
                self.lineno = mode.line;
                let what = mode.what();
                let message = if quote_size == 3 {
                    format!(
                        "unterminated triple-quoted {what} literal (detected at line {detected})"
                    )
                } else {
                    format!("unterminated {what} literal (detected at line {detected})")
                };
                return Err(self.syntax_error(message));
            }
            if c == quote {
                end_quote_size += 1;
                continue;
            }
            end_quote_size = 0;
            if c == b'{' as i32 {
                let peek = self.nextc()?;
                if peek != b'{' as i32 || in_format_spec {
                    self.backup(peek);
                    self.backup(c);
                    self.enter_expression(top)?;
                    self.modes[top].in_format_spec = false;
                    return self.made(middle, start, self.cur);
                }
                return Ok(Made {
                    kind: middle,
                    start,
                    end: self.cur,
                    flags: Token::ESCAPED_BRACE,
                });
            } else if c == b'}' as i32 {
                if unicode_escape {
                    return self.made(middle, start, self.cur);
                }
                let peek = self.nextc()?;
                if peek == b'}' as i32 && !in_format_spec && mode.curly_depth == 0 {
                    return Ok(Made {
                        kind: middle,
                        start,
                        end: self.cur,
                        flags: Token::ESCAPED_BRACE,
                    });
                }
                self.backup(peek);
                self.backup(c);
                self.modes[top].kind = ModeKind::Regular;
                self.modes[top].in_format_spec = false;
                return self.made(middle, start, self.cur);
            } else if c == b'\\' as i32 {
                let mut peek = self.nextc()?;
                if peek == b'\r' as i32 {
                    peek = self.nextc()?;
                }
                if peek == b'{' as i32 || peek == b'}' as i32 {
                    self.backup(peek);
                    continue;
                }
                if !mode.raw && peek == b'N' as i32 {
                    let brace = self.nextc()?;
                    if brace == b'{' as i32 {
                        unicode_escape = true;
                    } else {
                        self.backup(brace);
                    }
                }
            }
        }
        // Leave the closing quotes for FSTRING_END.
        for _ in 0..quote_size {
            self.backup(quote);
        }
        self.made(middle, start, self.cur)
    }

    /// A `{` opens a replacement field: switch to regular mode.
    fn enter_expression(&mut self, top: usize) -> Result<(), super::Stop> {
        let mode = &mut self.modes[top];
        mode.expr_start_depth += 1;
        if mode.expr_start_depth >= MAX_EXPR_NESTING {
            let what = mode.what();
            return Err(self.syntax_error(format!("{what}: expressions nested too deeply")));
        }
        self.modes[top].kind = ModeKind::Regular;
        Ok(())
    }
}
