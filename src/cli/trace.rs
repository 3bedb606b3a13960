//! `molt trace`: one snippet through every stage, as the tour of CPython's
//! pipeline shows it — tokens, the concrete syntax tree, the AST, the
//! symbol tables and the bytecode — each printed by the command that
//! prints that stage alone.

use super::{Outcome, ast, cst, dis, input, symtable, tokenize};
use crate::diagnostics::Failure;
use molt_ast::DumpOptions;
use std::path::PathBuf;

/// Trace a Python file through every stage: tokens, CST, AST, symbol
/// tables, bytecode.
///
/// Prints its tokens (as `molt tokenize` prints them), its concrete syntax tree (`molt cst`),
/// its AST (`molt ast --indent 4`), its symbol tables (`molt symtable`)
/// and its bytecode (`molt dis`), each under a heading line
/// `=== <stage> (<command>) ===`. A stage that fails prints its
/// diagnostic after the stages before it (exit status 2).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args) -> Outcome {
    let file = match input::read(&args.file) {
        Ok(file) => file,
        Err(message) => {
            Failure::Message(message).emit();
            return Outcome::Error;
        }
    };
    let shown = args.file.display().to_string();
    let (text, failure) = trace(&file, &shown);
    let printed = super::print_out(&text);
    match failure {
        Some(failure) => {
            failure.emit();
            Outcome::Error
        }
        None => printed,
    }
}

/// The sections of a trace, stage by stage, and the failure of the first
/// stage that fails (the sections after it are left out). `shown` is the
/// file as the headings name it.
pub fn trace(file: &input::Input, shown: &str) -> (String, Option<Failure>) {
    type Stage<'a> = (
        &'a str,
        String,
        Box<dyn Fn() -> Result<String, Failure> + 'a>,
    );
    let stages: [Stage; 5] = [
        (
            "tokens",
            format!("molt tokenize {shown}"),
            Box::new(|| tokenize::listing_of(file, false, false)),
        ),
        (
            "concrete syntax tree",
            format!("molt cst {shown}"),
            Box::new(|| cst::cst_of(file, false)),
        ),
        (
            "abstract syntax tree",
            format!("molt ast --indent 4 {shown}"),
            Box::new(|| {
                let options = DumpOptions {
                    indent: Some(4),
                    include_attributes: false,
                };
                ast::ast_of(file, molt_syntax::Input::Exec, options)
            }),
        ),
        (
            "symbol tables",
            format!("molt symtable {shown}"),
            Box::new(|| symtable::symtable_of(file)),
        ),
        (
            "bytecode",
            format!("molt dis {shown}"),
            Box::new(|| dis::dis_of(file)),
        ),
    ];
    let mut out = String::new();
    for (stage, command, print) in stages {
        match print() {
            Ok(text) => {
                if !out.is_empty() {
                    out.push('\n');
                }
                out.push_str(&format!("=== {stage} ({command}) ===\n{text}"));
            }
            Err(failure) => return (out, Some(failure)),
        }
    }
    (out, None)
}
