//! `molt symtable`: the symbol tables of a file, as CPython 3.13's
//! `symtable` module sees them.

use super::{Outcome, input};
use crate::codemod::compile::CompileFailure;
use crate::diagnostics::Failure;
use molt_ast::lower::lower;
use molt_compile::symtable::{SymbolTable, dump};
use molt_syntax::Input;
use std::path::PathBuf;

/// Print the symbol tables CPython 3.13 builds for a module
/// (`symtable.symtable(source, path, "exec")`), or the SyntaxError it
/// raises building them.
///
/// Each table is a line `<type> <name> line <lineno>`, where type is
/// module (named top), class, function (defs, lambdas, comprehensions),
/// annotation, type alias, type parameters or type variable; then
/// ` nested` when it is inside a function-like scope and
/// ` varnames=a,b` when it has parameters. Its symbols follow, one per
/// line, `  <name>: <SCOPE> <FLAG ...>`, the scope one of LOCAL,
/// GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE, CELL and the flags in bit order
/// (DEF_GLOBAL, DEF_LOCAL, DEF_PARAM, DEF_NONLOCAL, USE, DEF_FREE,
/// DEF_FREE_CLASS, DEF_IMPORT, DEF_ANNOT, DEF_COMP_ITER, DEF_TYPE_PARAM,
/// DEF_COMP_CELL), in the order CPython first saw them (names with no flag,
/// passed through for a nested scope, last and sorted); then the child
/// tables, two spaces deeper. Inlined comprehensions (PEP 709) have no
/// table of their own: their names are their parent's.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The Python file, or `-` for stdin.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: &Args) -> Outcome {
    input::run_printing(|| {
        let file = input::read(&args.file).map_err(Failure::Message)?;
        symtable_of(&file)
    })
}

/// What `molt symtable` prints for a file's bytes.
pub(crate) fn symtable_of(file: &input::Input) -> Result<String, Failure> {
    let source = input::decode(file)?;
    let text = source.text();
    let parsed = molt_syntax::parse_as(text, Input::Exec);
    if let Some(e) = parsed.error {
        return Err(input::parse_failure(&file.name, text, e));
    }
    let module = lower(&parsed.tree, Input::Exec)
        .map_err(|e| input::compile_failure(&file.name, text, CompileFailure::lowering(text, e)))?;
    let table = SymbolTable::build(&module, &file.name).map_err(|e| {
        input::compile_failure(&file.name, text, CompileFailure::compiling(text, e))
    })?;
    Ok(dump(&table))
}
