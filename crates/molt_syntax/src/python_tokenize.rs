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
    BOM, Codec, LineIndex, LookupError, char_count, codecs, coding_spec, first_lines,
    is_blank_or_comment,
};
use crate::token::{Token, TokenKind};
use crate::{TextRange, Tokens};
use std::fmt::Write;

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
        let start = index.line_char_col(text, range.start);
        let (start, end) = match kind {
            TokenKind::EndMarker | TokenKind::Dedent if range.start == len => {
                ((last_line + 1, 0), (last_line + 1, 0))
            }
            TokenKind::Newline | TokenKind::Nl => {
                let width = char_count(token_text.as_bytes()).max(1);
                (start, (start.0, start.1 + width))
            }
            _ => (start, index.line_char_col(text, text_range.end)),
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
    let mark = out.len();
    let _ = write!(out, "{},{}-{},{}:", start.0, start.1, end.0, end.1);
    pad(out, mark, 20);
    let mark = out.len();
    out.push_str(name);
    pad(out, mark, 15);
    let repr_at = out.len();
    push_str_repr(out, text);
    let width = char_count(&out.as_bytes()[repr_at..]) as usize;
    out.extend(std::iter::repeat_n(' ', 15usize.saturating_sub(width)));
    out.push('\n');
}

fn pad(out: &mut String, mark: usize, width: usize) {
    let used = char_count(&out.as_bytes()[mark..]) as usize;
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
}
