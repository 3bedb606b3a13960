//! `molt ast`: the AST of a file, printed as `ast.dump` prints it.

use super::{Outcome, input};
use crate::diagnostics::{Failure, SourceError};
use molt_ast::{DumpOptions, dump, lower::lower};
use molt_syntax::{Input, Source, parse_as};
use std::path::PathBuf;

/// Print the AST of a Python file exactly as CPython's
/// `ast.dump(ast.parse(source), indent=N, include_attributes=...)` prints
/// it (3.13's format: fields that are `None` or `[]` are left out).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Indent nested nodes by N spaces, one per line.
    #[arg(long, value_name = "N")]
    indent: Option<usize>,
    /// Also print each node's lineno, col_offset, end_lineno, end_col_offset.
    #[arg(long)]
    include_attributes: bool,
    /// What the source is, as `ast.parse`'s mode: a module, one
    /// expression, one interactive statement, or a function type comment.
    #[arg(long, value_enum, default_value = "exec")]
    mode: ModeArg,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum ModeArg {
    Exec,
    Eval,
    Single,
    FuncType,
}

impl From<ModeArg> for Input {
    fn from(mode: ModeArg) -> Input {
        match mode {
            ModeArg::Exec => Input::Exec,
            ModeArg::Eval => Input::Eval,
            ModeArg::Single => Input::Single,
            ModeArg::FuncType => Input::FuncType,
        }
    }
}

pub fn run(args: &Args) -> Outcome {
    // Lowering recurses as deeply as the code nests.
    let rendered = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(super::STACK_SIZE)
            .spawn_scoped(scope, || render(args))
            .expect("spawning the worker thread")
            .join()
    });
    let Ok(rendered) = rendered else {
        eprintln!("molt: error: internal error while building the AST");
        return Outcome::Error;
    };
    match rendered {
        Ok(text) => super::print_out(&(text + "\n")),
        Err(failure) => {
            failure.emit();
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
    let parsed = parse_as(source.text(), args.mode.into());
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
    let module = lower(&parsed.tree, args.mode.into()).map_err(|e| {
        let index = molt_syntax::LineIndex::new(source.text());
        let at = index.line_start(e.line) as usize + e.offset.saturating_sub(1) as usize;
        SourceError::new(
            "SyntaxError",
            e.message,
            &input.name,
            source.text(),
            at..at + 1,
        )
    })?;
    let options = DumpOptions {
        indent: args.indent,
        include_attributes: args.include_attributes,
    };
    Ok(dump(&module, options))
}
