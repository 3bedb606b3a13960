//! `molt ast`: the AST of a file, printed as `ast.dump` prints it.

use super::{Outcome, input};
use crate::diagnostics::Failure;
use molt_ast::{DumpOptions, dump, lower::lower};
use molt_syntax::Input;
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
    input::run_printing(|| {
        let file = input::read(&args.file).map_err(Failure::Message)?;
        let options = DumpOptions {
            indent: args.indent,
            include_attributes: args.include_attributes,
        };
        ast_of(&file, Input::from(args.mode), options)
    })
}

/// What `molt ast` prints for a file's bytes, parsed as `mode`.
pub(crate) fn ast_of(
    file: &input::Input,
    mode: Input,
    options: DumpOptions,
) -> Result<String, Failure> {
    let parsed = input::parse_input(file, mode)?;
    let tree = lower(&parsed.tree, mode).map_err(|e| {
        Failure::Message(format!(
            "{}:{}:{}: {}",
            parsed.name, e.line, e.offset, e.message
        ))
    })?;
    Ok(dump(&tree, options) + "\n")
}
