//! `from __future__ import` at the top of a module (`Python/future.c`):
//! the features that change the symbol table, and the errors CPython
//! raises for unknown ones before it builds the tables.

use crate::CompileError;
use molt_ast::{Expr, Mod, Stmt, Value};

type Result<T> = std::result::Result<T, CompileError>;

/// `_PyFuture_FromAST`: the features of the `from __future__ import`s
/// that open the module (after its docstring); whether `annotations` is
/// one. An unknown feature is an error here; a late `__future__` import is
/// the code generator's.
pub(super) fn future_features(module: &Mod) -> Result<bool> {
    let body = match module {
        Mod::Module(m) => &m.body,
        Mod::Interactive(m) => &m.body,
        _ => return Ok(false),
    };
    let mut annotations = false;
    let skip = usize::from(body.first().is_some_and(is_docstring));
    for stmt in &body[skip..] {
        let Stmt::ImportFrom(import) = stmt else {
            break;
        };
        if import.level.unwrap_or(0) != 0 || import.module.as_deref() != Some("__future__") {
            break;
        }
        for alias in &import.names {
            match alias.name.as_str() {
                "nested_scopes" | "generators" | "division" | "absolute_import"
                | "with_statement" | "print_function" | "unicode_literals" | "barry_as_FLUFL"
                | "generator_stop" => {}
                "annotations" => annotations = true,
                "braces" => return Err(CompileError::new("not a chance", import.loc)),
                other => {
                    return Err(CompileError::new(
                        format!("future feature {other} is not defined"),
                        import.loc,
                    ));
                }
            }
        }
    }
    Ok(annotations)
}

/// A statement that is a string constant (`_PyAST_GetDocString`).
fn is_docstring(stmt: &Stmt) -> bool {
    let Stmt::Expr(e) = stmt else {
        return false;
    };
    matches!(&*e.value, Expr::Constant(c) if matches!(c.value, Value::Str(_) | Value::StrWithSurrogates(_)))
}
