//! The lexer: CPython's tokenizer state machine (`Parser/lexer/lexer.c`),
//! made lossless.
//!
//! It reads the text the way CPython's reader does, a physical line at a
//! time, so that positions, line numbers and error places come out as
//! CPython's. Unlike CPython it never drops a byte: the gaps between
//! CPython's tokens become trivia tokens (whitespace, backslash
//! continuations, a BOM), so the tokens tile the text.
//!
//! The first error stops the lexer: the rest of the text becomes one
//! `ERRORTOKEN`, and the error is returned beside the tokens.

mod error;
mod fstring;
mod layout;
mod number;
mod reader;
mod string;

pub use error::{ErrorKind, LexError};

use crate::token::{Token, TokenKind, Tokens};

/// Which of CPython's two tokenizer personalities to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The `tokenize` module's: lenient about number and identifier
    /// spelling and bracket matching, as `python -m tokenize` is.
    Tokenize,
    /// The compiler's: every lexical error `compile()` reports, with its
    /// message and place.
    Compile,
}

/// The result of lexing: tokens that tile the whole text, and the first
/// error if there was one (the tokens then end in an `ERRORTOKEN` covering
/// the rest of the text).
#[derive(Debug, Clone)]
pub struct Lexed {
    pub tokens: Tokens,
    pub error: Option<LexError>,
}

/// Lex `text` (already decoded; a leading U+FEFF is the BOM).
pub fn lex(text: &str, mode: Mode) -> Lexed {
    let mut lexer = Lexer::new(text, mode);
    lexer.run();
    let error = lexer.error.take();
    Lexed {
        tokens: Tokens::new(lexer.tokens, text.len() as u32),
        error,
    }
}

/// CPython's limits (`Parser/lexer/state.h`).
const TABSIZE: u32 = 8;
const MAXINDENT: usize = 100;
const MAXLEVEL: usize = 200;
const MAXFSTRINGLEVEL: usize = 150;
const MAX_EXPR_NESTING: i32 = 3;

/// A token the state machine made: kind and byte range.
struct Made {
    kind: TokenKind,
    start: u32,
    end: u32,
    flags: u8,
}

/// Lexing stopped at an error, recorded in `Lexer::error`.
struct Stop;

type Step = Result<Made, Stop>;

/// Whether the lexer reads code or the literal part of an f-/t-string.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ModeKind {
    Regular,
    FString,
}

/// One entry of CPython's tokenizer mode stack: the top level, or an
/// f-string (t-string) being read.
#[derive(Clone, Copy)]
struct StringMode {
    kind: ModeKind,
    quote: u8,
    quote_size: u32,
    raw: bool,
    /// A t-string (PEP 750) rather than an f-string.
    template: bool,
    start: u32,
    multi_line_start: u32,
    line: u32,
    curly_depth: i32,
    expr_start_depth: i32,
    in_format_spec: bool,
    debug: bool,
}

impl StringMode {
    const TOP: StringMode = StringMode {
        kind: ModeKind::Regular,
        quote: 0,
        quote_size: 0,
        raw: false,
        template: false,
        start: 0,
        multi_line_start: 0,
        line: 0,
        curly_depth: 0,
        expr_start_depth: -1,
        in_format_spec: false,
        debug: false,
    };

    fn inside_expr(&self) -> bool {
        self.expr_start_depth >= 0
    }

    /// `f-string` or `t-string`, as error messages name them.
    fn what(&self) -> &'static str {
        if self.template {
            "t-string"
        } else {
            "f-string"
        }
    }
}

/// An open bracket: its character, line, and byte offset.
#[derive(Clone, Copy)]
struct Paren {
    ch: u8,
    line: u32,
    offset: u32,
    line_start: u32,
}

/// The end-of-input marker `nextc` returns.
const EOF: i32 = -1;

struct Lexer<'a> {
    text: &'a str,
    src: &'a [u8],
    len: u32,
    mode: Mode,

    // The reader (see reader.rs).
    cur: u32,
    inp: u32,
    line_start: u32,
    buf_start: u32,
    lineno: u32,
    at_eof: bool,
    start: Option<u32>,
    first_lineno: u32,
    multi_line_start: u32,

    // Layout.
    atbol: bool,
    pendin: i32,
    indents: Vec<(u32, u32)>,
    parens: Vec<Paren>,
    comment_newline: bool,
    modes: Vec<StringMode>,

    // Output.
    tokens: Vec<Token>,
    emitted: u32,
    error: Option<LexError>,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, mode: Mode) -> Lexer<'a> {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut tokens = Vec::with_capacity(text.len() / 4 + 4);
        if bom > 0 {
            tokens.push(Token {
                kind: TokenKind::Bom,
                flags: 0,
                start: 0,
            });
        }
        Lexer {
            text,
            src: text.as_bytes(),
            len: text.len() as u32,
            mode,
            cur: bom,
            inp: bom,
            line_start: bom,
            buf_start: bom,
            lineno: 0,
            at_eof: false,
            start: None,
            first_lineno: 0,
            multi_line_start: bom,
            atbol: true,
            pendin: 0,
            indents: vec![(0, 0)],
            parens: Vec::new(),
            comment_newline: false,
            modes: vec![StringMode::TOP],
            tokens,
            emitted: bom,
            error: None,
        }
    }

    fn run(&mut self) {
        loop {
            let top = self.modes.len() - 1;
            let step = match self.modes[top].kind {
                ModeKind::Regular => self.normal(top),
                ModeKind::FString => self.fstring(top),
            };
            match step {
                Ok(made) => {
                    let kind = made.kind;
                    self.emit(made);
                    if kind == TokenKind::EndMarker {
                        return;
                    }
                }
                Err(Stop) => {
                    let at = self.emitted;
                    self.tokens.push(Token {
                        kind: TokenKind::ErrorToken,
                        flags: 0,
                        start: at,
                    });
                    self.tokens.push(Token {
                        kind: TokenKind::EndMarker,
                        flags: 0,
                        start: self.len,
                    });
                    self.emitted = self.len;
                    return;
                }
            }
        }
    }

    /// Append a token, filling the gap before it with trivia.
    fn emit(&mut self, made: Made) {
        let start = made.start.min(self.len).max(self.emitted);
        let end = made.end.min(self.len).max(start);
        if start > self.emitted {
            self.trivia(self.emitted, start);
        }
        self.tokens.push(Token {
            kind: made.kind,
            flags: made.flags,
            start,
        });
        self.emitted = end;
    }

    /// Split the bytes CPython skips into whitespace and continuation tokens.
    fn trivia(&mut self, from: u32, to: u32) {
        let mut i = from as usize;
        let to = to as usize;
        while i < to {
            let start = i as u32;
            let kind = if self.src[i] == b'\\' {
                i += 1;
                if self.src.get(i) == Some(&b'\r') {
                    i += 1;
                }
                if i < to && self.src[i] == b'\n' {
                    i += 1;
                }
                TokenKind::Continuation
            } else {
                while i < to && self.src[i] != b'\\' {
                    i += 1;
                }
                TokenKind::Whitespace
            };
            self.tokens.push(Token {
                kind,
                flags: 0,
                start,
            });
        }
    }

    fn made(&self, kind: TokenKind, start: u32, end: u32) -> Step {
        Ok(Made {
            kind,
            start,
            end,
            flags: 0,
        })
    }

    fn inside_fstring(&self) -> bool {
        self.modes.len() > 1
    }
}

#[cfg(test)]
mod tests;
