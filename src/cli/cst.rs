//! `molt cst`: print a file's concrete syntax tree.

use super::{Outcome, input};
use crate::diagnostics::{Failure, SourceError};
use molt_syntax::{Source, parse};
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
    match dump(args) {
        Ok(text) => super::print_out(&text),
        Err(failure) => {
            failure.emit();
            Outcome::Error
        }
    }
}

fn dump(args: &Args) -> Result<String, Failure> {
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
    Ok(parsed.tree.dump(args.trivia))
}
