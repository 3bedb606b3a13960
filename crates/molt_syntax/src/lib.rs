//! molt's front end: source decoding (PEP 263, BOMs, line endings), a lexer
//! that reproduces CPython's tokenizer while keeping every byte, and the
//! view of its tokens that CPython's `tokenize` module prints.
//!
//! The pipeline stage after this one (the CST) reads [`lex`]'s tokens.

pub mod lexer;
pub mod parser;
pub mod pyrepr;
pub mod python_tokenize;
pub mod scope;
pub mod source;
pub mod syntax;
mod text;
pub mod token;
pub mod unicode;

pub use lexer::{ErrorKind, LexError, Lexed, Mode, lex};
pub use parser::{Input, Parse, ParseError, parse, parse_as};
pub use source::{DecodeError, LineIndex, Source};
pub use syntax::{NodeGroup, NodeKind, SyntaxNode, SyntaxTree};
pub use text::TextRange;
pub use token::{Token, TokenKind, Tokens};

/// The fuzz target's body, here so that the test suite can replay the fuzz
/// corpus without cargo-fuzz: decode `data` both ways, lex it in both modes
/// and list it; panics if the tokens do not tile the text.
#[doc(hidden)]
pub fn fuzz_check(data: &[u8]) {
    if let Ok(source) = Source::decode(data) {
        let text = source.text();
        for mode in [Mode::Tokenize, Mode::Compile] {
            let lexed = lex(text, mode);
            let mut at = 0;
            for (_, range) in lexed.tokens.iter() {
                assert_eq!(range.start, at, "tokens do not tile the text");
                at = range.end;
            }
            assert_eq!(at as usize, text.len(), "tokens do not reach the end");
            if let Some(error) = lexed.error {
                assert!(
                    error.range.start <= error.range.end && error.range.end as usize <= text.len()
                );
            }
        }
    }
    if let Ok(listing) = python_tokenize::Listing::from_bytes(data, "<fuzz>")
        && let Ok(tokens) = listing.tokens()
    {
        let mut out = String::new();
        python_tokenize::format(&mut out, listing.encoding.as_deref(), &tokens, true);
    }
}

/// The parser fuzz target's body: decode `data`, parse it, and check that
/// the tree prints back the text and the text encodes back to `data`.
#[doc(hidden)]
pub fn fuzz_parse(data: &[u8]) {
    let Ok(source) = Source::decode(data) else {
        return;
    };
    let parsed = parse(source.text());
    assert_eq!(
        parsed.tree.root().text(),
        source.text(),
        "the tree does not print its text"
    );
    if let Some(error) = &parsed.error {
        assert!(error.range.end as usize <= source.text().len());
    }
    assert_eq!(
        source.encode(source.text()).as_deref(),
        Ok(data),
        "the text does not encode back"
    );
}
