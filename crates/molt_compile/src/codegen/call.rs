//! Calls (`compiler_call`): method calls without a bound method object,
//! keyword arguments, `*args`/`**kwargs`, and `super()` attribute loads.

use super::{CResult, Compiler, STACK_USE_GUIDELINE};
use crate::constant::Constant;
use crate::instr::Loc;
use crate::opcode::*;
use crate::symtable::{DEF_IMPORT, Scope, TableKind};
use molt_ast::{Expr, ExprContext, Keyword};

impl<'a> Compiler<'a> {
    pub(super) fn call(&mut self, c: &'a molt_ast::Call, loc: Loc) -> CResult {
        self.validate_keywords(&c.keywords)?;
        if self.method_call(c, loc)? {
            return Ok(());
        }
        self.expr(&c.func)?;
        self.op(Opcode::PushNull, Loc::of(c.func.loc()));
        self.call_helper(loc, 0, &c.args, &c.keywords)
    }

    /// `validate_keywords`: a keyword given twice is an error.
    fn validate_keywords(&self, keywords: &[Keyword]) -> CResult {
        for (i, k) in keywords.iter().enumerate() {
            let Some(name) = &k.arg else {
                continue;
            };
            if keywords[i + 1..]
                .iter()
                .any(|other| other.arg.as_deref() == Some(name))
            {
                let other = keywords[i + 1..]
                    .iter()
                    .find(|other| other.arg.as_deref() == Some(name))
                    .expect("found above");
                return Err(self.error(
                    format!("keyword argument repeated: {name}"),
                    Loc::of(other.loc),
                ));
            }
        }
        Ok(())
    }

    /// `maybe_optimize_method_call`: `obj.meth(args)` loads the method and
    /// `obj` together (`LOAD_ATTR` with its low bit set).
    fn method_call(&mut self, c: &'a molt_ast::Call, loc: Loc) -> CResult<bool> {
        let Expr::Attribute(meth) = &*c.func else {
            return Ok(false);
        };
        if meth.ctx != ExprContext::Load || self.is_import_originated(&meth.value) {
            return Ok(false);
        }
        let (nargs, nkw) = (c.args.len(), c.keywords.len());
        if nargs + nkw + usize::from(nkw != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || c.keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        let mloc = Loc::of(meth.loc);
        // The method's place: its `LOAD_ATTR`, and the keyword names.
        let meth_at = self.attr_loc(mloc, meth);
        if self.can_optimize_super_call(meth) {
            let Expr::Call(sup) = &*meth.value else {
                unreachable!("checked by can_optimize_super_call")
            };
            self.load_args_for_super(sup)?;
            let op = if sup.args.is_empty() {
                Opcode::LoadZeroSuperMethod
            } else {
                Opcode::LoadSuperMethod
            };
            self.op_name(op, &meth.attr, mloc);
            self.op(Opcode::Nop, meth_at);
        } else {
            self.expr(&meth.value)?;
            self.op_name(Opcode::LoadMethod, &meth.attr, meth_at);
        }
        for arg in &c.args {
            self.expr(arg)?;
        }
        let at = self.attr_loc(loc, meth);
        if nkw > 0 {
            for k in &c.keywords {
                self.expr(&k.value)?;
            }
            self.kw_names(&c.keywords, meth_at);
            self.emit(Opcode::CallKw, (nargs + nkw) as u32, at);
        } else {
            self.emit(Opcode::Call, nargs as u32, at);
        }
        Ok(true)
    }

    /// A name bound by an import at module level: calls on it are not
    /// method calls (module attributes are plain functions).
    fn is_import_originated(&self, e: &Expr) -> bool {
        let Expr::Name(n) = e else {
            return false;
        };
        // An inlined comprehension at module level shadows the module's
        // symbols while it is compiled.
        if let Some(over) = self.units[0].overrides.get(n.id.as_str()) {
            return over.is_some_and(|s| s.flags & DEF_IMPORT != 0);
        }
        let top = self.symtable.table(self.symtable.top());
        top.flags(&n.id) & DEF_IMPORT != 0
    }

    /// `can_optimize_super_call`: `super().attr` or `super(C, self).attr`
    /// where `super` is statically the builtin and, without arguments,
    /// inside a function with a first parameter and a `__class__` cell.
    fn can_optimize_super_call(&self, attr: &molt_ast::Attribute) -> bool {
        let Expr::Call(call) = &*attr.value else {
            return false;
        };
        let Expr::Name(func) = &*call.func else {
            return false;
        };
        if func.id != "super" || attr.attr == "__class__" || !call.keywords.is_empty() {
            return false;
        }
        let table = self.table();
        if table.scope_of("super") != Some(Scope::GlobalImplicit)
            || self
                .symtable
                .table(self.symtable.top())
                .scope_of("super")
                .is_some()
        {
            return false;
        }
        match call.args.len() {
            0 => {
                let unit = self.unit();
                table.kind == TableKind::Function
                    && unit.argcount + unit.posonlyargcount > 0
                    && table.scope_of("__class__") == Some(Scope::Free)
            }
            2 => !call.args.iter().any(|a| matches!(a, Expr::Starred(_))),
            _ => false,
        }
    }

    /// `load_args_for_super`: the global `super`, then `__class__` and the
    /// first parameter (or the two explicit arguments).
    fn load_args_for_super(&mut self, sup: &'a molt_ast::Call) -> CResult {
        self.expr(&sup.func)?;
        if sup.args.len() == 2 {
            self.expr(&sup.args[0])?;
            self.expr(&sup.args[1])?;
        } else {
            let loc = Loc::of(sup.loc);
            self.name_op("__class__", ExprContext::Load, loc)?;
            let first = self.unit().varnames.list.name(0).clone();
            self.name_op(&first, ExprContext::Load, loc)?;
        }
        Ok(())
    }

    /// `super().attr` loaded with `LOAD_SUPER_ATTR`; false when the
    /// attribute is not of that form.
    pub(super) fn load_super_attr(
        &mut self,
        a: &'a molt_ast::Attribute,
        loc: Loc,
    ) -> CResult<bool> {
        if !self.can_optimize_super_call(a) {
            return Ok(false);
        }
        let Expr::Call(sup) = &*a.value else {
            unreachable!("checked above")
        };
        self.load_args_for_super(sup)?;
        let op = if sup.args.is_empty() {
            Opcode::LoadZeroSuperAttr
        } else {
            Opcode::LoadSuperAttr
        };
        self.op_name(op, &a.attr, loc);
        let at = self.attr_loc(loc, a);
        self.op(Opcode::Nop, at);
        Ok(true)
    }

    /// `compiler_call_simple_kw_helper`: the tuple of keyword names.
    fn kw_names(&mut self, keywords: &[Keyword], loc: Loc) {
        let names = keywords
            .iter()
            .map(|k| Constant::Str(k.arg.as_deref().expect("a named keyword").to_string()))
            .collect();
        self.load_const(Constant::Tuple(names), loc);
    }

    /// `compiler_call_helper`: the arguments of a call whose callable (and
    /// `n` extra arguments) are on the stack.
    pub(super) fn call_helper(
        &mut self,
        loc: Loc,
        n: u32,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult {
        self.call_helper_refs(loc, n, &super::expr::refs(args), keywords)
    }

    /// [`Self::call_helper`] for arguments that are not one slice (a
    /// generic class's bases and its hidden `.generic_base`).
    pub(super) fn call_helper_refs(
        &mut self,
        loc: Loc,
        n: u32,
        args: &[&'a Expr],
        keywords: &'a [Keyword],
    ) -> CResult {
        self.validate_keywords(keywords)?;
        let (nargs, nkw) = (args.len(), keywords.len());
        let simple = nargs + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for &arg in args {
                self.expr(arg)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                self.kw_names(keywords, loc);
                self.emit(Opcode::CallKw, n + (nargs + nkw) as u32, loc);
            } else {
                self.emit(Opcode::Call, n + nargs as u32, loc);
            }
            return Ok(());
        }
        // Positional arguments as one tuple.
        match args {
            [Expr::Starred(s)] if n == 0 => self.expr(&s.value)?,
            _ => self.starunpack(
                args,
                n,
                [Opcode::BuildList, Opcode::ListAppend, Opcode::ListExtend],
                true,
                loc,
            )?,
        }
        // Keyword arguments as one dict.
        if nkw > 0 {
            let mut have_dict = false;
            let mut seen = 0;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if seen > 0 {
                        self.subkwargs(&keywords[i - seen..i], loc)?;
                        if have_dict {
                            self.emit(Opcode::DictMerge, 1, loc);
                        }
                        have_dict = true;
                        seen = 0;
                    }
                    if !have_dict {
                        self.emit(Opcode::BuildMap, 0, loc);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Opcode::DictMerge, 1, loc);
                } else {
                    seen += 1;
                }
            }
            if seen > 0 {
                self.subkwargs(&keywords[nkw - seen..], loc)?;
                if have_dict {
                    self.emit(Opcode::DictMerge, 1, loc);
                }
            }
        }
        self.emit(Opcode::CallFunctionEx, u32::from(nkw > 0), loc);
        Ok(())
    }

    /// `compiler_subkwargs`: a run of named keyword arguments as a dict.
    fn subkwargs(&mut self, keywords: &'a [Keyword], loc: Loc) -> CResult {
        let n = keywords.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in keywords {
                self.expr(&k.value)?;
            }
            self.kw_names(keywords, loc);
            self.emit(Opcode::BuildConstKeyMap, n as u32, loc);
            return Ok(());
        }
        if big {
            self.emit(Opcode::BuildMap, 0, Loc::NONE);
        }
        for k in keywords {
            self.load_const(
                Constant::Str(k.arg.as_deref().expect("named").to_string()),
                loc,
            );
            self.expr(&k.value)?;
            if big {
                self.emit(Opcode::MapAdd, 1, Loc::NONE);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32, loc);
        }
        Ok(())
    }
}
