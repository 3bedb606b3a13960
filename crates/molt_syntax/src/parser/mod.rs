//! The parser: recursive descent over the significant tokens (trivia is
//! invisible to it), emitting events that `build` turns into the tree.
//!
//! It follows CPython's PEG grammar (`Grammar/python.gram`) for Python
//! 3.14. It stops at the first error, as CPython reports only the first,
//! and reports it with CPython's message and place where it can (see
//! `error.rs`).

mod error;
mod event;
mod grammar;
mod keyword;
mod targets;

pub use error::ParseError;
pub use keyword::is_keyword;

use crate::lexer::{LexError, Mode, lex};
use crate::syntax::{NodeKind, SyntaxTree};
use crate::token::TokenKind;
use crate::{TextRange, Tokens};
use event::Event;
pub(crate) use keyword::Kw;

/// A parsed file: the tree (always lossless) and the first error.
#[derive(Debug, Clone)]
pub struct Parse {
    pub tree: SyntaxTree,
    pub error: Option<ParseError>,
}

/// Parse a module (`exec` mode).
pub fn parse(text: &str) -> Parse {
    parse_as(text, Input::Exec)
}

/// What the text is, as `compile()`'s mode says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// A module (`exec`).
    Exec,
    /// One expression (`eval`).
    Eval,
    /// One interactive statement (`single`).
    Single,
    /// A function type comment: `(int, str) -> bool` (`func_type`).
    FuncType,
}

/// Parse `text` as `input`. The root is always a `Module` node; for `eval`
/// and `func_type` it holds the expression's parts.
pub fn parse_as(text: &str, input: Input) -> Parse {
    let lexed = lex(text, Mode::Compile);
    let scratch = SCRATCH.take();
    let mut parser = Parser::new(text, &lexed.tokens, lexed.error.as_ref(), scratch);
    let outcome = match input {
        Input::Exec => grammar::module(&mut parser),
        Input::Eval => grammar::eval_input(&mut parser),
        Input::Single => grammar::single_input(&mut parser),
        Input::FuncType => grammar::func_type_input(&mut parser),
    };
    let error = match outcome {
        Ok(()) => None,
        Err(Fail) => Some(parser.final_error()),
    };
    let failed = error.is_some();
    let mut scratch = Scratch {
        significant: std::mem::take(&mut parser.significant),
        events: std::mem::take(&mut parser.events),
    };
    let mut error_events;
    let events = if failed {
        error_events = event::error_tree(lexed.tokens.len());
        &mut error_events
    } else {
        &mut scratch.events
    };
    let tree = event::build(
        events,
        &scratch.significant,
        text.to_string(),
        lexed.tokens,
        failed,
    );
    SCRATCH.set(scratch);
    Parse { tree, error }
}

/// The parser's working lists, kept for the thread's next file: they are
/// as long as the file's tokens (two events a token), and fresh memory
/// that size costs page faults for every file.
#[derive(Default)]
struct Scratch {
    significant: Vec<Significant>,
    events: Vec<Event>,
}

thread_local! {
    static SCRATCH: std::cell::Cell<Scratch> = std::cell::Cell::default();
}

/// A token the parser sees: its index among all tokens, its kind, and
/// the keyword it spells.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Significant {
    pub(crate) token: u32,
    kind: TokenKind,
    keyword: Kw,
}

/// Parsing stopped at an error (recorded in the parser).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fail;

pub(crate) type PResult<T = ()> = Result<T, Fail>;

pub(crate) struct Parser<'t> {
    text: &'t str,
    tokens: &'t Tokens,
    /// The tokens the parser sees (no trivia), ending with ENDMARKER (or
    /// the lexer's ERRORTOKEN, then ENDMARKER).
    significant: Vec<Significant>,
    pos: usize,
    /// The furthest token looked at: where CPython reports "invalid syntax".
    furthest: usize,
    events: Vec<Event>,
    error: Option<ParseError>,
    lex_error: Option<&'t LexError>,
    /// Nesting of speculative parses: errors inside are not recorded.
    speculating: u32,
    /// The innermost speculation has committed.
    committed: bool,
    /// How deeply the grammar functions that recurse are nested.
    depth: u32,
}

/// Deeper than this, CPython's parser too gives up ("too complex").
const MAX_DEPTH: u32 = 6000;

impl<'t> Parser<'t> {
    fn new(
        text: &'t str,
        tokens: &'t Tokens,
        lex_error: Option<&'t LexError>,
        scratch: Scratch,
    ) -> Parser<'t> {
        let Scratch {
            mut significant,
            mut events,
        } = scratch;
        significant.clear();
        events.clear();
        // Sized for every token, so that they never grow.
        significant.reserve(tokens.len());
        events.reserve(tokens.len() * 2);
        significant.extend(
            (0..tokens.len() as u32)
                .filter(|&i| !tokens.kind(i as usize).is_trivia())
                .map(|i| {
                    let kind = tokens.kind(i as usize);
                    let keyword = if kind == TokenKind::Name {
                        Kw::of(&text[tokens.range(i as usize)])
                    } else {
                        Kw::NotKeyword
                    };
                    Significant {
                        token: i,
                        kind,
                        keyword,
                    }
                }),
        );
        Parser {
            text,
            tokens,
            significant,
            pos: 0,
            furthest: 0,
            events,
            error: None,
            lex_error,
            speculating: 0,
            committed: false,
            depth: 0,
        }
    }

    // ----- looking at tokens -------------------------------------------

    fn index(&self, n: usize) -> usize {
        (self.pos + n).min(self.significant.len() - 1)
    }

    /// The kind of the `n`th significant token from here.
    pub(crate) fn nth(&mut self, n: usize) -> TokenKind {
        let i = self.index(n);
        self.furthest = self.furthest.max(i);
        self.significant[i].kind
    }

    /// Like `nth`, for lookaheads that only choose an error message:
    /// CPython's generic error stays where its first pass stopped.
    pub(crate) fn peek_quietly(&self, n: usize) -> TokenKind {
        self.significant[self.index(n)].kind
    }

    pub(crate) fn current(&mut self) -> TokenKind {
        self.nth(0)
    }

    /// The text of the `n`th significant token from here.
    pub(crate) fn nth_text(&mut self, n: usize) -> &'t str {
        let i = self.index(n);
        self.furthest = self.furthest.max(i);
        &self.text[self.tokens.range(self.significant[i].token as usize)]
    }

    pub(crate) fn at(&mut self, kind: TokenKind) -> bool {
        self.current() == kind
    }

    pub(crate) fn nth_at(&mut self, n: usize, kind: TokenKind) -> bool {
        self.nth(n) == kind
    }

    /// Is the current token the keyword (or soft keyword) `kw`?
    pub(crate) fn at_kw(&mut self, kw: Kw) -> bool {
        self.nth_kw(0, kw)
    }

    pub(crate) fn nth_kw(&mut self, n: usize, kw: Kw) -> bool {
        self.nth_keyword(n) == kw
    }

    /// The keyword the `n`th significant token from here spells.
    pub(crate) fn nth_keyword(&mut self, n: usize) -> Kw {
        let i = self.index(n);
        self.furthest = self.furthest.max(i);
        self.significant[i].keyword
    }

    /// A NAME that is not a hard keyword.
    pub(crate) fn at_name(&mut self) -> bool {
        self.nth_is_name(0)
    }

    pub(crate) fn nth_is_name(&mut self, n: usize) -> bool {
        self.nth(n) == TokenKind::Name && !self.significant[self.index(n)].keyword.is_hard()
    }

    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    // ----- consuming ------------------------------------------------------

    pub(crate) fn bump(&mut self) {
        debug_assert!(self.pos < self.significant.len());
        if self.pos < self.significant.len() {
            self.pos += 1;
            self.events.push(Event::Token);
        }
    }

    pub(crate) fn eat(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            self.bump();
            true
        } else {
            false
        }
    }

    pub(crate) fn eat_kw(&mut self, kw: Kw) -> bool {
        if self.at_kw(kw) {
            self.bump();
            true
        } else {
            false
        }
    }

    /// Consume `kind` or fail with "invalid syntax".
    pub(crate) fn expect(&mut self, kind: TokenKind) -> PResult {
        if self.eat(kind) {
            Ok(())
        } else {
            Err(self.invalid_syntax())
        }
    }

    pub(crate) fn expect_kw(&mut self, kw: Kw) -> PResult {
        if self.eat_kw(kw) {
            Ok(())
        } else {
            Err(self.invalid_syntax())
        }
    }

    /// Consume `kind` or fail with CPython's "expected 'X'".
    pub(crate) fn expect_or(&mut self, kind: TokenKind, message: &str) -> PResult {
        if self.eat(kind) {
            return Ok(());
        }
        if self.at(TokenKind::ErrorToken) {
            return Err(self.invalid_syntax());
        }
        Err(self.error_here(message))
    }

    // ----- nodes ----------------------------------------------------------

    pub(crate) fn start(&mut self) -> Marker {
        let pos = self.events.len() as u32;
        self.events.push(Event::Tombstone);
        Marker { pos }
    }

    /// Run `f` speculatively: on failure, undo everything it did and
    /// return `None`.
    pub(crate) fn attempt<T>(
        &mut self,
        f: impl FnOnce(&mut Parser<'t>) -> PResult<T>,
    ) -> Option<T> {
        self.speculate(f).ok().flatten()
    }

    /// Like `attempt`, but once `f` calls [`Parser::commit`] its failure
    /// is final and returned as such.
    pub(crate) fn speculate<T>(
        &mut self,
        f: impl FnOnce(&mut Parser<'t>) -> PResult<T>,
    ) -> PResult<Option<T>> {
        let (pos, events, depth) = (self.pos, self.events.len(), self.depth);
        let outer_commit = std::mem::replace(&mut self.committed, false);
        self.speculating += 1;
        let result = f(self);
        let committed = std::mem::replace(&mut self.committed, outer_commit);
        if !committed {
            self.speculating -= 1;
        }
        match result {
            Ok(value) => Ok(Some(value)),
            Err(Fail) if committed => Err(Fail),
            Err(Fail) => {
                // CPython's tokens stay read: `furthest` is not rewound.
                self.pos = pos;
                self.events.truncate(events);
                self.depth = depth;
                Ok(None)
            }
        }
    }

    /// Run a grammar function that may recurse, counting the depth: input
    /// nested beyond what CPython's parser takes is refused as it refuses
    /// it, and the stack stays bounded.
    pub(crate) fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Parser<'t>) -> PResult<T>,
    ) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            let range = self.nth_range(0);
            return Err(self.raise_memory_error(range));
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// Inside `speculate`: this is the construct being tried; errors from
    /// here on are real.
    pub(crate) fn commit(&mut self) {
        if !self.committed {
            self.committed = true;
            self.speculating -= 1;
        }
    }

    /// The kind of the `i`th significant token of the file (not counting
    /// as looked at).
    fn significant_kind(&self, i: usize) -> TokenKind {
        self.tokens
            .kind(self.significant[i.min(self.significant.len() - 1)].token as usize)
    }

    fn significant_text(&self, i: usize) -> &'t str {
        &self.text[self.significant_range(i).as_usize()]
    }

    fn significant_range(&self, i: usize) -> TextRange {
        self.tokens
            .range(self.significant[i.min(self.significant.len() - 1)].token as usize)
    }

    pub(crate) fn text(&self) -> &'t str {
        self.text
    }

    /// The byte range of the significant token `n` from here.
    pub(crate) fn nth_range(&self, n: usize) -> TextRange {
        self.tokens
            .range(self.significant[self.index(n)].token as usize)
    }

    /// The range of the last consumed token.
    pub(crate) fn previous_range(&self) -> TextRange {
        let i = self.pos.saturating_sub(1);
        self.tokens.range(self.significant[i].token as usize)
    }
}

/// An open node: complete it with a kind, or abandon it.
#[must_use]
pub(crate) struct Marker {
    pos: u32,
}

impl Marker {
    pub(crate) fn complete(self, p: &mut Parser<'_>, kind: NodeKind) -> Completed {
        p.events[self.pos as usize] = Event::Start {
            kind,
            forward_parent: None,
        };
        p.events.push(Event::Finish);
        Completed {
            pos: self.pos,
            kind,
        }
    }
}

/// A finished node: it can still be wrapped by a new parent (`precede`),
/// which is how left-recursive constructs (`a.b(c)[d]`, `a + b`) are built.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Completed {
    pos: u32,
    kind: NodeKind,
}

impl Completed {
    pub(crate) fn precede(self, p: &mut Parser<'_>) -> Marker {
        let parent = p.start();
        if let Event::Start { forward_parent, .. } = &mut p.events[self.pos as usize] {
            *forward_parent = std::num::NonZeroU32::new(parent.pos - self.pos);
        }
        parent
    }

    pub(crate) fn kind(&self) -> NodeKind {
        self.kind
    }
}
