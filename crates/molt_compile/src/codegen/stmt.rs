//! Statements (`compiler_visit_stmt`): assignments, control flow, imports,
//! `return`, `raise`, `assert`, `del`.

use super::{CResult, Compiler, FBlockKind};
use crate::constant::Constant;
use crate::instr::{Label, Loc};
use crate::opcode::*;
use molt_ast::{Expr, ExprContext, Stmt};

impl<'a> Compiler<'a> {
    pub(super) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        let loc = Loc::of(s.loc());
        match s {
            Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) => self.function_def(s),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::TypeAlias(t) => self.type_alias(t),
            Stmt::Return(r) => self.return_stmt(r.value.as_deref(), loc),
            Stmt::Delete(d) => {
                for target in &d.targets {
                    self.expr(target)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, target) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Opcode::Copy, 1, loc);
                    }
                    self.expr(target)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a, loc),
            Stmt::AnnAssign(a) => self.ann_assign(a, loc),
            Stmt::For(f) => self.for_stmt(&f.target, &f.iter, &f.body, &f.orelse, loc),
            Stmt::AsyncFor(f) => self.async_for(&f.target, &f.iter, &f.body, &f.orelse, loc),
            Stmt::While(w) => self.while_stmt(&w.test, &w.body, &w.orelse, loc),
            Stmt::If(i) => self.if_stmt(&i.test, &i.body, &i.orelse),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(exc) = &r.exc {
                    self.expr(exc)?;
                    n += 1;
                    if let Some(cause) = &r.cause {
                        self.expr(cause)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RaiseVarargs, n, loc);
                Ok(())
            }
            Stmt::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(&t.body, &t.handlers, &t.orelse, loc)
                } else {
                    self.try_finally(&t.body, &t.handlers, &t.orelse, &t.finalbody, loc, false)
                }
            }
            Stmt::TryStar(t) => {
                if t.finalbody.is_empty() {
                    self.try_star_except(&t.body, &t.handlers, &t.orelse, loc)
                } else {
                    self.try_finally(&t.body, &t.handlers, &t.orelse, &t.finalbody, loc, true)
                }
            }
            Stmt::Assert(a) => self.assert_stmt(&a.test, a.msg.as_deref(), loc),
            Stmt::Import(i) => self.import(i, loc),
            Stmt::ImportFrom(i) => self.import_from(i, loc),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => self.expr_stmt(&e.value, loc),
            Stmt::Pass(_) => {
                self.op(Opcode::Nop, loc);
                Ok(())
            }
            Stmt::Break(_) => self.loop_jump(true, loc),
            Stmt::Continue(_) => self.loop_jump(false, loc),
            Stmt::With(w) => self.with(&w.items, &w.body, 0, false, loc),
            Stmt::AsyncWith(w) => self.with(&w.items, &w.body, 0, true, loc),
            Stmt::Match(m) => self.match_stmt(m, loc),
        }
    }

    fn expr_stmt(&mut self, value: &'a Expr, loc: Loc) -> CResult {
        if self.interactive && self.units.len() <= 1 {
            self.expr(value)?;
            self.emit(Opcode::CallIntrinsic1, INTRINSIC_PRINT, loc);
            self.op(Opcode::PopTop, Loc::NONE);
            return Ok(());
        }
        if self.constant_of(value).is_some() {
            // A constant statement (a docstring elsewhere) does nothing.
            self.op(Opcode::Nop, loc);
            return Ok(());
        }
        self.expr(value)?;
        self.op(Opcode::PopTop, Loc::NONE);
        Ok(())
    }

    pub(super) fn return_stmt(&mut self, value: Option<&'a Expr>, loc: Loc) -> CResult {
        let constant = value.and_then(|v| self.constant_of(v));
        let preserve_tos = value.is_some() && constant.is_none();
        let table = self.table();
        if !table.is_function_like() {
            return Err(self.error("'return' outside function", loc));
        }
        if value.is_some() && table.coroutine && table.generator {
            return Err(self.error("'return' with value in async generator", loc));
        }
        let stmt_loc = loc;
        let mut loc = loc;
        if let Some(v) = value {
            if preserve_tos {
                self.expr(v)?;
            } else {
                // The constant's place, not the statement's, for what follows.
                loc = Loc::of(v.loc());
                self.op(Opcode::Nop, loc);
            }
        }
        if value.is_none_or(|v| v.loc().lineno as i32 != stmt_loc.lineno) {
            loc = stmt_loc;
            self.op(Opcode::Nop, loc);
        }
        self.unwind_fblock_stack(&mut loc, preserve_tos, false)?;
        if value.is_none() {
            self.load_const(Constant::None, loc);
        } else if let Some(constant) = constant {
            self.load_const(constant, loc);
        }
        self.op(Opcode::ReturnValue, loc);
        Ok(())
    }

    /// `break` (to the loop's exit, leaving it) or `continue` (to its
    /// start), after unwinding the blocks inside the loop.
    fn loop_jump(&mut self, is_break: bool, loc: Loc) -> CResult {
        let origin = loc;
        let mut loc = loc;
        self.op(Opcode::Nop, loc);
        let Some(depth) = self.unwind_fblock_stack(&mut loc, false, true)? else {
            let message = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(self.error(message, origin));
        };
        let block = self.unit().fblocks[depth].clone();
        let target = if is_break {
            self.unwind_fblock(&block, &mut loc, false)?;
            block.exit
        } else {
            block.block
        };
        self.jump(
            Opcode::Jump,
            target.expect("a loop has a start and an exit"),
            loc,
        );
        Ok(())
    }

    fn if_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> CResult {
        let end = self.new_label();
        let next = if orelse.is_empty() {
            end
        } else {
            self.new_label()
        };
        self.jump_if(test, next, false)?;
        self.stmts(body)?;
        if !orelse.is_empty() {
            self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
            self.use_label(next);
            self.stmts(orelse)?;
        }
        self.use_label(end);
        Ok(())
    }

    fn while_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> CResult {
        let start = self.new_label();
        let body_label = self.new_label();
        let anchor = self.new_label();
        let end = self.new_label();
        self.use_label(start);
        self.push_fblock(FBlockKind::WhileLoop, Some(start), Some(end), loc)?;
        self.jump_if(test, anchor, false)?;
        self.use_label(body_label);
        self.stmts(body)?;
        self.jump_if(test, body_label, true)?;
        self.pop_fblock();
        self.use_label(anchor);
        self.stmts(orelse)?;
        self.use_label(end);
        Ok(())
    }

    fn for_stmt(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        loc: Loc,
    ) -> CResult {
        let start = self.new_label();
        let body_label = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlockKind::ForLoop, Some(start), Some(end), loc)?;
        self.expr(iter)?;
        let iter_loc = Loc::of(iter.loc());
        self.op(Opcode::GetIter, iter_loc);
        self.use_label(start);
        self.jump(Opcode::ForIter, cleanup, iter_loc);
        // Line tracing of a multi-line `for` header.
        self.op(Opcode::Nop, Loc::of(target.loc()));
        self.use_label(body_label);
        self.expr(target)?;
        self.stmts(body)?;
        self.jump(Opcode::Jump, start, Loc::NONE);
        self.use_label(cleanup);
        self.op(Opcode::EndFor, Loc::NONE);
        self.op(Opcode::PopTop, Loc::NONE);
        self.pop_fblock();
        self.stmts(orelse)?;
        self.use_label(end);
        Ok(())
    }

    fn assert_stmt(&mut self, test: &'a Expr, msg: Option<&'a Expr>, loc: Loc) -> CResult {
        let end = self.new_label();
        self.jump_if(test, end, true)?;
        self.op(Opcode::LoadAssertionError, loc);
        if let Some(msg) = msg {
            self.expr(msg)?;
            self.emit(Opcode::Call, 0, loc);
        }
        self.emit(Opcode::RaiseVarargs, 1, self.folded_loc(test));
        self.use_label(end);
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a molt_ast::AugAssign, loc: Loc) -> CResult {
        let target = &*a.target;
        let tloc = Loc::of(target.loc());
        match target {
            Expr::Attribute(t) => {
                self.expr(&t.value)?;
                self.emit(Opcode::Copy, 1, tloc);
                let at = self.attr_loc(tloc, t);
                self.op_name(Opcode::LoadAttr, &t.attr, at);
            }
            Expr::Subscript(t) => {
                self.expr(&t.value)?;
                if is_two_element_slice(&t.slice) {
                    self.slice_parts(&t.slice)?;
                    for _ in 0..3 {
                        self.emit(Opcode::Copy, 3, tloc);
                    }
                    self.op(Opcode::BinarySlice, tloc);
                } else {
                    self.expr(&t.slice)?;
                    self.emit(Opcode::Copy, 2, tloc);
                    self.emit(Opcode::Copy, 2, tloc);
                    self.op(Opcode::BinarySubscr, tloc);
                }
            }
            Expr::Name(n) => self.name_op(&n.id, ExprContext::Load, tloc)?,
            _ => {
                return Err(self.error("invalid node type for augmented assignment", tloc));
            }
        }
        self.expr(&a.value)?;
        self.emit(Opcode::BinaryOp, binary_op(a.op) + NB_INPLACE_ADD, loc);
        match target {
            Expr::Attribute(t) => {
                let at = self.attr_loc(tloc, t);
                self.emit(Opcode::Swap, 2, at);
                self.op_name(Opcode::StoreAttr, &t.attr, at);
            }
            Expr::Subscript(t) => {
                if is_two_element_slice(&t.slice) {
                    self.emit(Opcode::Swap, 4, tloc);
                    self.emit(Opcode::Swap, 3, tloc);
                    self.emit(Opcode::Swap, 2, tloc);
                    self.op(Opcode::StoreSlice, tloc);
                } else {
                    self.emit(Opcode::Swap, 3, tloc);
                    self.emit(Opcode::Swap, 2, tloc);
                    self.op(Opcode::StoreSubscr, tloc);
                }
            }
            Expr::Name(n) => self.name_op(&n.id, ExprContext::Store, tloc)?,
            _ => unreachable!("checked above"),
        }
        Ok(())
    }

    fn ann_assign(&mut self, a: &'a molt_ast::AnnAssign, loc: Loc) -> CResult {
        let target = &*a.target;
        if let Some(value) = &a.value {
            self.expr(value)?;
            self.expr(target)?;
        }
        match target {
            Expr::Name(n) => {
                self.check_ann_expr_name(&n.id, Loc::of(target.loc()))?;
                // Annotations of simple names in modules and classes are
                // stored in `__annotations__`.
                if a.simple != 0
                    && matches!(
                        self.unit().scope_type,
                        super::ScopeType::Module | super::ScopeType::Class
                    )
                {
                    if self.future.annotations {
                        let at = Loc::of(a.annotation.loc());
                        self.load_const(Constant::Str(molt_ast::unparse_expr(&a.annotation)), at);
                    } else {
                        self.expr(&a.annotation)?;
                    }
                    self.op_name_unmangled(Opcode::LoadName, "__annotations__", loc);
                    let mangled = self.mangle(&n.id);
                    self.load_const(Constant::Str(mangled.into()), loc);
                    self.op(Opcode::StoreSubscr, loc);
                }
            }
            Expr::Attribute(t) => {
                if a.value.is_none() {
                    self.check_ann_expr(&t.value)?;
                }
            }
            Expr::Subscript(t) => {
                if a.value.is_none() {
                    self.check_ann_expr(&t.value)?;
                    self.check_ann_subscr(&t.slice)?;
                }
            }
            _ => {
                return Err(self.error(
                    "invalid node type for annotated assignment",
                    Loc::of(target.loc()),
                ));
            }
        }
        // The annotation of a complex target is evaluated (not stored),
        // and only in modules and classes.
        if a.simple == 0
            && !self.future.annotations
            && matches!(
                self.unit().scope_type,
                super::ScopeType::Module | super::ScopeType::Class
            )
        {
            self.check_ann_expr(&a.annotation)?;
        }
        Ok(())
    }

    /// An annotated name cannot be `__debug__`.
    fn check_ann_expr_name(&mut self, name: &str, loc: Loc) -> CResult {
        if name == "__debug__" {
            return Err(self.error("cannot assign to __debug__", loc));
        }
        Ok(())
    }

    /// `check_ann_expr`: evaluate an expression for its effects only.
    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult {
        self.expr(e)?;
        self.op(Opcode::PopTop, Loc::of(e.loc()));
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult {
        match e {
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            Expr::Tuple(t) => {
                for elt in &t.elts {
                    self.check_ann_subscr(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    fn import(&mut self, i: &'a molt_ast::Import, loc: Loc) -> CResult {
        for alias in &i.names {
            self.load_const(Constant::Int(0.into()), loc);
            self.load_const(Constant::None, loc);
            self.op_name(Opcode::ImportName, &alias.name, loc);
            match &alias.asname {
                Some(asname) => {
                    let mut parts = alias.name.split('.');
                    parts.next();
                    let attrs: Vec<&str> = parts.collect();
                    if attrs.is_empty() {
                        self.name_op(asname, ExprContext::Store, loc)?;
                    } else {
                        for (k, attr) in attrs.iter().enumerate() {
                            self.op_name(Opcode::ImportFrom, attr, loc);
                            if k + 1 < attrs.len() {
                                self.emit(Opcode::Swap, 2, loc);
                                self.op(Opcode::PopTop, loc);
                            }
                        }
                        self.name_op(asname, ExprContext::Store, loc)?;
                        self.op(Opcode::PopTop, loc);
                    }
                }
                None => {
                    let first = alias.name.split('.').next().unwrap_or(&alias.name);
                    self.name_op(first, ExprContext::Store, loc)?;
                }
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &'a molt_ast::ImportFrom, loc: Loc) -> CResult {
        self.load_const(Constant::Int(i.level.unwrap_or(0).into()), loc);
        let names = i
            .names
            .iter()
            .map(|a| Constant::Str(a.name.to_string()))
            .collect();
        if i.module.as_deref() == Some("__future__")
            && i.level.unwrap_or(0) == 0
            && self.future.location.is_none_or(|f| loc.is_after(f))
        {
            return Err(self.error(
                "from __future__ imports must occur at the beginning of the file",
                loc,
            ));
        }
        self.load_const(Constant::Tuple(names), loc);
        self.op_name(Opcode::ImportName, i.module.as_deref().unwrap_or(""), loc);
        for (k, alias) in i.names.iter().enumerate() {
            if k == 0 && alias.name.starts_with('*') {
                if !matches!(self.unit().scope_type, super::ScopeType::Module) {
                    // The symbol table has already refused it.
                }
                self.emit(Opcode::CallIntrinsic1, INTRINSIC_IMPORT_STAR, loc);
                self.op(Opcode::PopTop, Loc::NONE);
                return Ok(());
            }
            self.op_name(Opcode::ImportFrom, &alias.name, loc);
            let store = alias.asname.as_deref().unwrap_or(&alias.name);
            self.name_op(store, ExprContext::Store, loc)?;
        }
        self.op(Opcode::PopTop, loc);
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: emit what leaving every frame block
    /// down to the innermost loop (when `to_loop`) or all of them needs.
    /// Returns the loop's index in the block stack.
    pub(super) fn unwind_fblock_stack(
        &mut self,
        loc: &mut Loc,
        preserve_tos: bool,
        to_loop: bool,
    ) -> CResult<Option<usize>> {
        let mut depth = self.unit().fblocks.len();
        let mut popped = Vec::new();
        let mut found = None;
        while depth > 0 {
            let top = self.unit().fblocks[depth - 1].clone();
            if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
                self.restore_fblocks(popped);
                return Err(self.error(
                    "'break', 'continue' and 'return' cannot appear in an except* block",
                    *loc,
                ));
            }
            if to_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
                found = Some(depth - 1);
                break;
            }
            let block = self.u().fblocks.pop().expect("a block");
            popped.push(block.clone());
            if let Err(e) = self.unwind_fblock(&block, loc, preserve_tos) {
                self.restore_fblocks(popped);
                return Err(e);
            }
            depth -= 1;
        }
        self.restore_fblocks(popped);
        Ok(found)
    }

    fn restore_fblocks(&mut self, mut popped: Vec<super::FBlock<'a>>) {
        while let Some(b) = popped.pop() {
            self.u().fblocks.push(b);
        }
    }

    /// `compiler_unwind_fblock`: leave one frame block early.
    pub(super) fn unwind_fblock(
        &mut self,
        block: &super::FBlock<'a>,
        loc: &mut Loc,
        preserve_tos: bool,
    ) -> CResult {
        match &block.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator
            | FBlockKind::StopIteration => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.op(Opcode::PopTop, *loc);
            }
            FBlockKind::TryExcept => self.op(Opcode::PopBlock, *loc),
            FBlockKind::FinallyTry(body) => {
                self.op(Opcode::PopBlock, *loc);
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, None, None, *loc)?;
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                *loc = Loc::NONE;
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.op(Opcode::PopTop, *loc);
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.op(Opcode::PopBlock, *loc);
                self.op(Opcode::PopExcept, *loc);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                *loc = block.loc;
                self.op(Opcode::PopBlock, *loc);
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.call_exit_with_nones(*loc);
                if matches!(block.kind, FBlockKind::AsyncWith) {
                    self.emit(Opcode::GetAwaitable, 2, *loc);
                    self.await_value(*loc);
                }
                self.op(Opcode::PopTop, *loc);
                *loc = Loc::NONE;
            }
            FBlockKind::HandlerCleanup(name) => {
                if name.is_some() {
                    self.op(Opcode::PopBlock, *loc);
                }
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.op(Opcode::PopBlock, *loc);
                self.op(Opcode::PopExcept, *loc);
                if let Some(name) = name {
                    self.load_const(Constant::None, *loc);
                    self.name_op(name, ExprContext::Store, *loc)?;
                    self.name_op(name, ExprContext::Del, *loc)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2, *loc);
                }
                self.op(Opcode::PopTop, *loc);
            }
        }
        Ok(())
    }

    pub(super) fn new_labels<const N: usize>(&mut self) -> [Label; N] {
        std::array::from_fn(|_| self.new_label())
    }
}

/// A subscript `a[x:y]` without a step compiles to `BINARY_SLICE`.
pub(super) fn is_two_element_slice(e: &Expr) -> bool {
    matches!(e, Expr::Slice(s) if s.step.is_none())
}

/// `BINARY_OP`'s argument for an operator (CPython's `NB_*`).
pub(super) fn binary_op(op: molt_ast::Operator) -> u32 {
    use molt_ast::Operator::*;
    match op {
        Add => NB_ADD,
        Sub => NB_SUBTRACT,
        Mult => NB_MULTIPLY,
        MatMult => NB_MATRIX_MULTIPLY,
        Div => NB_TRUE_DIVIDE,
        Mod => NB_REMAINDER,
        Pow => NB_POWER,
        LShift => NB_LSHIFT,
        RShift => NB_RSHIFT,
        BitOr => NB_OR,
        BitXor => NB_XOR,
        BitAnd => NB_AND,
        FloorDiv => NB_FLOOR_DIVIDE,
    }
}
