//! `from __future__ import ...` at the top of a module (`Python/future.c`):
//! which features are on, and where the last such import is, since a later
//! one is an error.

use crate::CompileError;
use crate::instr::Loc;
use crate::opcode::{CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_FLUFL};
use molt_ast::{Expr, Mod, Stmt, Value};

/// The future features of a module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Future {
    /// `from __future__ import annotations`: annotations stay strings.
    pub annotations: bool,
    /// `from __future__ import barry_as_FLUFL`: `<>` is `!=`.
    pub barry_as_flufl: bool,
    /// Where the last future import of the leading block is.
    pub location: Option<Loc>,
}

/// Features that every Python 3 has; importing them does nothing.
const MANDATORY: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "generator_stop",
];

impl Future {
    /// `_PyFuture_FromAST`: the `from __future__ import`s that open a
    /// module (after its docstring). An unknown feature is an error here;
    /// a later `__future__` import is the code generator's.
    pub fn of(module: &Mod) -> Result<Future, CompileError> {
        let mut future = Future::default();
        let body = match module {
            Mod::Module(m) => &m.body,
            Mod::Interactive(m) => &m.body,
            _ => return Ok(future),
        };
        let skip = usize::from(body.first().is_some_and(is_docstring));
        for s in &body[skip..] {
            let Stmt::ImportFrom(f) = s else {
                break;
            };
            // `from .__future__ import x` is an ordinary import.
            if f.level.unwrap_or(0) != 0 || f.module.as_deref() != Some("__future__") {
                break;
            }
            for alias in &f.names {
                match alias.name.as_str() {
                    "annotations" => future.annotations = true,
                    "barry_as_FLUFL" => future.barry_as_flufl = true,
                    "braces" => {
                        return Err(CompileError::new("not a chance", f.loc));
                    }
                    name if MANDATORY.contains(&name) => {}
                    name => {
                        return Err(CompileError::new(
                            format!("future feature {name} is not defined"),
                            f.loc,
                        ));
                    }
                }
            }
            future.location = Some(Loc::of(f.loc));
        }
        Ok(future)
    }

    /// The `CO_FUTURE_*` flags code objects carry.
    pub fn code_flags(&self) -> u32 {
        let mut flags = 0;
        if self.annotations {
            flags |= CO_FUTURE_ANNOTATIONS;
        }
        if self.barry_as_flufl {
            flags |= CO_FUTURE_BARRY_AS_FLUFL;
        }
        flags
    }
}

/// A statement that is a string constant (`_PyAST_GetDocString`).
fn is_docstring(stmt: &Stmt) -> bool {
    let Stmt::Expr(e) = stmt else {
        return false;
    };
    matches!(&*e.value, Expr::Constant(c) if matches!(c.value, Value::Str(_) | Value::StrWithSurrogates(_)))
}
