//! Comprehensions: list, set and dict comprehensions inlined into their
//! scope (PEP 709), generator expressions as code objects of their own.

use super::{CResult, Compiler, ScopeType};
use crate::Ident;
use crate::fold::Fold;
use crate::instr::{Label, Loc};
use crate::opcode::*;
use crate::symtable::{BlockKey, DEF_LOCAL, DEF_NONLOCAL, Scope, Symbol, TableKind};
use molt_ast::{Comprehension, Expr};
use rustc_hash::FxHashMap;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Generator,
    List,
    Set,
    Dict,
}

/// What a comprehension builds, and from which loops.
#[derive(Clone, Copy)]
struct Comp<'a> {
    generators: &'a [Comprehension],
    elt: &'a Expr,
    /// A dict comprehension's value.
    val: Option<&'a Expr>,
    kind: Kind,
}

/// What an inlined comprehension changed in its scope, to undo after it.
#[derive(Default)]
struct InlineState {
    /// Symbols of the comprehension that shadow the scope's, and the
    /// scope's own versions.
    saved: Vec<(Ident, Option<Symbol>)>,
    /// Names whose outer values were pushed and must be restored.
    pushed: Vec<Ident>,
    /// Names made fast locals of a module or class for the comprehension.
    fast_hidden: Vec<Ident>,
    cleanup: Option<Label>,
}

impl<'a> Compiler<'a> {
    pub(super) fn comprehension(&mut self, e: &'a Expr, loc: Loc) -> CResult {
        let (kind, generators, elt, val, key) = match e {
            Expr::GeneratorExp(g) => (
                Kind::Generator,
                &g.generators,
                &*g.elt,
                None,
                BlockKey::of(g, TableKind::Function),
            ),
            Expr::ListComp(c) => (
                Kind::List,
                &c.generators,
                &*c.elt,
                None,
                BlockKey::of(c, TableKind::Function),
            ),
            Expr::SetComp(c) => (
                Kind::Set,
                &c.generators,
                &*c.elt,
                None,
                BlockKey::of(c, TableKind::Function),
            ),
            Expr::DictComp(c) => (
                Kind::Dict,
                &c.generators,
                &*c.key,
                Some(&*c.value),
                BlockKey::of(c, TableKind::Function),
            ),
            _ => unreachable!("a comprehension"),
        };
        let table = self
            .symtable
            .lookup(key)
            .ok_or_else(|| self.error("internal error: no table for a comprehension", loc))?;
        let entry = self.symtable.table(table);
        let inlined = entry.comp_inlined;
        let is_async = entry.coroutine;
        let scope_type = self.unit().scope_type;
        let outermost = &generators[0];
        let mut state = InlineState::default();
        if inlined {
            self.outermost_iter(outermost)?;
            self.push_inlined(table, loc, &mut state);
        } else {
            let name = match kind {
                Kind::Generator => "<genexpr>",
                Kind::List => "<listcomp>",
                Kind::Set => "<setcomp>",
                Kind::Dict => "<dictcomp>",
            };
            let private = self.unit().private.clone();
            self.enter_scope(
                name,
                ScopeType::Comprehension,
                table,
                loc.lineno as u32,
                private,
            );
            self.u().argcount = 1;
        }
        if is_async
            && kind != Kind::Generator
            && !matches!(
                scope_type,
                ScopeType::AsyncFunction | ScopeType::Comprehension
            )
        {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                loc,
            ));
        }
        if kind != Kind::Generator {
            let build = match kind {
                Kind::List => Opcode::BuildList,
                Kind::Set => Opcode::BuildSet,
                _ => Opcode::BuildMap,
            };
            self.emit(build, 0, loc);
            if inlined {
                self.emit(Opcode::Swap, 2, loc);
            }
        }
        let c = Comp {
            generators,
            elt,
            val,
            kind,
        };
        self.comprehension_generator(c, 0, 0, inlined, loc)?;
        if inlined {
            self.pop_inlined(state, loc);
            return Ok(());
        }
        if kind != Kind::Generator {
            self.op(Opcode::ReturnValue, loc);
        } else {
            self.wrap_in_stopiteration_handler();
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, 0, loc)?;
        self.outermost_iter(outermost)?;
        self.emit(Opcode::Call, 0, loc);
        if is_async && kind != Kind::Generator {
            self.emit(Opcode::GetAwaitable, 0, loc);
            self.await_value(loc);
        }
        Ok(())
    }

    /// The outermost iterable, evaluated in the enclosing scope, and its
    /// iterator (asynchronous for `async for`).
    fn outermost_iter(&mut self, outermost: &'a Comprehension) -> CResult {
        self.expr(&outermost.iter)?;
        let get_iter = if outermost.is_async != 0 {
            Opcode::GetAiter
        } else {
            Opcode::GetIter
        };
        self.op(get_iter, Loc::of(outermost.iter.loc()));
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        c: Comp<'a>,
        index: usize,
        depth: u32,
        iter_on_stack: bool,
        loc: Loc,
    ) -> CResult {
        if c.generators[index].is_async != 0 {
            self.async_comprehension_generator(c, index, depth, iter_on_stack, loc)
        } else {
            self.sync_comprehension_generator(c, index, depth, iter_on_stack, loc)
        }
    }

    /// The loops inside generator `index`, or at the innermost the element
    /// added to the result; the element's location.
    fn comprehension_inner(
        &mut self,
        c: Comp<'a>,
        index: usize,
        depth: u32,
        loc: Loc,
    ) -> CResult<Loc> {
        let mut elt_loc = Loc::of(c.elt.loc());
        if index + 1 < c.generators.len() {
            self.comprehension_generator(c, index + 1, depth, false, loc)?;
            return Ok(elt_loc);
        }
        self.expr(c.elt)?;
        match c.kind {
            Kind::Generator => {
                self.yield_value(elt_loc);
                self.op(Opcode::PopTop, elt_loc);
            }
            Kind::List => self.emit(Opcode::ListAppend, depth + 1, elt_loc),
            Kind::Set => self.emit(Opcode::SetAdd, depth + 1, elt_loc),
            Kind::Dict => {
                // With `{k: v}`, k is evaluated before v; MAP_ADD spans both.
                let val = c.val.expect("a dict comprehension has a value");
                self.expr(val)?;
                let v = val.loc();
                elt_loc.end_lineno = v.end_lineno as i32;
                elt_loc.end_col_offset = v.end_col_offset as i32;
                self.emit(Opcode::MapAdd, depth + 1, elt_loc);
            }
        }
        Ok(elt_loc)
    }

    fn sync_comprehension_generator(
        &mut self,
        c: Comp<'a>,
        index: usize,
        depth: u32,
        iter_on_stack: bool,
        loc: Loc,
    ) -> CResult {
        let mut depth = depth;
        let [start, if_cleanup, anchor] = self.new_labels();
        let mut looping = true;
        let generator = &c.generators[index];
        let iter_loc = Loc::of(generator.iter.loc());
        if !iter_on_stack {
            if index == 0 {
                self.u().argcount = 1;
                self.emit(Opcode::LoadFast, 0, loc);
            } else {
                // `for y in [f(x)]` binds without a loop (not when the
                // optimizer made the list a constant).
                let folded = matches!(self.folded.get(&generator.iter), Some(Fold::Constant(_)));
                let single = match &*generator.iter {
                    _ if folded => None,
                    Expr::List(l) => (l.elts.len() == 1).then(|| &l.elts[0]),
                    Expr::Tuple(t) => (t.elts.len() == 1).then(|| &t.elts[0]),
                    _ => None,
                };
                match single {
                    Some(one) if !matches!(one, Expr::Starred(_)) => {
                        self.expr(one)?;
                        looping = false;
                    }
                    _ => {
                        self.expr(&generator.iter)?;
                        self.op(Opcode::GetIter, iter_loc);
                    }
                }
            }
        }
        if looping {
            depth += 1;
            self.use_label(start);
            self.jump(Opcode::ForIter, anchor, iter_loc);
        }
        self.expr(&generator.target)?;
        for cond in &generator.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        let elt_loc = self.comprehension_inner(c, index, depth, loc)?;
        self.use_label(if_cleanup);
        if looping {
            self.jump(Opcode::Jump, start, elt_loc);
            self.use_label(anchor);
            self.op(Opcode::EndFor, Loc::NONE);
            self.op(Opcode::PopTop, Loc::NONE);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        c: Comp<'a>,
        index: usize,
        depth: u32,
        iter_on_stack: bool,
        loc: Loc,
    ) -> CResult {
        let [start, except, if_cleanup] = self.new_labels();
        let generator = &c.generators[index];
        let iter_loc = Loc::of(generator.iter.loc());
        if !iter_on_stack {
            if index == 0 {
                self.u().argcount = 1;
                self.emit(Opcode::LoadFast, 0, loc);
            } else {
                self.expr(&generator.iter)?;
                self.op(Opcode::GetAiter, iter_loc);
            }
        }
        self.use_label(start);
        self.push_fblock(
            super::FBlockKind::AsyncComprehensionGenerator,
            Some(start),
            None,
            loc,
        )?;
        self.jump(Opcode::SetupFinally, except, loc);
        self.op(Opcode::GetAnext, loc);
        self.await_value(loc);
        self.op(Opcode::PopBlock, loc);
        self.expr(&generator.target)?;
        for cond in &generator.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        let depth = depth + 1;
        let elt_loc = self.comprehension_inner(c, index, depth, loc)?;
        self.use_label(if_cleanup);
        self.jump(Opcode::Jump, start, elt_loc);
        self.pop_fblock();
        self.use_label(except);
        self.op(Opcode::EndAsyncFor, loc);
        Ok(())
    }

    /// `push_inlined_comprehension_state`: give the comprehension's names
    /// their meaning inside it, and save the outer values of the names it
    /// binds on the stack.
    fn push_inlined(&mut self, table: crate::symtable::TableId, loc: Loc, state: &mut InlineState) {
        let outer = self.unit().table;
        let in_class =
            self.symtable.table(outer).kind == TableKind::Class && self.unit().in_inlined_comp == 0;
        self.u().in_inlined_comp += 1;
        let function_like = self.symtable.table(outer).is_function_like();
        let inner: Vec<(Ident, Symbol)> = self
            .symtable
            .table(table)
            .symbols()
            .map(|(n, s)| (Ident::from(n), *s))
            .collect();
        for (name, symbol) in inner {
            let scope = symbol.scope;
            let outside = self.symbol_of(&name);
            let outside_scope = outside.and_then(|s| s.scope);
            if (scope != outside_scope
                && scope != Some(Scope::Free)
                && !(scope == Some(Scope::Cell) && outside_scope == Some(Scope::Free)))
                || in_class
            {
                state.saved.push((name.clone(), outside));
                self.u().overrides.insert(name.clone(), Some(symbol));
            }
            if (symbol.flags & DEF_LOCAL != 0 && symbol.flags & DEF_NONLOCAL == 0) || in_class {
                if !function_like && self.unit().fasthidden.get(&name) != Some(&true) {
                    self.u().fasthidden.insert(name.clone(), true);
                    state.fast_hidden.push(name.clone());
                }
                let arg = self.u().varnames.add(&name);
                self.emit(Opcode::LoadFastAndClear, arg, loc);
                if scope == Some(Scope::Cell) {
                    let arg = if outside_scope == Some(Scope::Free) {
                        self.u().freevars.add(&name)
                    } else {
                        self.u().cellvars.add(&name)
                    };
                    self.emit(Opcode::MakeCell, arg, loc);
                }
                state.pushed.push(name);
            }
        }
        if !state.pushed.is_empty() {
            self.emit(Opcode::Swap, state.pushed.len() as u32 + 1, loc);
            let cleanup = self.new_label();
            state.cleanup = Some(cleanup);
            self.jump(Opcode::SetupFinally, cleanup, loc);
        }
    }

    fn pop_inlined(&mut self, state: InlineState, loc: Loc) {
        self.u().in_inlined_comp -= 1;
        for (name, symbol) in state.saved.into_iter().rev() {
            match symbol {
                Some(_) => {
                    self.u().overrides.insert(name, symbol);
                }
                None => {
                    self.u().overrides.insert(name, None);
                }
            }
        }
        if let Some(cleanup) = state.cleanup {
            let end = self.new_label();
            self.op(Opcode::PopBlock, Loc::NONE);
            self.jump(Opcode::JumpNoInterrupt, end, Loc::NONE);
            self.use_label(cleanup);
            self.emit(Opcode::Swap, 2, Loc::NONE);
            self.op(Opcode::PopTop, Loc::NONE);
            self.restore_inlined_locals(&state.pushed, loc);
            self.emit(Opcode::Reraise, 0, Loc::NONE);
            self.use_label(end);
            self.restore_inlined_locals(&state.pushed, loc);
        }
        for name in state.fast_hidden {
            self.u().fasthidden.insert(name, false);
        }
    }

    fn restore_inlined_locals(&mut self, pushed: &[Ident], loc: Loc) {
        self.emit(Opcode::Swap, pushed.len() as u32 + 1, loc);
        for name in pushed.iter().rev() {
            let arg = self.u().varnames.add(name);
            self.emit(Opcode::StoreFastMaybeNull, arg, loc);
        }
    }

    /// A name's symbol in the current scope, with an inlined
    /// comprehension's temporary meanings.
    pub(super) fn symbol_of(&self, name: &str) -> Option<Symbol> {
        // Overrides exist only inside inlined comprehensions: skip hashing.
        let overrides = &self.unit().overrides;
        if !overrides.is_empty()
            && let Some(over) = overrides.get(name)
        {
            return *over;
        }
        self.table().symbol(name).copied()
    }
}

/// The symbols an inlined comprehension overrides in its scope.
pub(super) type Overrides = FxHashMap<Ident, Option<Symbol>>;
