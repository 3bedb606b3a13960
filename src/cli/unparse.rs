//! `molt unparse`: Python source regenerated from the AST, as
//! `ast.unparse` writes it.

use super::{Outcome, input};
use crate::diagnostics::{Failure, SourceError};
use molt_ast::{lower::lower_module, unparse};
use molt_syntax::{Source, parse};
use std::path::PathBuf;

/// Print what CPython's `ast.unparse(ast.parse(source))` prints: the code
/// regenerated from its AST (comments and formatting are not kept; `molt`'s
/// rewrites never go through this).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args) -> Outcome {
    let rendered = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(super::STACK_SIZE)
            .spawn_scoped(scope, || render(args))
            .expect("spawning the worker thread")
            .join()
    });
    match rendered {
        Ok(Ok(text)) => super::print_out(&(text + "\n")),
        Ok(Err(failure)) => {
            failure.emit();
            Outcome::Error
        }
        Err(_) => {
            eprintln!("molt: error: internal error while unparsing");
            Outcome::Error
        }
    }
}

fn render(args: &Args) -> Result<String, Failure> {
    let input = input::read(&args.file).map_err(Failure::Message)?;
    let source = Source::decode(&input.bytes).map_err(|e| {
        let shown = String::from_utf8_lossy(&input.bytes);
        SourceError::new(
            "SyntaxError",
            e.message(&input.name),
            &input.name,
            &shown,
            e.range(),
        )
    })?;
    let parsed = parse(source.text());
    if let Some(e) = parsed.error {
        return Err(SourceError::new(
            e.kind.name(),
            e.message,
            &input.name,
            source.text(),
            e.range.as_usize(),
        )
        .into());
    }
    let module = lower_module(&parsed.tree)
        .map_err(|e| Failure::Message(format!("{}:{}: {}", input.name, e.line, e.message)))?;
    Ok(unparse(&module))
}
