//! Compiling a text as `compile(source, filename, "exec")` does: parse,
//! lower to the AST, build the symbol table and generate code. The first
//! error of any stage comes back with CPython's exception, message and
//! place. `molt compile` reports it; `molt fix` compiles every rewritten
//! text before writing it.

use molt_ast::lower::{LowerError, lower};
use molt_compile::CompileError;
use molt_compile::code::CodeObject;
use molt_compile::timings::{self, timed};
use molt_syntax::{Input, LineIndex};
use std::ops::Range;

/// The stage that refused a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The tokenizer or the parser.
    Parse,
    /// Lowering to the AST (string literals are decoded there).
    Lower,
    /// The symbol table or the code generator.
    Compile,
}

/// Why a text does not compile: what CPython would raise, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileFailure {
    pub stage: Stage,
    /// The exception: `SyntaxError`, `IndentationError`, `TabError`, ...
    pub kind: &'static str,
    pub message: String,
    /// CPython's `lineno` (1-based).
    pub line: u32,
    /// The bytes of the text the error is about (possibly empty).
    pub range: Range<usize>,
}

impl std::fmt::Display for CompileFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (line {})", self.kind, self.message, self.line)
    }
}

/// Compile a module's text to its code object, or say why CPython would
/// refuse it. Recurses as deeply as the code nests: call it on a thread
/// with a large stack (`crate::cli::STACK_SIZE`).
pub fn compile_source(text: &str, filename: &str) -> Result<CodeObject, CompileFailure> {
    let parsed = timed(timings::Stage::Parse, || {
        molt_syntax::parse_as(text, Input::Exec)
    });
    if let Some(e) = parsed.error {
        return Err(CompileFailure {
            stage: Stage::Parse,
            kind: e.kind.name(),
            message: e.message,
            line: e.line,
            range: e.range.as_usize(),
        });
    }
    let module = timed(timings::Stage::Lower, || lower(&parsed.tree, Input::Exec))
        .map_err(|e| CompileFailure::lowering(text, e))?;
    // The tree is as large as the AST and the code together: freed before
    // code generation, it lowers the peak, and fresh memory is slow to
    // touch.
    drop(parsed);
    molt_compile::compile_module(&module, filename).map_err(|e| CompileFailure::compiling(text, e))
}

impl CompileFailure {
    /// A lowering error (a `SyntaxError` of CPython's parser), placed in
    /// `text`.
    pub fn lowering(text: &str, e: LowerError) -> CompileFailure {
        let start = Offsets::new(text).at(e.line, e.offset.saturating_sub(1));
        CompileFailure {
            stage: Stage::Lower,
            kind: "SyntaxError",
            message: e.message,
            line: e.line,
            range: start..start,
        }
    }

    /// A symbol table or code generation error, placed in `text`.
    pub fn compiling(text: &str, e: CompileError) -> CompileFailure {
        let l = &e.location;
        let offsets = Offsets::new(text);
        let start = offsets.at(l.lineno, l.col_offset);
        let end = offsets.at(l.end_lineno, l.end_col_offset).max(start);
        CompileFailure {
            stage: Stage::Compile,
            kind: e.kind.name(),
            message: e.message,
            line: l.lineno,
            range: start..end,
        }
    }
}

/// Byte offsets of lines and columns in a text (its lines are counted only
/// when an error needs placing).
struct Offsets {
    index: LineIndex,
    len: usize,
}

impl Offsets {
    fn new(text: &str) -> Offsets {
        Offsets {
            index: LineIndex::new(text),
            len: text.len(),
        }
    }

    /// The offset of a 1-based line and a 0-based byte column.
    fn at(&self, line: u32, col: u32) -> usize {
        ((self.index.line_start(line.max(1)) + col) as usize).min(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_reports_its_error() {
        assert!(compile_source("x = 1\n", "t.py").is_ok());
        let parse = compile_source("x = (\n", "t.py").unwrap_err();
        assert_eq!(parse.stage, Stage::Parse);
        let lower = compile_source("x = 1\nb'é'\n", "t.py").unwrap_err();
        assert_eq!(
            (lower.stage, lower.line, lower.message.as_str()),
            (
                Stage::Lower,
                2,
                "bytes can only contain ASCII literal characters"
            )
        );
        let compile = compile_source("x = 1\n\nreturn x\n", "t.py").unwrap_err();
        assert_eq!(
            (compile.stage, compile.line, compile.message.as_str()),
            (Stage::Compile, 3, "'return' outside function")
        );
        assert_eq!(compile.range, 7..15);
    }
}
