//! Token kinds: one table gives each kind its CPython number and name (as
//! CPython 3.14's `token` module has them) and, for operators, its text.
//!
//! molt adds three trivia kinds CPython has no number for (whitespace, a
//! backslash continuation, a byte-order mark), so that every byte of a file
//! belongs to exactly one token.

use crate::TextRange;

macro_rules! token_kinds {
    (
        cpython { $( $v:ident = $num:literal $name:literal $( $text:literal )? ; )* }
        trivia { $( $tv:ident $tname:literal ; )* }
    ) => {
        /// The kind of a token.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum TokenKind {
            $( $v, )*
            $( $tv, )*
        }

        impl TokenKind {
            /// Every kind, in table order.
            pub const ALL: &'static [TokenKind] = &[ $( TokenKind::$v, )* $( TokenKind::$tv, )* ];

            /// The number CPython 3.14's `token` module gives this kind;
            /// `None` for molt's trivia kinds.
            pub const fn cpython_number(self) -> Option<u8> {
                match self {
                    $( TokenKind::$v => Some($num), )*
                    $( TokenKind::$tv => None, )*
                }
            }

            /// The name CPython's `token.tok_name` gives this kind (molt's own
            /// name for trivia kinds).
            pub const fn name(self) -> &'static str {
                match self {
                    $( TokenKind::$v => $name, )*
                    $( TokenKind::$tv => $tname, )*
                }
            }

            /// The fixed text of an operator kind.
            pub const fn operator_text(self) -> Option<&'static str> {
                match self {
                    $( $( TokenKind::$v => Some($text), )? )*
                    _ => None,
                }
            }

            /// The operator kind spelled `text`, as `token.EXACT_TOKEN_TYPES`.
            pub fn from_operator(text: &str) -> Option<TokenKind> {
                match text {
                    $( $( $text => Some(TokenKind::$v), )? )*
                    _ => None,
                }
            }
        }
    };
}

token_kinds! {
    cpython {
        EndMarker = 0 "ENDMARKER";
        Name = 1 "NAME";
        Number = 2 "NUMBER";
        String = 3 "STRING";
        Newline = 4 "NEWLINE";
        Indent = 5 "INDENT";
        Dedent = 6 "DEDENT";
        LPar = 7 "LPAR" "(";
        RPar = 8 "RPAR" ")";
        LSqb = 9 "LSQB" "[";
        RSqb = 10 "RSQB" "]";
        Colon = 11 "COLON" ":";
        Comma = 12 "COMMA" ",";
        Semi = 13 "SEMI" ";";
        Plus = 14 "PLUS" "+";
        Minus = 15 "MINUS" "-";
        Star = 16 "STAR" "*";
        Slash = 17 "SLASH" "/";
        VBar = 18 "VBAR" "|";
        Amper = 19 "AMPER" "&";
        Less = 20 "LESS" "<";
        Greater = 21 "GREATER" ">";
        Equal = 22 "EQUAL" "=";
        Dot = 23 "DOT" ".";
        Percent = 24 "PERCENT" "%";
        LBrace = 25 "LBRACE" "{";
        RBrace = 26 "RBRACE" "}";
        EqEqual = 27 "EQEQUAL" "==";
        NotEqual = 28 "NOTEQUAL" "!=";
        LessEqual = 29 "LESSEQUAL" "<=";
        GreaterEqual = 30 "GREATEREQUAL" ">=";
        Tilde = 31 "TILDE" "~";
        Circumflex = 32 "CIRCUMFLEX" "^";
        LeftShift = 33 "LEFTSHIFT" "<<";
        RightShift = 34 "RIGHTSHIFT" ">>";
        DoubleStar = 35 "DOUBLESTAR" "**";
        PlusEqual = 36 "PLUSEQUAL" "+=";
        MinEqual = 37 "MINEQUAL" "-=";
        StarEqual = 38 "STAREQUAL" "*=";
        SlashEqual = 39 "SLASHEQUAL" "/=";
        PercentEqual = 40 "PERCENTEQUAL" "%=";
        AmperEqual = 41 "AMPEREQUAL" "&=";
        VBarEqual = 42 "VBAREQUAL" "|=";
        CircumflexEqual = 43 "CIRCUMFLEXEQUAL" "^=";
        LeftShiftEqual = 44 "LEFTSHIFTEQUAL" "<<=";
        RightShiftEqual = 45 "RIGHTSHIFTEQUAL" ">>=";
        DoubleStarEqual = 46 "DOUBLESTAREQUAL" "**=";
        DoubleSlash = 47 "DOUBLESLASH" "//";
        DoubleSlashEqual = 48 "DOUBLESLASHEQUAL" "//=";
        At = 49 "AT" "@";
        AtEqual = 50 "ATEQUAL" "@=";
        RArrow = 51 "RARROW" "->";
        Ellipsis = 52 "ELLIPSIS" "...";
        ColonEqual = 53 "COLONEQUAL" ":=";
        Exclamation = 54 "EXCLAMATION" "!";
        Op = 55 "OP";
        TypeIgnore = 56 "TYPE_IGNORE";
        TypeComment = 57 "TYPE_COMMENT";
        SoftKeyword = 58 "SOFT_KEYWORD";
        FStringStart = 59 "FSTRING_START";
        FStringMiddle = 60 "FSTRING_MIDDLE";
        FStringEnd = 61 "FSTRING_END";
        TStringStart = 62 "TSTRING_START";
        TStringMiddle = 63 "TSTRING_MIDDLE";
        TStringEnd = 64 "TSTRING_END";
        Comment = 65 "COMMENT";
        Nl = 66 "NL";
        ErrorToken = 67 "ERRORTOKEN";
        Encoding = 68 "ENCODING";
    }
    trivia {
        Whitespace "WHITESPACE";
        Continuation "CONTINUATION";
        Bom "BOM";
    }
}

impl TokenKind {
    /// Tokens the parser never sees: whitespace, comments, line
    /// continuations, non-logical newlines and a byte-order mark.
    pub const fn is_trivia(self) -> bool {
        matches!(
            self,
            TokenKind::Whitespace
                | TokenKind::Continuation
                | TokenKind::Bom
                | TokenKind::Comment
                | TokenKind::Nl
        )
    }

    /// Trivia, or a token that only marks layout (`NEWLINE`, `INDENT`,
    /// `DEDENT`, `ENDMARKER`): what structural comparisons skip.
    pub const fn is_layout(self) -> bool {
        self.is_trivia()
            || matches!(
                self,
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::EndMarker
            )
    }

    /// An operator or delimiter (what `tokenize` reports as `OP`).
    pub const fn is_operator(self) -> bool {
        (self as u8) >= (TokenKind::LPar as u8) && (self as u8) <= (TokenKind::Op as u8)
    }

    /// The kind `tokenize` reports without `-e`: every operator is `OP`.
    pub const fn generic(self) -> TokenKind {
        if self.is_operator() {
            TokenKind::Op
        } else {
            self
        }
    }
}

/// A token: its kind and where it starts. Tokens tile the text, so a token
/// ends where the next one starts (see [`Tokens`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// [`Token::ESCAPED_BRACE`] and friends.
    pub flags: u8,
    pub start: u32,
}

impl Token {
    /// An f-string middle whose last character is the second brace of a
    /// `{{` or `}}` escape; CPython's `tokenize` leaves that brace out.
    pub const ESCAPED_BRACE: u8 = 1;
}

/// The token stream of a text: every byte in exactly one token, in order,
/// ending with [`TokenKind::EndMarker`].
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    tokens: Vec<Token>,
    len: u32,
}

impl Tokens {
    pub(crate) fn new(tokens: Vec<Token>, len: u32) -> Tokens {
        Tokens { tokens, len }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    pub fn get(&self, i: usize) -> Token {
        self.tokens[i]
    }

    pub fn kind(&self, i: usize) -> TokenKind {
        self.tokens[i].kind
    }

    /// The byte range of token `i`.
    pub fn range(&self, i: usize) -> TextRange {
        let end = self.tokens.get(i + 1).map_or(self.len, |t| t.start);
        TextRange::new(self.tokens[i].start, end)
    }

    pub fn iter(&self) -> impl Iterator<Item = (Token, TextRange)> + '_ {
        (0..self.tokens.len()).map(|i| (self.tokens[i], self.range(i)))
    }

    pub fn as_slice(&self) -> &[Token] {
        &self.tokens
    }
}
