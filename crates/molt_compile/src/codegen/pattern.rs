//! `match` statements (PEP 634): not compiled yet. A `match` is reported
//! as unsupported, never miscompiled.

use super::{CResult, Compiler};
use crate::instr::Loc;

impl<'a> Compiler<'a> {
    pub(super) fn match_stmt(&mut self, _m: &'a molt_ast::Match, loc: Loc) -> CResult {
        Err(self.unsupported("match statements", loc))
    }
}
