//! `molt dis`: the bytecode molt compiles a file to, printed as
//! `python3.13 -m dis` prints CPython's.

use super::{Outcome, input};
use crate::diagnostics::Failure;
use molt_ast::lower::lower;
use molt_syntax::Input;
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

/// Parse, lower and compile a module, every error as a diagnostic.
pub fn compile(name: &str, text: &str) -> Result<molt_compile::code::CodeObject, Failure> {
    let parsed = molt_syntax::parse_as(text, Input::Exec);
    if let Some(e) = parsed.error {
        return Err(input::parse_failure(name, text, e));
    }
    let module = lower(&parsed.tree, Input::Exec)
        .map_err(|e| Failure::Message(format!("{name}:{}:{}: {}", e.line, e.offset, e.message)))?;
    molt_compile::compile_module(&module, name).map_err(|e| input::compile_failure(name, text, &e))
}
