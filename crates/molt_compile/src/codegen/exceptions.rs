//! Statements with exception handlers: `try`/`except`/`finally`,
//! `except*`, `with`/`async with`, and `async for`.

use super::{CResult, Compiler, FBlockKind, ScopeType};
use crate::constant::Constant;
use crate::instr::{Label, Loc};
use crate::opcode::*;
use molt_ast::{ExceptHandler, Expr, ExprContext, Stmt, Withitem};

impl<'a> Compiler<'a> {
    /// `POP_EXCEPT_AND_RERAISE`.
    fn pop_except_and_reraise(&mut self, loc: Loc) {
        self.emit(Opcode::Copy, 3, loc);
        self.op(Opcode::PopExcept, loc);
        self.emit(Opcode::Reraise, 1, loc);
    }

    /// A `try` body under `SETUP_FINALLY` to `except`.
    fn protected_body(
        &mut self,
        body: &'a [Stmt],
        label: Label,
        except: Label,
        loc: Loc,
    ) -> CResult {
        self.use_label(label);
        self.jump(Opcode::SetupFinally, except, loc);
        self.push_fblock(FBlockKind::TryExcept, Some(label), None, loc)?;
        self.stmts(body)?;
        self.pop_fblock();
        self.op(Opcode::PopBlock, Loc::NONE);
        Ok(())
    }

    /// The start of a handler: the exception saved, `cleanup` run if the
    /// handler itself raises.
    fn handler_entry(&mut self, cleanup: Label) {
        self.jump(Opcode::SetupCleanup, cleanup, Loc::NONE);
        self.op(Opcode::PushExcInfo, Loc::NONE);
    }

    /// `name = None; del name` after a handler that bound `name`.
    fn clear_handler_name(&mut self, name: &str) -> CResult {
        self.load_const(Constant::None, Loc::NONE);
        self.name_op(name, ExprContext::Store, Loc::NONE)?;
        self.name_op(name, ExprContext::Del, Loc::NONE)
    }

    pub(super) fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> CResult {
        let [body_label, mut except, end, cleanup] = self.new_labels();
        self.protected_body(body, body_label, except, loc)?;
        self.stmts(orelse)?;
        self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
        self.use_label(except);
        self.handler_entry(cleanup);
        self.push_fblock(FBlockKind::ExceptionHandler, None, None, loc)?;
        let n = handlers.len();
        for (i, handler) in handlers.iter().enumerate() {
            let hloc = Loc::of(handler.loc);
            if handler.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", hloc));
            }
            except = self.new_label();
            if let Some(t) = &handler.type_ {
                self.expr(t)?;
                self.op(Opcode::CheckExcMatch, hloc);
                self.jump(Opcode::PopJumpIfFalse, except, hloc);
            }
            match &handler.name {
                Some(name) => {
                    let [cleanup_end, cleanup_body] = self.new_labels();
                    self.name_op(name, ExprContext::Store, hloc)?;
                    self.jump(Opcode::SetupCleanup, cleanup_end, hloc);
                    self.use_label(cleanup_body);
                    self.push_fblock(
                        FBlockKind::HandlerCleanup(Some(name.clone())),
                        Some(cleanup_body),
                        None,
                        hloc,
                    )?;
                    self.stmts(&handler.body)?;
                    self.pop_fblock();
                    self.op(Opcode::PopBlock, Loc::NONE);
                    self.op(Opcode::PopBlock, Loc::NONE);
                    self.op(Opcode::PopExcept, Loc::NONE);
                    self.clear_handler_name(name)?;
                    self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
                    self.use_label(cleanup_end);
                    self.clear_handler_name(name)?;
                    self.emit(Opcode::Reraise, 1, Loc::NONE);
                }
                None => {
                    let cleanup_body = self.new_label();
                    self.op(Opcode::PopTop, hloc);
                    self.use_label(cleanup_body);
                    self.push_fblock(
                        FBlockKind::HandlerCleanup(None),
                        Some(cleanup_body),
                        None,
                        hloc,
                    )?;
                    self.stmts(&handler.body)?;
                    self.pop_fblock();
                    self.op(Opcode::PopBlock, Loc::NONE);
                    self.op(Opcode::PopExcept, Loc::NONE);
                    self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
                }
            }
            self.use_label(except);
        }
        self.pop_fblock();
        self.emit(Opcode::Reraise, 0, Loc::NONE);
        self.use_label(cleanup);
        self.pop_except_and_reraise(Loc::NONE);
        self.use_label(end);
        Ok(())
    }

    pub(super) fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        loc: Loc,
        star: bool,
    ) -> CResult {
        let [body_label, end, exit, cleanup] = self.new_labels();
        self.jump(Opcode::SetupFinally, end, loc);
        self.use_label(body_label);
        self.push_fblock(
            FBlockKind::FinallyTry(finalbody),
            Some(body_label),
            Some(end),
            loc,
        )?;
        if handlers.is_empty() {
            self.stmts(body)?;
        } else if star {
            self.try_star_except(body, handlers, orelse, loc)?;
        } else {
            self.try_except(body, handlers, orelse, loc)?;
        }
        self.op(Opcode::PopBlock, Loc::NONE);
        self.pop_fblock();
        self.stmts(finalbody)?;
        self.jump(Opcode::JumpNoInterrupt, exit, Loc::NONE);
        self.use_label(end);
        self.handler_entry(cleanup);
        self.push_fblock(FBlockKind::FinallyEnd, Some(end), None, Loc::NONE)?;
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.emit(Opcode::Reraise, 0, Loc::NONE);
        self.use_label(cleanup);
        self.pop_except_and_reraise(Loc::NONE);
        self.use_label(exit);
        Ok(())
    }

    pub(super) fn try_star_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> CResult {
        let [
            body_label,
            mut except,
            orelse_label,
            end,
            cleanup,
            reraise_star,
        ] = self.new_labels();
        self.protected_body(body, body_label, except, loc)?;
        self.jump(Opcode::JumpNoInterrupt, orelse_label, Loc::NONE);
        self.use_label(except);
        self.handler_entry(cleanup);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, None, None, loc)?;
        let n = handlers.len();
        for (i, handler) in handlers.iter().enumerate() {
            let hloc = Loc::of(handler.loc);
            let [
                next_except,
                except_with_error,
                no_match,
                cleanup_end,
                cleanup_body,
            ] = self.new_labels();
            except = next_except;
            if i == 0 {
                self.emit(Opcode::BuildList, 0, hloc);
                self.emit(Opcode::Copy, 2, hloc);
            }
            if let Some(t) = &handler.type_ {
                self.expr(t)?;
                self.op(Opcode::CheckEgMatch, hloc);
                self.emit(Opcode::Copy, 1, hloc);
                self.jump(Opcode::PopJumpIfNone, no_match, hloc);
            }
            match &handler.name {
                Some(name) => self.name_op(name, ExprContext::Store, hloc)?,
                None => self.op(Opcode::PopTop, hloc),
            }
            self.jump(Opcode::SetupCleanup, cleanup_end, hloc);
            self.use_label(cleanup_body);
            self.push_fblock(
                FBlockKind::HandlerCleanup(handler.name.clone()),
                Some(cleanup_body),
                None,
                hloc,
            )?;
            self.stmts(&handler.body)?;
            self.pop_fblock();
            self.op(Opcode::PopBlock, Loc::NONE);
            if let Some(name) = &handler.name {
                self.clear_handler_name(name)?;
            }
            self.jump(Opcode::Jump, except, Loc::NONE);
            self.use_label(cleanup_end);
            if let Some(name) = &handler.name {
                self.clear_handler_name(name)?;
            }
            self.emit(Opcode::ListAppend, 3, Loc::NONE);
            self.op(Opcode::PopTop, Loc::NONE);
            self.jump(Opcode::Jump, except_with_error, Loc::NONE);
            self.use_label(except);
            self.op(Opcode::Nop, Loc::NONE);
            self.jump(Opcode::Jump, except_with_error, Loc::NONE);
            self.use_label(no_match);
            self.op(Opcode::PopTop, hloc);
            self.use_label(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::ListAppend, 1, Loc::NONE);
                self.jump(Opcode::Jump, reraise_star, Loc::NONE);
            }
        }
        self.pop_fblock();
        let reraise = self.new_label();
        self.use_label(reraise_star);
        self.emit(
            Opcode::CallIntrinsic2,
            INTRINSIC_PREP_RERAISE_STAR,
            Loc::NONE,
        );
        self.emit(Opcode::Copy, 1, Loc::NONE);
        self.jump(Opcode::PopJumpIfNotNone, reraise, Loc::NONE);
        self.op(Opcode::PopTop, Loc::NONE);
        self.op(Opcode::PopBlock, Loc::NONE);
        self.op(Opcode::PopExcept, Loc::NONE);
        self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
        self.use_label(reraise);
        self.op(Opcode::PopBlock, Loc::NONE);
        self.emit(Opcode::Swap, 2, Loc::NONE);
        self.op(Opcode::PopExcept, Loc::NONE);
        self.emit(Opcode::Reraise, 0, Loc::NONE);
        self.use_label(cleanup);
        self.pop_except_and_reraise(Loc::NONE);
        self.use_label(orelse_label);
        self.stmts(orelse)?;
        self.use_label(end);
        Ok(())
    }

    /// `compiler_call_exit_with_nones`: `__exit__(None, None, None)`.
    pub(super) fn call_exit_with_nones(&mut self, loc: Loc) {
        for _ in 0..3 {
            self.load_const(Constant::None, loc);
        }
        self.emit(Opcode::Call, 2, loc);
    }

    /// `compiler_with_except_finish`: after `__exit__` ran for an
    /// exception, suppress it if it returned true.
    fn with_except_finish(&mut self, cleanup: Label) {
        let [suppress, exit] = self.new_labels();
        self.op(Opcode::ToBool, Loc::NONE);
        self.jump(Opcode::PopJumpIfTrue, suppress, Loc::NONE);
        self.emit(Opcode::Reraise, 2, Loc::NONE);
        self.use_label(suppress);
        for op in [
            Opcode::PopTop,
            Opcode::PopBlock,
            Opcode::PopExcept,
            Opcode::PopTop,
            Opcode::PopTop,
        ] {
            self.op(op, Loc::NONE);
        }
        self.jump(Opcode::JumpNoInterrupt, exit, Loc::NONE);
        self.use_label(cleanup);
        self.pop_except_and_reraise(Loc::NONE);
        self.use_label(exit);
    }

    /// `with` (and `async with`, `is_async`): one item per nested block,
    /// `__exit__` called on the way out whichever way it is left.
    pub(super) fn with(
        &mut self,
        items: &'a [Withitem],
        body: &'a [Stmt],
        pos: usize,
        is_async: bool,
        stmt_loc: Loc,
    ) -> CResult {
        if is_async && self.unit().scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async with' outside async function", stmt_loc));
        }
        let item = &items[pos];
        let [exit, block, fin, cleanup] = self.new_labels();
        self.expr(&item.context_expr)?;
        let loc = Loc::of(item.context_expr.loc());
        if is_async {
            self.op(Opcode::BeforeAsyncWith, loc);
            self.emit(Opcode::GetAwaitable, 1, loc);
            self.await_value(loc);
        } else {
            self.op(Opcode::BeforeWith, loc);
        }
        self.jump(Opcode::SetupWith, fin, loc);
        self.use_label(block);
        let kind = if is_async {
            FBlockKind::AsyncWith
        } else {
            FBlockKind::With
        };
        self.push_fblock(kind, Some(block), Some(fin), loc)?;
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.op(Opcode::PopTop, loc),
        }
        if pos + 1 == items.len() {
            self.stmts(body)?;
        } else {
            self.with(items, body, pos + 1, is_async, stmt_loc)?;
        }
        // CPython ends the two kinds' blocks in opposite orders.
        if is_async {
            self.pop_fblock();
            self.op(Opcode::PopBlock, loc);
        } else {
            self.op(Opcode::PopBlock, Loc::NONE);
            self.pop_fblock();
        }
        self.call_exit_with_nones(loc);
        if is_async {
            self.emit(Opcode::GetAwaitable, 2, loc);
            self.await_value(loc);
        }
        self.op(Opcode::PopTop, loc);
        self.jump(Opcode::Jump, exit, loc);
        self.use_label(fin);
        self.jump(Opcode::SetupCleanup, cleanup, loc);
        self.op(Opcode::PushExcInfo, loc);
        self.op(Opcode::WithExceptStart, loc);
        if is_async {
            self.emit(Opcode::GetAwaitable, 2, loc);
            self.await_value(loc);
        }
        self.with_except_finish(cleanup);
        self.use_label(exit);
        Ok(())
    }

    /// Await the awaitable on the stack (`LOAD_CONST None`, then the
    /// `SEND` loop).
    pub(super) fn await_value(&mut self, loc: Loc) {
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
    }

    pub(super) fn async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> CResult {
        if self.unit().scope_type != ScopeType::AsyncFunction {
            return Err(self.error("'async for' outside async function", loc));
        }
        let [start, except, end] = self.new_labels();
        self.expr(iter)?;
        let iter_loc = Loc::of(iter.loc());
        self.op(Opcode::GetAiter, iter_loc);
        self.use_label(start);
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), loc)?;
        self.jump(Opcode::SetupFinally, except, loc);
        self.op(Opcode::GetAnext, loc);
        self.await_value(loc);
        self.op(Opcode::PopBlock, loc);
        self.expr(target)?;
        self.stmts(body)?;
        self.jump(Opcode::Jump, start, Loc::NONE);
        self.pop_fblock();
        self.use_label(except);
        self.op(Opcode::EndAsyncFor, iter_loc);
        self.stmts(orelse)?;
        self.use_label(end);
        Ok(())
    }
}
