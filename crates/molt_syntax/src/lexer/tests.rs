//! Hand-written lexer tests for what CPython has no opinion on: tokens tile
//! the text, trivia, and molt's own choices. What CPython does say is
//! compared with the oracle in the root package's tests.

use super::{Mode, lex};
use crate::token::{Token, TokenKind};

fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
    let lexed = lex(text, Mode::Compile);
    assert!(lexed.error.is_none(), "{text:?}: {:?}", lexed.error);
    lexed
        .tokens
        .iter()
        .map(|(t, r)| (t.kind, &text[r]))
        .collect()
}

/// Every byte in exactly one token, in order, ending with ENDMARKER.
fn assert_tiles(text: &str) {
    for mode in [Mode::Tokenize, Mode::Compile] {
        let lexed = lex(text, mode);
        let tokens = &lexed.tokens;
        assert_eq!(tokens.get(0).start, 0, "{text:?}");
        let joined: String = tokens.iter().map(|(_, r)| &text[r]).collect();
        assert_eq!(joined, text);
        assert_eq!(tokens.kind(tokens.len() - 1), TokenKind::EndMarker);
    }
}

#[test]
fn trivia_makes_the_tokens_tile() {
    use TokenKind::*;
    assert_eq!(
        kinds("\u{feff}x = 1 \\\n  + 2  # c\r\n"),
        vec![
            (Bom, "\u{feff}"),
            (Name, "x"),
            (Whitespace, " "),
            (Equal, "="),
            (Whitespace, " "),
            (Number, "1"),
            (Whitespace, " "),
            (Continuation, "\\\n"),
            (Whitespace, "  "),
            (Plus, "+"),
            (Whitespace, " "),
            (Number, "2"),
            (Whitespace, "  "),
            (Comment, "# c"),
            (Newline, "\r\n"),
            (EndMarker, ""),
        ]
    );
}

#[test]
fn indents_cover_their_whitespace_and_dedents_are_empty() {
    use TokenKind::*;
    assert_eq!(
        kinds("if x:\n  y\nz"),
        vec![
            (Name, "if"),
            (Whitespace, " "),
            (Name, "x"),
            (Colon, ":"),
            (Newline, "\n"),
            (Indent, "  "),
            (Name, "y"),
            (Newline, "\n"),
            (Dedent, ""),
            (Name, "z"),
            (Newline, ""),
            (EndMarker, ""),
        ]
    );
}

#[test]
fn escaped_braces_stay_in_their_middle() {
    let text = "f'a{{b}}'";
    let lexed = lex(text, Mode::Compile);
    let middles: Vec<(&str, bool)> = lexed
        .tokens
        .iter()
        .filter(|(t, _)| t.kind == TokenKind::FStringMiddle)
        .map(|(t, r)| (&text[r], t.flags & Token::ESCAPED_BRACE != 0))
        .collect();
    assert_eq!(middles, vec![("a{{", true), ("b}}", true)]);
}

#[test]
fn a_lone_carriage_return_ends_a_line() {
    use TokenKind::*;
    assert_eq!(
        kinds("x\ry\r"),
        vec![
            (Name, "x"),
            (Newline, "\r"),
            (Name, "y"),
            (Newline, "\r"),
            (EndMarker, "")
        ]
    );
}

#[test]
fn errors_end_the_stream_with_one_error_token() {
    let text = "x = (1,\ny = 'abc\n";
    let lexed = lex(text, Mode::Compile);
    let error = lexed.error.expect("an unterminated string");
    assert_eq!(
        error.message,
        "unterminated string literal (detected at line 2)"
    );
    assert_eq!((error.line, error.offset), (2, 5));
    assert_eq!(&text[error.range], "'");
    let n = lexed.tokens.len();
    assert_eq!(lexed.tokens.kind(n - 2), TokenKind::ErrorToken);
    assert_tiles(text);
}

#[test]
fn odd_inputs_tile() {
    for text in [
        "",
        "\u{feff}",
        "\\",
        "\\\n",
        "x\\\r\ny",
        "'",
        "f'{",
        "f'{x:{",
        "\x00",
        "\t\t\n \x0c x\n",
        "if 1:\n\tx\n        y\n",
        "(((",
        ")))",
        "0x",
        "1e",
        "€",
        "t'{t'{t'{t'{1}'}'}'}'",
    ] {
        assert_tiles(text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let parens = "(".repeat(250);
    let error = lex(&parens, Mode::Compile).error.expect("too deep");
    assert_eq!(error.message, "too many nested parentheses");
    let indents: String = (0..120)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect();
    let error = lex(&indents, Mode::Compile).error.expect("too deep");
    assert_eq!(error.message, "too many levels of indentation");
    let fstrings = "f'{".repeat(200);
    assert!(lex(&fstrings, Mode::Compile).error.is_some());
}

/// Every operator of the token table lexes as its own kind, alone and
/// between names (the lexer finds operators by packed integer keys).
#[test]
fn every_operator_by_its_text() {
    for &kind in TokenKind::ALL {
        let Some(text) = kind.operator_text() else {
            continue;
        };
        if matches!(text, "(" | ")" | "[" | "]" | "{" | "}") {
            continue; // brackets must balance; `(a)` below checks them
        }
        let source = format!("a {text} b\n");
        let lexed = lex(&source, Mode::Tokenize);
        let got: Vec<TokenKind> = lexed.tokens.iter().map(|(t, _)| t.kind).collect();
        assert!(got.contains(&kind), "{text:?} lexed as {got:?}");
    }
    assert!(
        kinds("(a)[b]{c}\n")
            .iter()
            .any(|(k, _)| *k == TokenKind::RBrace)
    );
    // `<>` is NOTEQUAL whatever its text (Barry as FLUFL).
    assert!(
        kinds("a <> b\n")
            .iter()
            .any(|(k, t)| *k == TokenKind::NotEqual && *t == "<>")
    );
}
