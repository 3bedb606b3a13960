//! `molt unparse`: Python source regenerated from the AST, as
//! `ast.unparse` writes it.

use super::{Outcome, input};
use crate::diagnostics::Failure;
use molt_ast::{lower::lower_module, unparse};
use std::path::PathBuf;

/// Print what CPython's `ast.unparse(ast.parse(source))` prints: the code
/// regenerated from its AST (comments and formatting are not kept; molt's
/// rewrites never go through this).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args) -> Outcome {
    input::run_printing(|| {
        let parsed = input::parse_file(&args.file, molt_syntax::Input::Exec)?;
        let module = lower_module(&parsed.tree)
            .map_err(|e| Failure::Message(format!("{}:{}: {}", parsed.name, e.line, e.message)))?;
        Ok(unparse(&module) + "\n")
    })
}
