//! Regular mode (CPython's `tok_get_normal_mode`): indentation, comments,
//! newlines, names, operators and brackets; numbers and strings are handed
//! to their own files.

use super::error::IndentProblem;
use super::{EOF, Lexer, MAXINDENT, MAXLEVEL, Mode, ModeKind, Paren, Step, Stop, TABSIZE};
use crate::token::TokenKind;
use crate::unicode::is_printable;

pub(super) fn is_identifier_start(c: i32) -> bool {
    matches!(c, 0x61..=0x7a | 0x41..=0x5a | 0x5f) || c >= 128
}

pub(super) fn is_identifier_char(c: i32) -> bool {
    matches!(c, 0x61..=0x7a | 0x41..=0x5a | 0x30..=0x39 | 0x5f) || c >= 128
}

/// `is_identifier_char` for a byte of the text.
fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 128
}

pub(super) fn is_digit(c: i32) -> bool {
    (0x30..=0x39).contains(&c)
}

fn is(c: i32, ch: u8) -> bool {
    c == ch as i32
}

/// The operator spelled by `bytes`, if CPython's tables know it. `<>` is
/// CPython's `NOTEQUAL` (for Barry as FLUFL), whatever the text says.
fn operator(bytes: &[i32]) -> Option<TokenKind> {
    let mut buf = [0u8; 3];
    for (slot, &c) in buf.iter_mut().zip(bytes) {
        if !(1..128).contains(&c) {
            return None;
        }
        *slot = c as u8;
    }
    let key = pack(&buf[..bytes.len()]);
    if key == pack(b"<>") {
        return Some(TokenKind::NotEqual);
    }
    // `...` is read by the '.' case; `!` alone and `->` are real tokens.
    OPERATORS
        .iter()
        .find(|&&(k, _)| k == key)
        .map(|&(_, kind)| kind)
}

/// Up to four bytes in a `u32`, the first lowest: an operator's key.
const fn pack(bytes: &[u8]) -> u32 {
    let mut key = 0u32;
    let mut k = 0;
    while k < bytes.len() {
        key |= (bytes[k] as u32) << (8 * k);
        k += 1;
    }
    key
}

/// Every operator with its key, made at compile time from the token
/// table: the lexer looks an operator up by comparing integers, not
/// strings.
const OPERATORS: [(u32, TokenKind); operator_count()] = {
    let mut out = [(0, TokenKind::Op); operator_count()];
    let (mut i, mut n) = (0, 0);
    while i < TokenKind::ALL.len() {
        if let Some(text) = TokenKind::ALL[i].operator_text() {
            out[n] = (pack(text.as_bytes()), TokenKind::ALL[i]);
            n += 1;
        }
        i += 1;
    }
    out
};

/// The one-byte operators by byte (`Op` where a byte is none).
const SINGLE: [TokenKind; 128] = {
    let mut out = [TokenKind::Op; 128];
    let mut i = 0;
    while i < OPERATORS.len() {
        let (key, kind) = OPERATORS[i];
        if key < 0x100 {
            out[key as usize] = kind;
        }
        i += 1;
    }
    out
};

/// The bytes that start a two- or three-byte operator: brackets and
/// commas, which start none, need neither a second byte read nor a search.
const STARTS_LONGER: [bool; 128] = {
    let mut out = [false; 128];
    let mut i = 0;
    while i < OPERATORS.len() {
        let key = OPERATORS[i].0;
        if key >= 0x100 {
            out[(key & 0xff) as usize] = true;
        }
        i += 1;
    }
    out
};

/// Whether `c` starts a two- or three-byte operator.
fn starts_longer(c: i32) -> bool {
    STARTS_LONGER.get(c as usize).copied().unwrap_or(false)
}

const fn operator_count() -> usize {
    let (mut i, mut n) = (0, 0);
    while i < TokenKind::ALL.len() {
        if TokenKind::ALL[i].operator_text().is_some() {
            n += 1;
        }
        i += 1;
    }
    n
}

impl Lexer<'_> {
    pub(super) fn normal(&mut self, top: usize) -> Step {
        {
            self.start = None;
            let mut blankline = false;
            if self.atbol {
                blankline = self.indentation()?;
            }
            let start = self.cur;
            self.start = Some(start);
            if self.pendin != 0 {
                if self.pendin < 0 {
                    self.pendin += 1;
                    return self.made(TokenKind::Dedent, start, start);
                }
                self.pendin -= 1;
                return self.made(TokenKind::Indent, self.line_start, start);
            }
            let c = self.nextc()?;
            self.backup(c);

            'again: loop {
                self.start = None;
                self.skip_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'));
                // The loops after `skip_while` take over where it stops:
                // a line the reader has yet to read.
                let mut c = self.nextc()?;
                while matches!(c, 0x20 | 0x09 | 0x0c) {
                    c = self.nextc()?;
                }
                let start = if c == EOF { self.cur } else { self.cur - 1 };
                self.start = Some(start);

                if is(c, b'#') {
                    self.skip_while(|b| b != b'\n' && b != b'\r');
                    c = self.nextc()?;
                    while c != EOF && !is(c, b'\n') && !is(c, b'\r') {
                        c = self.nextc()?;
                    }
                    self.backup(c);
                    self.comment_newline = blankline;
                    return self.made(TokenKind::Comment, start, self.cur);
                }

                if c == EOF {
                    if !self.parens.is_empty() {
                        return Err(self.eof_error());
                    }
                    return self.made(TokenKind::EndMarker, self.len, self.len);
                }

                if is_identifier_start(c) {
                    return self.name_or_prefixed_string(top, start, c);
                }

                if is(c, b'\r') {
                    c = self.nextc()?;
                }
                if is(c, b'\n') {
                    self.atbol = true;
                    if blankline || !self.parens.is_empty() || self.comment_newline {
                        self.comment_newline = false;
                        return self.made(TokenKind::Nl, start, self.cur);
                    }
                    return self.made(TokenKind::Newline, start, self.cur);
                }

                if is(c, b'.') {
                    let c = self.nextc()?;
                    if is_digit(c) {
                        return self.fraction(start, c);
                    } else if is(c, b'.') {
                        let c3 = self.nextc()?;
                        if is(c3, b'.') {
                            return self.made(TokenKind::Ellipsis, start, self.cur);
                        }
                        self.backup(c3);
                        self.backup(c);
                    } else {
                        self.backup(c);
                    }
                    return self.made(TokenKind::Dot, start, self.cur);
                }

                if is_digit(c) {
                    return self.number(start, c);
                }

                if is(c, b'\'') || is(c, b'"') {
                    return self.string(top, start, c as u8);
                }

                if is(c, b'\\') {
                    self.continuation_line()?;
                    continue 'again;
                }

                return self.punctuation(top, start, c);
            }
        }
    }

    /// Measure the indentation of a new line and queue INDENT/DEDENT
    /// tokens; returns whether the line is blank (only whitespace or a
    /// comment), which does not count.
    fn indentation(&mut self) -> Result<bool, Stop> {
        self.atbol = false;
        let (mut col, mut altcol, mut cont_line_col) = (0u32, 0u32, 0u32);
        let mut c;
        loop {
            c = self.nextc()?;
            match c {
                0x20 => {
                    col += 1;
                    altcol += 1;
                }
                0x09 => {
                    col = (col / TABSIZE + 1) * TABSIZE;
                    altcol += 1;
                }
                0x0c => {
                    col = 0;
                    altcol = 0;
                }
                0x5c => {
                    // Indentation cannot be split over lines with a
                    // backslash: the first one fixes the level.
                    if cont_line_col == 0 {
                        cont_line_col = col;
                    }
                    self.continuation_line()?;
                }
                _ => break,
            }
        }
        self.backup(c);
        let blankline = is(c, b'#') || is(c, b'\n') || is(c, b'\r');
        if blankline || !self.parens.is_empty() {
            return Ok(blankline);
        }
        if cont_line_col != 0 {
            col = cont_line_col;
            altcol = cont_line_col;
        }
        let (icol, ialt) = *self.indents.last().expect("indent stack is never empty");
        if col == icol {
            if altcol != ialt {
                return Err(self.indent_error(IndentProblem::TabSpace));
            }
        } else if col > icol {
            if self.indents.len() >= MAXINDENT {
                return Err(self.indent_error(IndentProblem::TooDeep));
            }
            if altcol <= ialt {
                return Err(self.indent_error(IndentProblem::TabSpace));
            }
            self.pendin += 1;
            self.indents.push((col, altcol));
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.pendin -= 1;
                self.indents.pop();
            }
            let (icol, ialt) = self.indents[self.indents.len() - 1];
            if col != icol {
                return Err(self.indent_error(IndentProblem::Dedent));
            }
            if altcol != ialt {
                return Err(self.indent_error(IndentProblem::TabSpace));
            }
        }
        Ok(false)
    }

    /// After a backslash: the line must end here, and the input must not.
    pub(super) fn continuation_line(&mut self) -> Result<(), Stop> {
        let mut c = self.nextc()?;
        if is(c, b'\r') {
            c = self.nextc()?;
        }
        if !is(c, b'\n') {
            return Err(self.continuation_error());
        }
        let c = self.nextc()?;
        if c == EOF {
            self.cur = self.inp;
            return Err(self.eof_error());
        }
        self.backup(c);
        Ok(())
    }

    /// A name, or the prefix of a string (`rb"…"`, `f'…'`, `t"""…"""`).
    fn name_or_prefixed_string(&mut self, top: usize, start: u32, mut c: i32) -> Step {
        let mut seen = [false; 5];
        loop {
            let slot = match c as u8 | 0x20 {
                b'b' => 0,
                b'u' => 1,
                b'r' => 2,
                b'f' => 3,
                b't' => 4,
                _ => break,
            };
            if c >= 128 || seen[slot] {
                break;
            }
            seen[slot] = true;
            c = self.nextc()?;
            if is(c, b'"') || is(c, b'\'') {
                let [b, u, r, f, t] = seen;
                self.check_prefixes(start, b, u, r, f, t)?;
                if f || t {
                    return self.fstring_start(start, c as u8, t, r);
                }
                return self.string(top, start, c as u8);
            }
        }
        self.backup(c);
        let from = self.cur;
        self.skip_while(is_identifier_byte);
        let nonascii = self.src[from as usize..self.cur as usize]
            .iter()
            .any(|&b| b >= 128);
        if nonascii && self.mode == Mode::Compile {
            self.verify_identifier(start)?;
        }
        self.made(TokenKind::Name, start, self.cur)
    }

    /// PEP 3131: every character of a name must be an identifier character.
    fn verify_identifier(&mut self, start: u32) -> Result<(), Stop> {
        let name = &self.text[start as usize..self.cur as usize];
        let Some(bad) = crate::unicode::invalid_identifier_char(name) else {
            return Ok(());
        };
        let ch = name[bad..]
            .chars()
            .next()
            .expect("a character at the bad index");
        self.cur = start + (bad + ch.len_utf8()) as u32;
        let message = if is_printable(ch) {
            format!("invalid character '{ch}' (U+{:04X})", ch as u32)
        } else {
            format!("invalid non-printable character U+{:04X}", ch as u32)
        };
        Err(self.syntax_error(message))
    }

    /// 3.14 rejects prefixes that cannot go together, naming the pair.
    fn check_prefixes(
        &mut self,
        start: u32,
        b: bool,
        u: bool,
        r: bool,
        f: bool,
        t: bool,
    ) -> Result<(), Stop> {
        let pairs = [
            (u && b, "u", "b"),
            (u && r, "u", "r"),
            (u && f, "u", "f"),
            (u && t, "u", "t"),
            (b && f, "b", "f"),
            (b && t, "b", "t"),
            (f && t, "f", "t"),
        ];
        match pairs.iter().find(|p| p.0) {
            Some(&(_, p1, p2)) => {
                let col = start + 1 - self.line_start;
                Err(self
                    .syntax_error_at(format!("'{p1}' and '{p2}' prefixes are incompatible"), col))
            }
            None => Ok(()),
        }
    }

    /// Operators and brackets, with the bracket bookkeeping f-strings need.
    fn punctuation(&mut self, top: usize, start: u32, c: i32) -> Step {
        let in_expr = self.inside_fstring() && self.modes[top].inside_expr();
        if in_expr && matches!(c, 0x3a | 0x7d | 0x21 | 0x7b) {
            let mode = self.modes[top];
            let cursor = mode.curly_depth - i32::from(!is(c, b'{'));
            if is(c, b':') && cursor == mode.expr_start_depth {
                self.modes[top].kind = ModeKind::FString;
                self.modes[top].in_format_spec = true;
                return self.made(TokenKind::Colon, start, self.cur);
            }
        }

        if starts_longer(c) {
            let c2 = self.nextc()?;
            if let Some(mut kind) = operator(&[c, c2]) {
                let c3 = self.nextc()?;
                match operator(&[c, c2, c3]) {
                    Some(three) => kind = three,
                    None => self.backup(c3),
                }
                return self.made(kind, start, self.cur);
            }
            self.backup(c2);
        }

        match c as u8 {
            b'(' | b'[' | b'{' => {
                if self.parens.len() >= MAXLEVEL {
                    return Err(self.syntax_error("too many nested parentheses"));
                }
                self.parens.push(Paren {
                    ch: c as u8,
                    line: self.lineno,
                    offset: start,
                    line_start: self.line_start,
                });
                if self.inside_fstring() {
                    self.modes[top].curly_depth += 1;
                }
            }
            b')' | b']' | b'}' => self.close_bracket(top, c as u8)?,
            _ => {}
        }

        if !is_printable(c as u8 as char) {
            return Err(self.syntax_error(format!("invalid non-printable character U+{c:04X}")));
        }
        if is(c, b'=') && self.modes[top].inside_expr() {
            self.modes[top].debug = true;
        }
        let kind = SINGLE.get(c as usize).copied().unwrap_or(TokenKind::Op);
        self.made(kind, start, self.cur)
    }

    fn close_bracket(&mut self, top: usize, c: u8) -> Result<(), Stop> {
        let strict = self.mode == Mode::Compile;
        let what = self.modes[top].what();
        if self.inside_fstring() && self.modes[top].curly_depth == 0 && c == b'}' {
            return Err(self.syntax_error(format!("{what}: single '}}' is not allowed")));
        }
        if strict && self.parens.is_empty() {
            return Err(self.syntax_error(format!("unmatched '{}'", c as char)));
        }
        if let Some(open) = self.parens.pop() {
            let matching = matches!((open.ch, c), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
            if strict && !matching {
                let mode = self.modes[top];
                if self.inside_fstring()
                    && open.ch == b'{'
                    && mode.curly_depth - 1 == mode.expr_start_depth
                {
                    return Err(self.syntax_error(format!("{what}: unmatched '{}'", c as char)));
                }
                let message = if open.line != self.lineno {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                        c as char, open.ch as char, open.line
                    )
                } else {
                    format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        c as char, open.ch as char
                    )
                };
                return Err(self.syntax_error(message));
            }
        }
        if self.inside_fstring() {
            let mode = &mut self.modes[top];
            mode.curly_depth -= 1;
            if mode.curly_depth < 0 {
                return Err(self.syntax_error(format!("{what}: unmatched '{}'", c as char)));
            }
            if c == b'}' && mode.curly_depth == mode.expr_start_depth {
                mode.expr_start_depth -= 1;
                mode.kind = ModeKind::FString;
                mode.in_format_spec = false;
                mode.debug = false;
            }
        }
        Ok(())
    }
}
