//! The one error of this stage: what CPython raises at compile time (by
//! the symbol table or the code generator) — a `SyntaxError`, past its
//! recursion limit a `RecursionError`, for a docstring it cannot encode a
//! `UnicodeEncodeError` — with CPython's text and the place CPython
//! reports.

use molt_ast::Location;

/// The exception CPython raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileErrorKind {
    SyntaxError,
    /// Code nested deeper than the compiler's recursion limit.
    RecursionError,
    /// A docstring with lone surrogates: cleaning it encodes it to UTF-8.
    UnicodeEncodeError,
}

impl CompileErrorKind {
    /// The exception's class name.
    pub fn name(self) -> &'static str {
        match self {
            CompileErrorKind::SyntaxError => "SyntaxError",
            CompileErrorKind::RecursionError => "RecursionError",
            CompileErrorKind::UnicodeEncodeError => "UnicodeEncodeError",
        }
    }
}

/// A compile-time error: CPython's exception, message and the node it
/// names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub message: String,
    /// The node CPython points at (1-based lines, UTF-8 byte columns).
    pub location: Location,
}

impl CompileError {
    /// A `SyntaxError`.
    pub fn new(message: impl Into<String>, location: Location) -> CompileError {
        CompileError {
            kind: CompileErrorKind::SyntaxError,
            message: message.into(),
            location,
        }
    }

    /// The `RecursionError` of code nested too deep to compile.
    pub fn too_deep(location: Location) -> CompileError {
        CompileError {
            kind: CompileErrorKind::RecursionError,
            message: "maximum recursion depth exceeded during compilation".to_string(),
            location,
        }
    }

    /// The strict UTF-8 encoder's error for a string of code points with
    /// lone surrogates: it names the first run of them.
    pub fn unencodable(points: &[u32], location: Location) -> CompileError {
        let is_surrogate = |c: &u32| (0xD800..=0xDFFF).contains(c);
        let start = points.iter().position(is_surrogate).unwrap_or(0);
        let end = start
            + points[start..]
                .iter()
                .take_while(|c| is_surrogate(c))
                .count();
        let what = if end - start <= 1 {
            format!(
                "character '\\u{:04x}' in position {start}",
                points.get(start).copied().unwrap_or(0)
            )
        } else {
            format!("characters in position {start}-{}", end - 1)
        };
        CompileError {
            kind: CompileErrorKind::UnicodeEncodeError,
            message: format!("'utf-8' codec can't encode {what}: surrogates not allowed"),
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
