//! What is known about an operand of `%` from its spelling: its type
//! (a literal, a builtin call) and whether evaluating it has effects.

use super::format::str_literal_value;
use crate::rules::pattern::unparen;
use crate::rules::precedence;
use crate::rules::transform::Context;
use molt_syntax::{NodeKind, SyntaxNode};

/// What is known about an operand's type from its spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Known {
    /// An int literal, possibly signed; `negative` when known.
    Int {
        negative: Option<bool>,
    },
    Bool,
    Float,
    /// A str literal; its length when plain.
    Str {
        chars: Option<usize>,
    },
    /// Something that is neither a tuple nor a number nor a str (a list,
    /// `None`, bytes, a lambda...).
    Other,
    /// Anything else: a name, a call, an attribute...
    Unknown,
}

pub(super) fn known(context: &Context<'_>, node: SyntaxNode<'_>) -> Known {
    let node = unparen(node);
    match node.kind() {
        NodeKind::Number => {
            let text = node.text().to_ascii_lowercase();
            if text.ends_with('j') {
                // A complex number: not a real number, not a tuple.
                Known::Other
            } else if text.starts_with("0x") || text.starts_with("0o") || text.starts_with("0b") {
                Known::Int {
                    negative: Some(false),
                }
            } else if text.contains(['.', 'e']) {
                Known::Float
            } else {
                Known::Int {
                    negative: Some(false),
                }
            }
        }
        NodeKind::Unary => {
            let op = precedence::operator(node);
            let inner = node.children().next();
            let operand = inner.map(|n| known(context, n));
            // `-0` is zero, not negative.
            let zero = inner.is_some_and(|n| is_zero(unparen(n).text()));
            match (op, operand) {
                ("-" | "+", Some(Known::Int { negative: Some(n) })) => Known::Int {
                    negative: Some(n != (op == "-" && !zero)),
                },
                ("-" | "+", Some(Known::Float)) => Known::Float,
                ("~", Some(Known::Int { .. } | Known::Bool)) => Known::Int { negative: None },
                ("not", _) => Known::Bool,
                _ => Known::Unknown,
            }
        }
        NodeKind::Constant => match node.text() {
            "True" | "False" => Known::Bool,
            _ => Known::Other,
        },
        NodeKind::String | NodeKind::Strings | NodeKind::FString => match str_literal_value(node) {
            Some(value) => Known::Str {
                chars: Some(value.chars().count()),
            },
            None if node.text().trim_start().starts_with(['b', 'B'])
                || node
                    .children()
                    .any(|p| p.text().trim_start().starts_with(['b', 'B'])) =>
            {
                Known::Other
            }
            None => Known::Str { chars: None },
        },
        NodeKind::List
        | NodeKind::Set
        | NodeKind::Dict
        | NodeKind::ListComp
        | NodeKind::SetComp
        | NodeKind::DictComp
        | NodeKind::Generator
        | NodeKind::Lambda => Known::Other,
        NodeKind::Call => node
            .children()
            .next()
            .and_then(|callee| {
                BUILTIN_RESULTS
                    .iter()
                    .find(|(name, _)| context.is_builtin(callee, name))
            })
            .map_or(Known::Unknown, |&(_, result)| result),
        _ => Known::Unknown,
    }
}

/// Is `text` an int literal whose value is zero (`0`, `0x0`, `0_0`)?
pub(super) fn is_zero(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    !digits.is_empty() && digits.chars().all(|c| c == '0' || c == '_')
}

/// Builtins whose result's type is known exactly (never a subclass, never
/// a tuple), when the name is not shadowed. `int()` and `float()` are not
/// here: `__int__` and `__float__` may return a subclass.
pub(super) const BUILTIN_RESULTS: &[(&str, Known)] = &[
    (
        "len",
        Known::Int {
            negative: Some(false),
        },
    ),
    (
        "ord",
        Known::Int {
            negative: Some(false),
        },
    ),
    (
        "id",
        Known::Int {
            negative: Some(false),
        },
    ),
    ("hash", Known::Int { negative: None }),
    ("isinstance", Known::Bool),
    ("issubclass", Known::Bool),
    ("callable", Known::Bool),
    ("hasattr", Known::Bool),
    ("bool", Known::Bool),
    // Not numbers, not tuples (`str()` may return a subclass: still `!s`).
    ("str", Known::Other),
    ("repr", Known::Other),
    ("ascii", Known::Other),
    ("chr", Known::Other),
    ("hex", Known::Other),
    ("oct", Known::Other),
    ("bin", Known::Other),
    ("format", Known::Other),
    ("type", Known::Other),
    ("list", Known::Other),
    ("dict", Known::Other),
    ("set", Known::Other),
    ("frozenset", Known::Other),
    ("sorted", Known::Other),
];

/// Is evaluating `node` free of side effects and of code that could
/// observe them (names, literals, and attribute or item reads of those)?
pub(super) fn plain(node: SyntaxNode<'_>) -> bool {
    let node = unparen(node);
    match node.kind() {
        NodeKind::Name
        | NodeKind::Number
        | NodeKind::Constant
        | NodeKind::String
        | NodeKind::Strings => true,
        // A signed number; `-x` would call `__neg__`.
        NodeKind::Unary => node
            .children()
            .all(|c| unparen(c).kind() == NodeKind::Number),
        // Reading an attribute or an item is taken to have no effect that
        // formatting an earlier operand could observe.
        NodeKind::Attribute | NodeKind::Subscript | NodeKind::Slice => node.children().all(plain),
        _ => false,
    }
}
