//! `molt dis`: the bytecode molt compiles a file to, printed as
//! `python3.13 -m dis` prints CPython's.

use super::{Outcome, input};
use crate::diagnostics::{Failure, SourceError};
use std::path::PathBuf;

/// Disassemble a module as `python3.13 -m dis FILE` does: each code object
/// (the module first, then the code objects among its constants, depth
/// first) with its line numbers, jump labels, instructions and their
/// arguments, and exception table. Only the addresses of code objects
/// (molt prints 0x0000) and the order of a frozenset constant's elements
/// (CPython's follows string hashing; molt's is sorted) differ.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE", required_unless_present = "code")]
    file: Option<PathBuf>,
    /// Disassemble this source text instead of a file (named `<dis>`).
    #[arg(short = 'c', value_name = "CODE", conflicts_with = "file")]
    code: Option<String>,
}

pub fn run(args: &Args) -> Outcome {
    input::run_printing(|| match (&args.code, &args.file) {
        (Some(code), _) => Ok(molt_compile::dis::dis(&compile("<dis>", code)?)),
        (None, Some(path)) => dis_of(&input::read(path).map_err(Failure::Message)?),
        (None, None) => unreachable!("clap requires one"),
    })
}

/// What `molt dis FILE` prints for a file's bytes.
pub(crate) fn dis_of(file: &input::Input) -> Result<String, Failure> {
    let source = input::decode(file)?;
    Ok(molt_compile::dis::dis(&compile(&file.name, source.text())?))
}

/// Parse, lower and compile a module, its first error as a diagnostic (as
/// `molt compile` reports it).
pub fn compile(name: &str, text: &str) -> Result<molt_compile::code::CodeObject, Failure> {
    crate::codemod::compile::compile_source(text, name)
        .map_err(|e| SourceError::new(e.kind, e.message, name, text, e.range).into())
}
