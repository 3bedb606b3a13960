//! molt's front end: source decoding (PEP 263, BOMs, line endings), a lexer
//! that reproduces CPython's tokenizer while keeping every byte, and the
//! view of its tokens that CPython's `tokenize` module prints.
//!
//! The pipeline stage after this one (the CST) reads [`lex`]'s tokens.

pub mod lexer;
pub mod pyrepr;
pub mod python_tokenize;
pub mod source;
mod text;
pub mod token;
pub mod unicode;

pub use lexer::{ErrorKind, LexError, Lexed, Mode, lex};
pub use source::{DecodeError, LineIndex, Source};
pub use text::TextRange;
pub use token::{Token, TokenKind, Tokens};
