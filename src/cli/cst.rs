//! `molt cst`: print a file's concrete syntax tree.

use super::{Outcome, input};
use crate::diagnostics::Failure;
use std::path::PathBuf;

/// Print the concrete syntax tree of a Python file: a line per node (its
/// kind and byte range) and per token (its type and text), indented by
/// depth. For people writing rules and transformers.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Show trivia too: whitespace, comments, NL and line continuations.
    #[arg(long)]
    trivia: bool,
}

pub fn run(args: &Args) -> Outcome {
    input::run_printing(|| {
        let file = input::read(&args.file).map_err(Failure::Message)?;
        cst_of(&file, args.trivia)
    })
}

/// What `molt cst [--trivia]` prints for a file's bytes.
pub(crate) fn cst_of(file: &input::Input, trivia: bool) -> Result<String, Failure> {
    let parsed = input::parse_input(file, molt_syntax::Input::Exec)?;
    Ok(parsed.tree.dump(trivia))
}
