//! The one error of this stage: a `SyntaxError` raised at compile time
//! (by the symbol table or the code generator), with CPython's text and
//! the place CPython reports.

use molt_ast::Location;

/// A compile-time `SyntaxError`: CPython's message and the node it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    /// The node CPython points at (1-based lines, UTF-8 byte columns).
    pub location: Location,
}

impl CompileError {
    pub fn new(message: impl Into<String>, location: Location) -> CompileError {
        CompileError {
            message: message.into(),
            location,
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (line {})", self.message, self.location.lineno)
    }
}

impl std::error::Error for CompileError {}
