//! Reading a file argument: a path, or `-` for stdin.

use crate::codemod::compile::CompileFailure;
use crate::diagnostics::{Failure, SourceError};
use std::io::Read;
use std::path::Path;

/// Bytes of a file argument and the name to show for it.
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub is_stdin: bool,
}

/// Read `path`, or stdin for `-`; on failure, a message saying which file
/// and why.
pub fn read(path: &Path) -> Result<Input, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("<stdin>: {e}"))?;
        return Ok(Input {
            name: "<stdin>".into(),
            bytes,
            is_stdin: true,
        });
    }
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok(Input {
            name,
            bytes,
            is_stdin: false,
        }),
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// A file read, decoded as the compiler decodes it, and parsed.
pub struct Parsed {
    pub name: String,
    pub tree: molt_syntax::SyntaxTree,
}

/// Decode a file's bytes as the compiler does; a diagnostic for a bad
/// encoding.
pub fn decode(input: &Input) -> Result<molt_syntax::Source, Failure> {
    molt_syntax::Source::decode(&input.bytes).map_err(|e| {
        let shown = String::from_utf8_lossy(&input.bytes);
        SourceError::new(
            "SyntaxError",
            e.message(&input.name),
            &input.name,
            &shown,
            e.range(),
        )
        .into()
    })
}

/// A syntax error as a diagnostic.
pub fn parse_failure(name: &str, text: &str, e: molt_syntax::ParseError) -> Failure {
    SourceError::new(e.kind.name(), e.message, name, text, e.range.as_usize()).into()
}

/// Read, decode and parse `path` as `mode`; a diagnostic for what fails.
pub fn parse_file(path: &Path, mode: molt_syntax::Input) -> Result<Parsed, Failure> {
    parse_input(&read(path).map_err(Failure::Message)?, mode)
}

/// Decode and parse a file's bytes as `mode`; a diagnostic for what fails.
pub fn parse_input(input: &Input, mode: molt_syntax::Input) -> Result<Parsed, Failure> {
    let source = decode(input)?;
    let parsed = molt_syntax::parse_as(source.text(), mode);
    match parsed.error {
        Some(e) => Err(parse_failure(&input.name, source.text(), e)),
        None => Ok(Parsed {
            name: input.name.clone(),
            tree: parsed.tree,
        }),
    }
}

/// Run a command's work and print its text or its diagnostic.
pub fn run_printing(work: impl FnOnce() -> Result<String, Failure>) -> super::Outcome {
    match work() {
        Ok(text) => super::print_out(&text),
        Err(failure) => {
            failure.emit();
            super::Outcome::Error
        }
    }
}

/// Why a text does not compile, as a diagnostic at the place CPython
/// names.
pub fn compile_failure(name: &str, text: &str, e: CompileFailure) -> Failure {
    crate::diagnostics::SourceError::new(e.kind, e.message, name, text, e.range).into()
}
