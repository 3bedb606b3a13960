//! Source files: bytes in, text out, and back to the same bytes.
//!
//! Decoding follows CPython: UTF-8 unless a UTF-8 byte-order mark or a
//! PEP 263 cookie says otherwise. The decoded text keeps a BOM as U+FEFF at
//! offset 0, so that a tree over the text holds every byte of the file;
//! [`Source::encode`] turns (edited) text back into bytes in the file's own
//! encoding.

mod codec_tables;
pub mod codecs;
mod cookie;
mod line_index;

pub use codecs::{Codec, CodecData, LookupError};
pub use cookie::{Cookie, find_cookie};
pub(crate) use cookie::{coding_spec, first_lines, is_blank_or_comment};
pub use line_index::{LineIndex, char_count};

use std::ops::Range;

pub const BOM: &[u8] = b"\xef\xbb\xbf";

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct Source {
    text: String,
    codec: Codec,
    cookie: Option<Cookie>,
}

/// Why bytes are not a Python source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The cookie names a codec CPython does not have.
    UnknownEncoding { name: String, range: Range<usize> },
    /// The cookie names a codec that molt does not implement.
    UnsupportedEncoding { name: String, range: Range<usize> },
    /// A UTF-8 BOM with a cookie naming another encoding.
    BomMismatch { name: String, range: Range<usize> },
    /// Bytes that are not UTF-8 in a file that declares no encoding.
    NotUtf8 { offset: usize, byte: u8, line: u32 },
    /// Bytes the declared codec cannot decode.
    Undecodable {
        codec: &'static str,
        offset: usize,
        byte: u8,
        reason: &'static str,
    },
}

impl DecodeError {
    /// CPython's wording; `file` is named where CPython names it.
    pub fn message(&self, file: &str) -> String {
        match self {
            DecodeError::UnknownEncoding { name, .. } => format!("unknown encoding: {name}"),
            DecodeError::UnsupportedEncoding { name, .. } => {
                format!("encoding problem: {name} (molt cannot decode this codec)")
            }
            DecodeError::BomMismatch { name, .. } => format!("encoding problem: {name} with BOM"),
            DecodeError::NotUtf8 { byte, line, .. } => format!(
                "Non-UTF-8 code starting with '\\x{byte:02x}' in file {file} on line {line}, \
                 but no encoding declared; see https://peps.python.org/pep-0263/ for details"
            ),
            DecodeError::Undecodable {
                codec,
                offset,
                byte,
                reason,
            } => {
                format!(
                    "'{codec}' codec can't decode byte 0x{byte:02x} in position {offset}: {reason}"
                )
            }
        }
    }

    /// The bytes the error is about.
    pub fn range(&self) -> Range<usize> {
        match self {
            DecodeError::UnknownEncoding { range, .. }
            | DecodeError::UnsupportedEncoding { range, .. }
            | DecodeError::BomMismatch { range, .. } => range.clone(),
            DecodeError::NotUtf8 { offset, .. } | DecodeError::Undecodable { offset, .. } => {
                *offset..offset + 1
            }
        }
    }
}

impl Source {
    /// Decodes a file's bytes as CPython's compiler does.
    pub fn decode(bytes: &[u8]) -> Result<Source, DecodeError> {
        let bom = bytes.starts_with(BOM);
        let body_at = if bom { BOM.len() } else { 0 };
        let cookie = find_cookie(&bytes[body_at..], body_at);
        let codec = match &cookie {
            None => Codec::UTF8,
            Some(c) => {
                let name = codecs::normal_name(&c.name).to_string();
                if bom && name != "utf-8" {
                    return Err(DecodeError::BomMismatch {
                        name,
                        range: c.range.clone(),
                    });
                }
                if name == "utf-8" {
                    Codec::UTF8
                } else {
                    Codec::lookup(&name).map_err(|e| match e {
                        LookupError::Unknown => DecodeError::UnknownEncoding {
                            name: name.clone(),
                            range: c.range.clone(),
                        },
                        LookupError::Unsupported(_) => DecodeError::UnsupportedEncoding {
                            name: name.clone(),
                            range: c.range.clone(),
                        },
                    })?
                }
            }
        };
        let text = match codec.decode(bytes) {
            Ok(text) => text,
            Err((offset, reason)) => {
                let byte = bytes[offset];
                return Err(if cookie.is_none() {
                    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u32;
                    DecodeError::NotUtf8 { offset, byte, line }
                } else {
                    DecodeError::Undecodable {
                        codec: codec.error_name(),
                        offset,
                        byte,
                        reason,
                    }
                });
            }
        };
        Ok(Source {
            text,
            codec,
            cookie,
        })
    }

    /// A source that is already text (UTF-8).
    pub fn from_text(text: impl Into<String>) -> Source {
        Source {
            text: text.into(),
            codec: Codec::UTF8,
            cookie: None,
        }
    }

    /// The decoded text, a BOM included as U+FEFF.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    pub fn codec(&self) -> Codec {
        self.codec
    }

    pub fn cookie(&self) -> Option<&Cookie> {
        self.cookie.as_ref()
    }

    pub fn has_bom(&self) -> bool {
        self.text.starts_with('\u{feff}')
    }

    /// Encodes `text` (this source's text, or an edit of it) back into the
    /// file's encoding; the error is a character the encoding cannot hold.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, char> {
        self.codec.encode(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let s = Source::decode(b"x = '\xc3\xa9'\n").unwrap();
        assert_eq!(s.text(), "x = 'é'\n");
        let s = Source::decode(b"\xef\xbb\xbfx\n").unwrap();
        assert_eq!(s.text(), "\u{feff}x\n");
        assert_eq!(s.encode(s.text()).unwrap(), b"\xef\xbb\xbfx\n");
    }

    #[test]
    fn cookie_decodes_and_encodes_back() {
        let bytes = b"# -*- coding: latin-1 -*-\nx = '\xe9'\n";
        let s = Source::decode(bytes).unwrap();
        assert_eq!(s.text(), "# -*- coding: latin-1 -*-\nx = 'é'\n");
        assert_eq!(s.encode(s.text()).unwrap(), bytes);
    }

    #[test]
    fn errors_name_the_problem() {
        let e = Source::decode(b"# coding: uft-8\n").unwrap_err();
        assert_eq!(e.message("f.py"), "unknown encoding: uft-8");
        assert_eq!(e.range(), 10..15);
        let e = Source::decode(b"\xef\xbb\xbf# coding: latin-1\n").unwrap_err();
        assert_eq!(e.message("f.py"), "encoding problem: iso-8859-1 with BOM");
        let e = Source::decode(b"x = 1\ny = '\xff'\n").unwrap_err();
        assert_eq!(
            e.message("f.py"),
            "Non-UTF-8 code starting with '\\xff' in file f.py on line 2, but no encoding \
             declared; see https://peps.python.org/pep-0263/ for details"
        );
        let e = Source::decode(b"\n# coding: cp1252\nx=\"\x81\"\n").unwrap_err();
        assert_eq!(
            e.message("f.py"),
            "'charmap' codec can't decode byte 0x81 in position 21: character maps to <undefined>"
        );
    }
}
