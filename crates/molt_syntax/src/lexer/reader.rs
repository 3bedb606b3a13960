//! The reader under the lexer: CPython's `tok_nextc` / `tok_backup` over a
//! buffer that grows a physical line at a time.
//!
//! Line numbers, the start of the current line and the start of the
//! buffer (which CPython keeps across the lines of a multi-line token) are
//! what CPython's error positions are computed from, so they are kept here
//! exactly as CPython keeps them. A missing final newline reads as a
//! virtual `\n` at the end of the text, and a lone `\r` reads as `\n`.

use super::{EOF, ErrorKind, Lexer, Stop};

impl Lexer<'_> {
    /// The byte at `i` as the lexer sees it.
    #[inline]
    pub(super) fn byte(&self, i: u32) -> u8 {
        match self.src.get(i as usize) {
            None => b'\n',
            Some(b'\r') if self.src.get(i as usize + 1) != Some(&b'\n') => b'\n',
            Some(&c) => c,
        }
    }

    /// The next character (a byte), or `EOF`. The common case (a byte of
    /// the current line) is inlined; reading the next line is not.
    #[inline(always)]
    pub(super) fn nextc(&mut self) -> Result<i32, Stop> {
        if self.cur < self.inp {
            let c = self.byte(self.cur);
            self.cur += 1;
            return Ok(c as i32);
        }
        self.nextc_slow()
    }

    #[cold]
    #[inline(never)]
    fn nextc_slow(&mut self) -> Result<i32, Stop> {
        loop {
            if self.cur < self.inp {
                let c = self.byte(self.cur);
                self.cur += 1;
                return Ok(c as i32);
            }
            if self.at_eof {
                return Ok(EOF);
            }
            if !self.underflow()? {
                self.cur = self.inp;
                return Ok(EOF);
            }
        }
    }

    /// Move the cursor past the bytes of the current line that `keep`
    /// accepts: what a loop of `nextc` would consume, without its checks
    /// per byte. It never reads the next line, and stops before the
    /// virtual newline at the end of the text; `keep` must refuse the
    /// bytes `byte` translates (`\r`, `\n`).
    #[inline]
    pub(super) fn skip_while(&mut self, keep: impl Fn(u8) -> bool) {
        let end = (self.inp as usize).min(self.src.len());
        let mut i = self.cur as usize;
        while i < end && keep(self.src[i]) {
            i += 1;
        }
        self.cur = i as u32;
    }

    /// Step back over `c` (nothing for `EOF`).
    #[inline]
    pub(super) fn backup(&mut self, c: i32) {
        if c != EOF {
            self.cur -= 1;
        }
    }

    /// Read the next physical line into the buffer.
    fn underflow(&mut self) -> Result<bool, Stop> {
        // Outside a token, CPython starts the buffer afresh with each line
        // (also when there is none left).
        if self.start.is_none() && !self.inside_fstring() {
            self.buf_start = self.inp;
        }
        if self.inp >= self.len {
            self.at_eof = true;
            return Ok(false);
        }
        let from = self.inp as usize;
        let rest = &self.src[from..];
        let line_end = match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') => (from + i + 2) as u32,
            Some(i) => (from + i + 1) as u32,
            None => self.len + 1,
        };
        self.line_start = self.inp;
        self.cur = self.inp;
        self.inp = line_end;
        self.lineno += 1;
        let body = &self.src[from..(line_end as usize).min(self.src.len())];
        if memchr::memchr(0, body).is_some() {
            let message = "source code cannot contain null bytes";
            return Err(self.fail_on_line(ErrorKind::SyntaxError, message, 0));
        }
        Ok(true)
    }
}
