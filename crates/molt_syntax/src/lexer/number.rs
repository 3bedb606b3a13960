//! Number literals: decimal, hex, octal, binary, floats, exponents,
//! imaginary, with `_` separators, and CPython's errors for bad ones.

use super::layout::{is_digit, is_identifier_char};
use super::{EOF, Lexer, Mode, Step, Stop};
use crate::token::TokenKind;

fn is(c: i32, ch: u8) -> bool {
    c == ch as i32
}

fn is_hex(c: i32) -> bool {
    is_digit(c) || matches!(c, 0x41..=0x46 | 0x61..=0x66)
}

impl Lexer<'_> {
    /// A number whose first digit `c` was read at `start`.
    pub(super) fn number(&mut self, start: u32, c: i32) -> Step {
        if !is(c, b'0') {
            let c = self.decimal_tail()?;
            return self.after_integer(start, c);
        }
        let mut c = self.nextc()?;
        match c as u8 | 0x20 {
            b'x' if c < 128 => {
                c = self.nextc()?;
                loop {
                    if is(c, b'_') {
                        c = self.nextc()?;
                    }
                    if !is_hex(c) {
                        self.backup(c);
                        return Err(self.syntax_error("invalid hexadecimal literal"));
                    }
                    while is_hex(c) {
                        c = self.nextc()?;
                    }
                    if !is(c, b'_') {
                        break;
                    }
                }
                self.end_of_number(c, "hexadecimal")?;
            }
            b'o' | b'b' if c < 128 => {
                let (max, name) = if c as u8 | 0x20 == b'o' {
                    (b'7', "octal")
                } else {
                    (b'1', "binary")
                };
                let in_base = |c: i32| (0x30..=max as i32).contains(&c);
                c = self.nextc()?;
                loop {
                    if is(c, b'_') {
                        c = self.nextc()?;
                    }
                    if !in_base(c) {
                        if is_digit(c) {
                            return Err(self.syntax_error(format!(
                                "invalid digit '{}' in {name} literal",
                                c as u8 as char
                            )));
                        }
                        self.backup(c);
                        return Err(self.syntax_error(format!("invalid {name} literal")));
                    }
                    while in_base(c) {
                        c = self.nextc()?;
                    }
                    if !is(c, b'_') {
                        break;
                    }
                }
                if is_digit(c) {
                    return Err(self.syntax_error(format!(
                        "invalid digit '{}' in {name} literal",
                        c as u8 as char
                    )));
                }
                self.end_of_number(c, name)?;
            }
            _ => {
                // Zeros, then maybe an old-style octal (an error) or a float.
                loop {
                    if is(c, b'_') {
                        c = self.nextc()?;
                        if !is_digit(c) {
                            self.backup(c);
                            return Err(self.syntax_error("invalid decimal literal"));
                        }
                    }
                    if !is(c, b'0') {
                        break;
                    }
                    c = self.nextc()?;
                }
                let nonzero = is_digit(c);
                if nonzero {
                    c = self.decimal_tail()?;
                }
                if is(c, b'.') {
                    let c = self.nextc()?;
                    return self.fraction(start, c);
                } else if is(c, b'e') || is(c, b'E') {
                    return self.exponent(start, c);
                } else if is(c, b'j') || is(c, b'J') {
                    return self.imaginary(start);
                } else if nonzero && self.mode == Mode::Compile {
                    self.backup(c);
                    let col = start + 1 - self.line_start;
                    return Err(self.syntax_error_at(
                        "leading zeros in decimal integer literals are not permitted; \
                         use an 0o prefix for octal integers",
                        col,
                    ));
                }
                self.end_of_number(c, "decimal")?;
            }
        }
        self.backup(c);
        self.made(TokenKind::Number, start, self.cur)
    }

    /// After the digits of a decimal integer: a fraction, an exponent, `j`.
    fn after_integer(&mut self, start: u32, c: i32) -> Step {
        if is(c, b'.') {
            let c = self.nextc()?;
            return self.fraction(start, c);
        }
        self.after_fraction(start, c)
    }

    /// After the `.` of a float; `c` is the character that follows it.
    pub(super) fn fraction(&mut self, start: u32, mut c: i32) -> Step {
        if is_digit(c) {
            c = self.decimal_tail()?;
        }
        self.after_fraction(start, c)
    }

    fn after_fraction(&mut self, start: u32, c: i32) -> Step {
        if is(c, b'e') || is(c, b'E') {
            return self.exponent(start, c);
        }
        if is(c, b'j') || is(c, b'J') {
            return self.imaginary(start);
        }
        self.end_of_number(c, "decimal")?;
        self.backup(c);
        self.made(TokenKind::Number, start, self.cur)
    }

    fn exponent(&mut self, start: u32, e: i32) -> Step {
        let mut c = self.nextc()?;
        if is(c, b'+') || is(c, b'-') {
            c = self.nextc()?;
            if !is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        } else if !is_digit(c) {
            // `1else`: the number ends before the `e`.
            self.backup(c);
            self.end_of_number(e, "decimal")?;
            self.backup(e);
            return self.made(TokenKind::Number, start, self.cur);
        }
        c = self.decimal_tail()?;
        if is(c, b'j') || is(c, b'J') {
            return self.imaginary(start);
        }
        self.end_of_number(c, "decimal")?;
        self.backup(c);
        self.made(TokenKind::Number, start, self.cur)
    }

    fn imaginary(&mut self, start: u32) -> Step {
        let c = self.nextc()?;
        self.end_of_number(c, "imaginary")?;
        self.backup(c);
        self.made(TokenKind::Number, start, self.cur)
    }

    /// Digits and single underscores between them; returns the first
    /// character after them.
    fn decimal_tail(&mut self) -> Result<i32, Stop> {
        loop {
            let mut c = self.nextc()?;
            while is_digit(c) {
                c = self.nextc()?;
            }
            if !is(c, b'_') {
                return Ok(c);
            }
            c = self.nextc()?;
            if !is_digit(c) {
                self.backup(c);
                return Err(self.syntax_error("invalid decimal literal"));
            }
        }
    }

    /// CPython's `verify_end_of_number` (compiler only): a number may run
    /// into a keyword (`1if x else 2`, deprecated) but not into a name.
    fn end_of_number(&mut self, c: i32, kind: &str) -> Result<(), Stop> {
        if self.mode == Mode::Tokenize {
            return Ok(());
        }
        let keyword = match c as u8 {
            _ if c >= 128 || c == EOF => false,
            b'a' => self.lookahead(b"nd")?,
            b'e' => self.lookahead(b"lse")?,
            b'f' => self.lookahead(b"or")?,
            b'i' => {
                let c2 = self.nextc()?;
                self.backup(c2);
                is(c2, b'f') || is(c2, b'n') || is(c2, b's')
            }
            b'o' => self.lookahead(b"r")?,
            b'n' => self.lookahead(b"ot")?,
            _ => false,
        };
        if !keyword && c < 128 && is_identifier_char(c) {
            self.backup(c);
            return Err(self.syntax_error(format!("invalid {kind} literal")));
        }
        Ok(())
    }

    /// Do the next characters spell `rest`, not followed by a name character?
    fn lookahead(&mut self, rest: &[u8]) -> Result<bool, Stop> {
        let mut read = Vec::with_capacity(rest.len() + 1);
        let mut matched = false;
        loop {
            let c = self.nextc()?;
            read.push(c);
            if read.len() > rest.len() {
                matched = !is_identifier_char(c);
                break;
            }
            if !is(c, rest[read.len() - 1]) {
                break;
            }
        }
        for &c in read.iter().rev() {
            self.backup(c);
        }
        Ok(matched)
    }
}
