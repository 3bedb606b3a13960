//! Parser events, and the builder that turns them (with the trivia the
//! parser never saw) into the tree.
//!
//! Trivia goes to the innermost open node when the next significant token
//! comes, but never opens a node: a node starts and ends at significant
//! tokens (the root excepted), so comments and blank lines between
//! statements belong to the enclosing block.

use super::Significant;
use crate::Tokens;
use crate::syntax::{NodeKind, SyntaxTree, TreeBuilder};
use std::num::NonZeroU32;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Event {
    /// Open a node. `forward_parent` points (relatively) at the Start of a
    /// node that wraps this one, made later by `precede`.
    Start {
        kind: NodeKind,
        /// (Never zero: the parent's Start comes later. Kept in a
        /// `NonZeroU32` so that an event is 8 bytes; a file has two per
        /// token.)
        forward_parent: Option<NonZeroU32>,
    },
    Token,
    Finish,
    /// A Start not yet given its kind, abandoned, or already consumed.
    Tombstone,
}

/// The events of a file that did not parse: a Module holding one Error
/// node with every token.
pub(crate) fn error_tree(token_count: usize) -> Vec<Event> {
    let mut events = Vec::with_capacity(token_count + 4);
    events.push(Event::Start {
        kind: NodeKind::Module,
        forward_parent: None,
    });
    events.push(Event::Start {
        kind: NodeKind::Error,
        forward_parent: None,
    });
    events.extend(std::iter::repeat_n(Event::Token, token_count));
    events.push(Event::Finish);
    events.push(Event::Finish);
    events
}

/// Build the tree. `significant[k]` is the token index of the `k`th Token
/// event; the tokens between are trivia.
pub(crate) fn build(
    events: &mut [Event],
    significant: &[Significant],
    text: String,
    tokens: Tokens,
    error_tree: bool,
) -> SyntaxTree {
    // Every Start left is a node; each node but the root and each token
    // is a child of one: sized once, the tree's arrays never grow.
    let nodes = events
        .iter()
        .filter(|e| matches!(e, Event::Start { .. }))
        .count();
    let mut builder = TreeBuilder::new(tokens.len(), nodes);
    let mut next_significant = 0usize;
    let mut depth = 0usize;
    let mut chain = Vec::new();
    for i in 0..events.len() {
        match std::mem::replace(&mut events[i], Event::Tombstone) {
            Event::Tombstone => {}
            Event::Start {
                kind,
                forward_parent,
            } => {
                // Collect the chain of parents made by `precede`, outermost last.
                chain.clear();
                chain.push(kind);
                let mut at = i;
                let mut fp = forward_parent;
                while let Some(offset) = fp {
                    at += offset.get() as usize;
                    match std::mem::replace(&mut events[at], Event::Tombstone) {
                        Event::Start {
                            kind,
                            forward_parent,
                        } => {
                            chain.push(kind);
                            fp = forward_parent;
                        }
                        _ => unreachable!("forward parents point at starts"),
                    }
                }
                for &kind in chain.iter().rev() {
                    if depth > 0 && !error_tree {
                        flush_trivia(&mut builder, &tokens, significant, next_significant);
                    }
                    builder.start(kind);
                    depth += 1;
                }
            }
            Event::Token => {
                if error_tree {
                    builder.token();
                    continue;
                }
                flush_trivia(&mut builder, &tokens, significant, next_significant);
                builder.token();
                next_significant += 1;
            }
            Event::Finish => {
                depth -= 1;
                if depth == 0 && !error_tree {
                    // Whatever trivia is left belongs to the root.
                    while builder.next_token() < tokens.len() as u32 {
                        builder.token();
                    }
                }
                builder.finish();
            }
        }
    }
    builder.build(text, tokens)
}

/// Add the trivia tokens before the next significant one.
fn flush_trivia(
    builder: &mut TreeBuilder,
    tokens: &Tokens,
    significant: &[Significant],
    next: usize,
) {
    let until = significant
        .get(next)
        .map(|s| s.token)
        .unwrap_or(tokens.len() as u32);
    while builder.next_token() < until {
        builder.token();
    }
}

#[cfg(test)]
mod tests {
    /// Two events per token: keep them small.
    #[test]
    fn an_event_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<super::Event>(), 8);
    }
}
