//! CPython's codec registry, as far as source files need it: resolve a
//! coding-cookie name the way `codecs.lookup` does, then decode and encode.
//!
//! Single-byte codecs decode through tables generated from the oracle's own
//! `encodings` package, so molt reads a `# coding: cp1252` file exactly as
//! CPython does. Multi-byte codecs (Shift-JIS, GBK, UTF-16, ...) are known by
//! name but not implemented: they are reported, never guessed.

use super::codec_tables::{ALIASES, CODECS};

/// What the generated table knows about a codec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodecData {
    Utf8,
    Latin1,
    Ascii,
    /// 256 characters, byte `b` decoding to the `b`-th; `U+FFFE` = undefined.
    Charmap(&'static str),
    /// A codec CPython has that molt does not implement.
    Unsupported,
}

/// A codec resolved from a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Codec {
    /// CPython's module name for it (`utf_8`, `cp1252`, `iso8859_15`).
    pub name: &'static str,
    pub data: CodecData,
}

/// How a codec name failed to resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// CPython knows no such codec.
    Unknown,
    /// CPython has it; molt cannot decode it.
    Unsupported(&'static str),
}

impl Codec {
    pub const UTF8: Codec = Codec {
        name: "utf_8",
        data: CodecData::Utf8,
    };

    /// `codecs.lookup(name)`: lower-case, normalize punctuation, follow the
    /// aliases of `encodings.aliases`.
    pub fn lookup(name: &str) -> Result<Codec, LookupError> {
        let norm = normalize_encoding(&name.to_ascii_lowercase());
        let alias = find_alias(&norm).or_else(|| find_alias(&norm.replace('.', "_")));
        let candidates = alias.into_iter().chain(std::iter::once(norm.as_str()));
        for module in candidates {
            if module.is_empty() || module.contains('.') {
                continue;
            }
            if let Ok(i) = CODECS.binary_search_by(|(n, _)| (*n).cmp(module)) {
                let (name, data) = CODECS[i];
                return match data {
                    CodecData::Unsupported => Err(LookupError::Unsupported(name)),
                    data => Ok(Codec { name, data }),
                };
            }
        }
        Err(LookupError::Unknown)
    }

    /// The name CPython's codec errors use (`'charmap' codec can't ...`).
    pub fn error_name(self) -> &'static str {
        match self.data {
            CodecData::Utf8 => "utf-8",
            CodecData::Latin1 => "latin-1",
            CodecData::Ascii => "ascii",
            CodecData::Charmap(_) | CodecData::Unsupported => "charmap",
        }
    }

    /// Decodes `bytes`; the error is the offset of the first byte that does
    /// not decode and CPython's reason.
    pub fn decode(self, bytes: &[u8]) -> Result<String, (usize, &'static str)> {
        match self.data {
            CodecData::Utf8 => match std::str::from_utf8(bytes) {
                Ok(s) => Ok(s.to_owned()),
                Err(e) => Err((e.valid_up_to(), utf8_reason(bytes, e))),
            },
            CodecData::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
            CodecData::Ascii => match bytes.iter().position(|b| !b.is_ascii()) {
                None => Ok(bytes.iter().map(|&b| b as char).collect()),
                Some(i) => Err((i, "ordinal not in range(128)")),
            },
            CodecData::Charmap(table) => {
                let table = charmap(table);
                let mut out = String::with_capacity(bytes.len());
                for (i, &b) in bytes.iter().enumerate() {
                    match table[b as usize] {
                        UNDEFINED => return Err((i, "character maps to <undefined>")),
                        c => out.push(c),
                    }
                }
                Ok(out)
            }
            CodecData::Unsupported => Err((0, "codec not supported")),
        }
    }

    /// Decodes `bytes`, replacing what does not decode with U+FFFD, as the
    /// `replace` error handler does.
    pub fn decode_lossy(self, bytes: &[u8]) -> String {
        match self.data {
            CodecData::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
            CodecData::Charmap(table) => {
                let table = charmap(table);
                bytes
                    .iter()
                    .map(|&b| match table[b as usize] {
                        UNDEFINED => '\u{fffd}',
                        c => c,
                    })
                    .collect()
            }
            CodecData::Ascii => bytes
                .iter()
                .map(|&b| if b.is_ascii() { b as char } else { '\u{fffd}' })
                .collect(),
            _ => self.decode(bytes).unwrap_or_default(),
        }
    }

    /// Encodes `text`; the error is the first character the codec cannot
    /// represent.
    pub fn encode(self, text: &str) -> Result<Vec<u8>, char> {
        match self.data {
            CodecData::Utf8 => Ok(text.as_bytes().to_vec()),
            CodecData::Latin1 | CodecData::Ascii => {
                let limit = if self.data == CodecData::Ascii {
                    0x80
                } else {
                    0x100
                };
                text.chars()
                    .map(|c| {
                        if (c as u32) < limit {
                            Ok(c as u8)
                        } else {
                            Err(c)
                        }
                    })
                    .collect()
            }
            CodecData::Charmap(table) => {
                let table = charmap(table);
                text.chars()
                    .map(
                        |c| match table.iter().position(|&t| t == c && c != UNDEFINED) {
                            Some(b) => Ok(b as u8),
                            None => Err(c),
                        },
                    )
                    .collect()
            }
            CodecData::Unsupported => text.chars().next().map_or(Ok(Vec::new()), Err),
        }
    }
}

const UNDEFINED: char = '\u{fffe}';

fn charmap(table: &str) -> [char; 256] {
    let mut out = [UNDEFINED; 256];
    for (slot, c) in out.iter_mut().zip(table.chars()) {
        *slot = c;
    }
    out
}

fn utf8_reason(bytes: &[u8], e: std::str::Utf8Error) -> &'static str {
    let first = bytes[e.valid_up_to()];
    match e.error_len() {
        None => "unexpected end of data",
        Some(_) if (0xC2..=0xF4).contains(&first) => "invalid continuation byte",
        Some(_) => "invalid start byte",
    }
}

fn find_alias(name: &str) -> Option<&'static str> {
    ALIASES
        .binary_search_by(|(alias, _)| (*alias).cmp(name))
        .ok()
        .map(|i| ALIASES[i].1)
}

/// `encodings.normalize_encoding`: runs of characters other than ASCII
/// letters, digits and `.` become one `_`, leading and trailing ones vanish.
pub fn normalize_encoding(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            if c.is_ascii() {
                out.push(c);
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

/// CPython's `get_normal_name`: the spellings of UTF-8 and Latin-1 that the
/// tokenizer recognizes before any codec lookup.
pub fn normal_name(name: &str) -> &str {
    let head: String = name
        .chars()
        .take(12)
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if head == "utf-8" || head.starts_with("utf-8-") {
        "utf-8"
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&head.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"]
            .iter()
            .any(|p| head.starts_with(p))
    {
        "iso-8859-1"
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_follows_aliases() {
        assert_eq!(Codec::lookup("latin-1").unwrap().data, CodecData::Latin1);
        assert_eq!(Codec::lookup("UTF8").unwrap().data, CodecData::Utf8);
        assert_eq!(Codec::lookup("cp1252").unwrap().name, "cp1252");
        assert_eq!(Codec::lookup("windows-1252").unwrap().name, "cp1252");
        assert_eq!(Codec::lookup("koi8-r").unwrap().name, "koi8_r");
        assert_eq!(Codec::lookup("uft-8"), Err(LookupError::Unknown));
        assert_eq!(
            Codec::lookup("shift_jis"),
            Err(LookupError::Unsupported("shift_jis"))
        );
    }

    #[test]
    fn charmap_round_trip() {
        let cp1252 = Codec::lookup("cp1252").unwrap();
        let bytes = b"caf\xe9 \x80";
        let text = cp1252.decode(bytes).unwrap();
        assert_eq!(text, "café €");
        assert_eq!(cp1252.encode(&text).unwrap(), bytes);
        assert_eq!(
            cp1252.decode(b"x\x81"),
            Err((1, "character maps to <undefined>"))
        );
    }

    #[test]
    fn normal_names() {
        assert_eq!(normal_name("UTF_8"), "utf-8");
        assert_eq!(normal_name("utf-8-sig"), "utf-8");
        assert_eq!(normal_name("utf8"), "utf8");
        assert_eq!(normal_name("Latin-1"), "iso-8859-1");
        assert_eq!(normal_name("latin1"), "latin1");
    }
}
