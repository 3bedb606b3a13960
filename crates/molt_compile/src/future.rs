//! `from __future__ import ...` at the top of a module (`Python/future.c`):
//! which features are on, and where the last such import is, since a later
//! one is an error.

use crate::CompileError;
use crate::instr::Loc;
use crate::opcode::{CO_FUTURE_ANNOTATIONS, CO_FUTURE_BARRY_AS_FLUFL, CO_FUTURE_GENERATOR_STOP};
use molt_ast::{Expr, Mod, Stmt};

/// The future features of a module.
#[derive(Debug, Clone, Copy, Default)]
pub struct Future {
    /// `from __future__ import annotations`: annotations stay strings.
    pub annotations: bool,
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
    /// Read the future imports that open a module (after its docstring).
    pub fn of(module: &Mod) -> Result<Future, CompileError> {
        let mut future = Future::default();
        let Mod::Module(m) = module else {
            return Ok(future);
        };
        for (i, s) in m.body.iter().enumerate() {
            match s {
                Stmt::Expr(e)
                    if i == 0
                        && matches!(&*e.value, Expr::Constant(c) if matches!(c.value, molt_ast::Value::Str(_))) =>
                    {}
                Stmt::ImportFrom(f) if f.module.as_deref() == Some("__future__") => {
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
                _ => break,
            }
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
        let _ = CO_FUTURE_GENERATOR_STOP;
        flags
    }
}
