//! What `python -m tokenize [-e]` prints, from molt's tokens.
//!
//! The `tokenize` module reads a file its own way: `detect_encoding` looks
//! for a BOM and a coding cookie with slightly different rules (and
//! messages) than the compiler, the rest is decoded with replacement
//! characters, and positions are in characters. Trivia tokens are not
//! shown; NEWLINE, NL, DEDENT and ENDMARKER get the positions the module
//! gives them.

use crate::lexer::{ErrorKind, Mode, lex};
use crate::pyrepr::push_str_repr;
use crate::source::{
    BOM, Codec, LineCursor, LineIndex, LookupError, char_count, codecs, coding_spec, first_lines,
    is_blank_or_comment,
};
use crate::token::{Token, TokenKind};
use crate::{TextRange, Tokens};

/// One token as `tokenize` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo<'a> {
    pub kind: TokenKind,
    pub text: &'a str,
    pub start: (u32, u32),
    pub end: (u32, u32),
}

impl TokenInfo<'_> {
    /// `TokenInfo.exact_type`: operators by their text, as
    /// `token.EXACT_TOKEN_TYPES` has them (`<>` stays `OP`).
    pub fn exact_kind(&self) -> TokenKind {
        if self.kind.is_operator() {
            TokenKind::from_operator(self.text).unwrap_or(TokenKind::Op)
        } else {
            self.kind
        }
    }
}

/// Why `tokenize` refused the input, as `python -m tokenize` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenizeError {
    pub message: String,
    /// `(line, column)` as printed; `None` for errors printed without one
    /// (a bad encoding declaration).
    pub location: Option<(u32, u32)>,
    /// The exception class.
    pub kind: ErrorKind,
    /// Where to point, in bytes of the decoded text.
    pub range: TextRange,
}

/// A decoded file ready to be listed.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The `ENCODING` token's text; `None` for text read from stdin.
    pub encoding: Option<String>,
    /// The text the tokenizer read (without a BOM).
    pub text: String,
}

impl Listing {
    /// Decode a file as `tokenize.tokenize(f.readline)` does.
    pub fn from_bytes(bytes: &[u8], filename: &str) -> Result<Listing, TokenizeError> {
        let (bom, body) = match bytes.strip_prefix(BOM) {
            Some(body) => (true, body),
            None => (false, bytes),
        };
        let fail = |message: String, range: TextRange| TokenizeError {
            message,
            location: None,
            kind: ErrorKind::SyntaxError,
            range,
        };
        let quoted = crate::pyrepr::str_repr(filename);
        let mut codec = Codec::UTF8;
        // `tokenize` names a BOM-marked file's encoding `utf-8` (the BOM is
        // already gone by then).
        let mut encoding = "utf-8".to_string();
        for (start, line) in first_lines(body, 2) {
            let here = TextRange::new(start as u32, (start + line.len()) as u32);
            if std::str::from_utf8(line).is_err() {
                return Err(fail(
                    format!("invalid or missing encoding declaration for {quoted}"),
                    here,
                ));
            }
            if let Some(r) = coding_spec(line) {
                let name = std::str::from_utf8(&line[r.clone()]).expect("the cookie is ASCII");
                let name = codecs::normal_name(name).to_string();
                let at = TextRange::new((start + r.start) as u32, (start + r.end) as u32);
                codec = match Codec::lookup(&name) {
                    Ok(codec) => codec,
                    Err(LookupError::Unknown) => {
                        return Err(fail(format!("unknown encoding for {quoted}: {name}"), at));
                    }
                    Err(LookupError::Unsupported(_)) => {
                        return Err(fail(
                            format!("encoding {name} is not supported by molt"),
                            at,
                        ));
                    }
                };
                if bom && name != "utf-8" {
                    return Err(fail(format!("encoding problem for {quoted}: utf-8"), at));
                }
                encoding = name;
                break;
            }
            if !is_blank_or_comment(line) {
                break;
            }
        }
        Ok(Listing {
            encoding: Some(encoding),
            text: codec.decode_lossy(body),
        })
    }

    /// Text read from stdin, as `python -m tokenize` reads it: no encoding
    /// detection, no `ENCODING` token.
    pub fn from_stdin_text(text: &str) -> Listing {
        Listing {
            encoding: None,
            text: text.to_string(),
        }
    }

    /// The tokens, or the error the tokenize module raises.
    pub fn tokens(&self) -> Result<Vec<TokenInfo<'_>>, TokenizeError> {
        let lexed = lex(&self.text, Mode::Tokenize);
        if let Some(e) = lexed.error {
            let message = if e
                .message
                .contains("unterminated triple-quoted string literal")
            {
                "EOF in multi-line string".to_string()
            } else {
                e.message
            };
            return Err(TokenizeError {
                message,
                location: Some((e.line, e.offset)),
                kind: e.kind,
                range: e.range,
            });
        }
        Ok(infos(&self.text, &lexed.tokens))
    }
}

/// The tokens `tokenize` shows, with its positions.
fn infos<'a>(text: &'a str, tokens: &Tokens) -> Vec<TokenInfo<'a>> {
    let index = LineIndex::new(text);
    let len = text.len() as u32;
    let last_line = {
        let lines = index.line_count() as u32;
        let trailing_empty = index.line_start(lines) == len;
        if trailing_empty { lines - 1 } else { lines }
    };
    let mut cursor = LineCursor::new(text, &index);
    let mut out = Vec::with_capacity(tokens.len());
    for (Token { kind, flags, .. }, range) in tokens.iter() {
        if matches!(
            kind,
            TokenKind::Whitespace | TokenKind::Continuation | TokenKind::Bom
        ) {
            continue;
        }
        let mut text_range = range;
        if flags & Token::ESCAPED_BRACE != 0 {
            text_range.end -= 1;
        }
        let token_text = &text[text_range];
        let start = cursor.line_char_col(range.start);
        let (start, end) = match kind {
            TokenKind::EndMarker | TokenKind::Dedent if range.start == len => {
                ((last_line + 1, 0), (last_line + 1, 0))
            }
            TokenKind::Newline | TokenKind::Nl => {
                let width = char_count(token_text.as_bytes()).max(1);
                (start, (start.0, start.1 + width))
            }
            _ => (start, cursor.line_char_col(text_range.end)),
        };
        out.push(TokenInfo {
            kind: kind.generic(),
            text: token_text,
            start,
            end,
        });
    }
    out
}

/// Append the lines `python -m tokenize [-e]` prints.
pub fn format(out: &mut String, encoding: Option<&str>, tokens: &[TokenInfo<'_>], exact: bool) {
    out.reserve(tokens.len() * 56);
    if let Some(encoding) = encoding {
        push_line(out, (0, 0), (0, 0), "ENCODING", encoding);
    }
    for t in tokens {
        let kind = if exact { t.exact_kind() } else { t.kind };
        push_line(out, t.start, t.end, kind.name(), t.text);
    }
}

/// `"%-20s%-15s%-15r" % ("l,c-l,c:", name, string)`.
fn push_line(out: &mut String, start: (u32, u32), end: (u32, u32), name: &str, text: &str) {
    // The position and the name are ASCII: assemble them on the stack.
    let mut line = AsciiLine::default();
    line.number(start.0);
    line.byte(b',');
    line.number(start.1);
    line.byte(b'-');
    line.number(end.0);
    line.byte(b',');
    line.number(end.1);
    line.byte(b':');
    line.pad_to(20);
    let mark = line.len;
    line.bytes[mark..mark + name.len()].copy_from_slice(name.as_bytes());
    line.len += name.len();
    line.pad_to(mark + 15);
    out.push_str(std::str::from_utf8(&line.bytes[..line.len]).expect("ASCII"));
    let repr_at = out.len();
    push_str_repr(out, text);
    pad(out, repr_at, 15);
    out.push('\n');
}

/// A line prefix of ASCII bytes: four numbers, separators, a kind name
/// and padding fit in 80 bytes.
struct AsciiLine {
    bytes: [u8; 80],
    len: usize,
}

impl Default for AsciiLine {
    fn default() -> AsciiLine {
        AsciiLine {
            bytes: [b' '; 80],
            len: 0,
        }
    }
}

impl AsciiLine {
    fn byte(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    fn number(&mut self, mut n: u32) {
        let mut digits = [0u8; 10];
        let mut i = digits.len();
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        let digits = &digits[i..];
        self.bytes[self.len..self.len + digits.len()].copy_from_slice(digits);
        self.len += digits.len();
    }

    /// Spaces up to `width` (the buffer starts as spaces).
    fn pad_to(&mut self, width: usize) {
        self.len = self.len.max(width);
    }
}

fn pad(out: &mut String, mark: usize, width: usize) {
    const SPACES: &str = "                    ";
    let used = char_count(&out.as_bytes()[mark..]) as usize;
    out.push_str(&SPACES[..width.saturating_sub(used).min(SPACES.len())]);
}
