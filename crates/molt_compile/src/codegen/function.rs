//! Scopes made by definitions: functions, lambdas and classes (with their
//! decorators, defaults, annotations and closures), PEP 695 type
//! parameters, and `type` aliases.

use super::{CResult, Compiler, ScopeType, code_const, docstring};
use crate::code::CodeObject;
use crate::constant::Constant;
use crate::instr::Loc;
use crate::opcode::*;
use crate::symtable::{BlockKey, Scope, TableId, TableKind};
use molt_ast::{Arguments, Expr, ExprContext, Stmt, TypeParam};

/// The parts of a `def` or `async def`.
struct FunctionParts<'a> {
    name: &'a str,
    args: &'a Arguments,
    body: &'a [Stmt],
    decorators: &'a [Expr],
    returns: Option<&'a Expr>,
    type_params: &'a Vec<TypeParam>,
    is_async: bool,
    key: BlockKey,
}

impl<'a> Compiler<'a> {
    fn table_for(&self, key: BlockKey, loc: Loc) -> CResult<TableId> {
        self.symtable
            .lookup(key)
            .ok_or_else(|| self.error("internal error: no symbol table for a scope", loc))
    }

    pub(super) fn function_def(&mut self, s: &'a Stmt) -> CResult {
        let loc = Loc::of(s.loc());
        let f = match s {
            Stmt::FunctionDef(f) => FunctionParts {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: f.returns.as_deref(),
                type_params: &f.type_params,
                is_async: false,
                key: BlockKey::of(f, TableKind::Function),
            },
            Stmt::AsyncFunctionDef(f) => FunctionParts {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: f.returns.as_deref(),
                type_params: &f.type_params,
                is_async: true,
                key: BlockKey::of(f, TableKind::Function),
            },
            _ => unreachable!("a function definition"),
        };
        self.check_debug_args(f.args)?;
        for d in f.decorators {
            self.expr(d)?;
        }
        let firstlineno = f
            .decorators
            .first()
            .map_or(loc.lineno as u32, |d| d.loc().lineno);
        let mut flags = self.default_arguments(f.args, loc)?;
        let generic = !f.type_params.is_empty();
        let mut typeparam_args = 0;
        if generic {
            if flags & MAKE_FUNCTION_DEFAULTS != 0 {
                typeparam_args += 1;
            }
            if flags & MAKE_FUNCTION_KWDEFAULTS != 0 {
                typeparam_args += 1;
            }
            if typeparam_args == 2 {
                self.emit(Opcode::Swap, 2, loc);
            }
            let table =
                self.table_for(BlockKey::of(f.type_params, TableKind::TypeParameters), loc)?;
            let private = self.unit().private.clone();
            self.enter_scope(
                &format!("<generic parameters of {}>", f.name),
                ScopeType::TypeParams,
                table,
                firstlineno,
                private,
            );
            self.type_params(f.type_params)?;
            for i in 0..typeparam_args {
                self.emit(Opcode::LoadFast, i, loc);
            }
        }
        if self.annotations(f.args, f.returns, loc)? {
            flags |= MAKE_FUNCTION_ANNOTATIONS;
        }
        self.function_body(&f, flags, firstlineno, loc)?;
        if generic {
            self.emit(Opcode::Swap, 2, loc);
            self.emit(
                Opcode::CallIntrinsic2,
                INTRINSIC_SET_FUNCTION_TYPE_PARAMS,
                loc,
            );
            self.u().argcount = typeparam_args;
            self.op(Opcode::ReturnValue, loc);
            let code = self.exit_scope(false)?;
            self.make_closure(code, 0, loc)?;
            if typeparam_args > 0 {
                self.emit(Opcode::Swap, typeparam_args + 1, loc);
                self.emit(Opcode::Call, typeparam_args - 1, loc);
            } else {
                self.op(Opcode::PushNull, loc);
                self.emit(Opcode::Call, 0, loc);
            }
        }
        self.apply_decorators(f.decorators);
        self.name_op(f.name, ExprContext::Store, loc)
    }

    fn function_body(
        &mut self,
        f: &FunctionParts<'a>,
        flags: u32,
        firstlineno: u32,
        loc: Loc,
    ) -> CResult {
        let table = self.table_for(f.key, loc)?;
        let scope_type = if f.is_async {
            ScopeType::AsyncFunction
        } else {
            ScopeType::Function
        };
        let private = self.unit().private.clone();
        self.enter_scope(f.name, scope_type, table, firstlineno, private);
        let doc = docstring(f.body)?;
        self.add_const(match doc {
            Some(d) => Constant::Str(super::clean_doc(d)),
            None => Constant::None,
        });
        let unit = self.u();
        unit.argcount = f.args.args.len() as u32;
        unit.posonlyargcount = f.args.posonlyargs.len() as u32;
        unit.kwonlyargcount = f.args.kwonlyargs.len() as u32;
        let t = self.table();
        let stop_iteration = t.generator || t.coroutine;
        let start = self.new_label();
        self.use_label(start);
        if stop_iteration {
            self.push_fblock(
                super::FBlockKind::StopIteration,
                Some(start),
                None,
                Loc::NONE,
            )?;
        }
        let body = if doc.is_some() { &f.body[1..] } else { f.body };
        self.stmts(body)?;
        if stop_iteration {
            self.wrap_in_stopiteration_handler();
            self.pop_fblock();
        }
        let code = self.exit_scope(true)?;
        self.make_closure(code, flags, loc)
    }

    /// `wrap_in_stopiteration_handler`: a generator or coroutine turns a
    /// `StopIteration` escaping its body into a `RuntimeError`.
    pub(super) fn wrap_in_stopiteration_handler(&mut self) {
        let handler = self.new_label();
        self.u()
            .seq
            .insert(0, Opcode::SetupCleanup, handler.0, Loc::NONE);
        self.load_const(Constant::None, Loc::NONE);
        self.op(Opcode::ReturnValue, Loc::NONE);
        self.use_label(handler);
        self.emit(
            Opcode::CallIntrinsic1,
            INTRINSIC_STOPITERATION_ERROR,
            Loc::NONE,
        );
        self.emit(Opcode::Reraise, 1, Loc::NONE);
    }

    pub(super) fn lambda(&mut self, l: &'a molt_ast::Lambda, loc: Loc) -> CResult {
        self.check_debug_args(&l.args)?;
        let flags = self.default_arguments(&l.args, loc)?;
        let table = self.table_for(BlockKey::of(l, TableKind::Function), loc)?;
        let private = self.unit().private.clone();
        self.enter_scope(
            "<lambda>",
            ScopeType::Lambda,
            table,
            loc.lineno as u32,
            private,
        );
        self.add_const(Constant::None);
        let unit = self.u();
        unit.argcount = l.args.args.len() as u32;
        unit.posonlyargcount = l.args.posonlyargs.len() as u32;
        unit.kwonlyargcount = l.args.kwonlyargs.len() as u32;
        self.expr(&l.body)?;
        self.op(Opcode::ReturnValue, Loc::of(l.body.loc()));
        let code = self.exit_scope(true)?;
        self.make_closure(code, flags, loc)
    }

    pub(super) fn class_def(&mut self, s: &'a molt_ast::ClassDef) -> CResult {
        let loc = Loc::of(s.loc);
        for d in &s.decorator_list {
            self.expr(d)?;
        }
        let firstlineno = s
            .decorator_list
            .first()
            .map_or(s.loc.lineno, |d| d.loc().lineno);
        let generic = !s.type_params.is_empty();
        if generic {
            let table =
                self.table_for(BlockKey::of(&s.type_params, TableKind::TypeParameters), loc)?;
            self.enter_scope(
                &format!("<generic parameters of {}>", s.name),
                ScopeType::TypeParams,
                table,
                firstlineno,
                Some(s.name.clone()),
            );
            self.type_params(&s.type_params)?;
            self.name_op(".type_params", ExprContext::Store, loc)?;
        }
        self.class_body(s, firstlineno)?;
        if generic {
            self.name_op(".type_params", ExprContext::Load, loc)?;
            self.emit(Opcode::CallIntrinsic1, INTRINSIC_SUBSCRIPT_GENERIC, loc);
            self.name_op(".generic_base", ExprContext::Store, loc)?;
            // The bases, then `.generic_base`, as one more positional.
            let generic_base = self.folded.generic_base(s);
            let mut bases: Vec<&'a Expr> = s.bases.iter().collect();
            bases.push(generic_base);
            self.call_helper_refs(loc, 2, &bases, &s.keywords)?;
            self.op(Opcode::ReturnValue, loc);
            let code = self.exit_scope(false)?;
            self.make_closure(code, 0, loc)?;
            self.op(Opcode::PushNull, loc);
            self.emit(Opcode::Call, 0, loc);
        } else {
            self.call_helper(loc, 2, &s.bases, &s.keywords)?;
        }
        self.apply_decorators(&s.decorator_list);
        self.name_op(&s.name, ExprContext::Store, loc)
    }

    fn class_body(&mut self, s: &'a molt_ast::ClassDef, firstlineno: u32) -> CResult {
        let table = self.table_for(BlockKey::of(s, TableKind::Class), Loc::of(s.loc))?;
        self.enter_scope(
            &s.name,
            ScopeType::Class,
            table,
            firstlineno,
            Some(s.name.clone()),
        );
        let line = firstlineno as i32;
        let loc = Loc::new(line, line, 0, 0);
        self.name_op("__name__", ExprContext::Load, loc)?;
        self.name_op("__module__", ExprContext::Store, loc)?;
        let qualname = self.unit().qualname.clone();
        self.load_const(Constant::Str(qualname), loc);
        self.name_op("__qualname__", ExprContext::Store, loc)?;
        self.load_const(Constant::Int(firstlineno.into()), loc);
        self.name_op("__firstlineno__", ExprContext::Store, loc)?;
        if !s.type_params.is_empty() {
            self.name_op(".type_params", ExprContext::Load, loc)?;
            self.name_op("__type_params__", ExprContext::Store, loc)?;
        }
        let t = self.table();
        let (needs_classdict, needs_class_closure) = (t.needs_classdict, t.needs_class_closure);
        if needs_classdict {
            self.op(Opcode::LoadLocals, loc);
            let i = self.u().cellvars.add("__classdict__");
            self.emit(Opcode::StoreDeref, i, loc);
        }
        self.body(&s.body, loc)?;
        let attributes = self
            .u()
            .static_attributes
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|a| Constant::Str(a.into()))
            .collect();
        self.load_const(Constant::Tuple(attributes), Loc::NONE);
        self.name_op("__static_attributes__", ExprContext::Store, Loc::NONE)?;
        if needs_classdict {
            let i = self.u().cellvars.add("__classdict__");
            self.emit(Opcode::LoadClosure, i, Loc::NONE);
            self.name_op("__classdictcell__", ExprContext::Store, Loc::NONE)?;
        }
        if needs_class_closure {
            let i = self.u().cellvars.add("__class__");
            self.emit(Opcode::LoadClosure, i, Loc::NONE);
            self.emit(Opcode::Copy, 1, Loc::NONE);
            self.name_op("__classcell__", ExprContext::Store, Loc::NONE)?;
        } else {
            self.load_const(Constant::None, Loc::NONE);
        }
        self.op(Opcode::ReturnValue, Loc::NONE);
        let code = self.exit_scope(true)?;
        let loc = Loc::of(s.loc);
        self.op(Opcode::LoadBuildClass, loc);
        self.op(Opcode::PushNull, loc);
        self.make_closure(code, 0, loc)?;
        self.load_const(Constant::Str(s.name.to_string()), loc);
        Ok(())
    }

    pub(super) fn type_alias(&mut self, s: &'a molt_ast::TypeAlias) -> CResult {
        let loc = Loc::of(s.loc);
        let Expr::Name(name) = &*s.name else {
            return Err(self.error("a type alias's name must be a name", loc));
        };
        let generic = !s.type_params.is_empty();
        if generic {
            let table =
                self.table_for(BlockKey::of(&s.type_params, TableKind::TypeParameters), loc)?;
            let private = self.unit().private.clone();
            self.enter_scope(
                &format!("<generic parameters of {}>", name.id),
                ScopeType::TypeParams,
                table,
                s.loc.lineno,
                private,
            );
            self.load_const(Constant::Str(name.id.to_string()), loc);
            self.type_params(&s.type_params)?;
        } else {
            self.load_const(Constant::Str(name.id.to_string()), loc);
            self.load_const(Constant::None, loc);
        }
        // The value is evaluated lazily, by a function of its own.
        let table = self.table_for(BlockKey::of(s, TableKind::TypeAlias), loc)?;
        let private = self.unit().private.clone();
        self.enter_scope(&name.id, ScopeType::Function, table, s.loc.lineno, private);
        self.add_const(Constant::None);
        self.expr(&s.value)?;
        self.op(Opcode::ReturnValue, loc);
        let code = self.exit_scope(false)?;
        self.make_closure(code, 0, loc)?;
        self.emit(Opcode::BuildTuple, 3, loc);
        self.emit(Opcode::CallIntrinsic1, INTRINSIC_TYPEALIAS, loc);
        if generic {
            self.op(Opcode::ReturnValue, loc);
            let code = self.exit_scope(false)?;
            self.make_closure(code, 0, loc)?;
            self.op(Opcode::PushNull, loc);
            self.emit(Opcode::Call, 0, loc);
        }
        self.name_op(&name.id, ExprContext::Store, loc)
    }

    /// `compiler_type_params`: make each type parameter, bind it, and
    /// leave the tuple of them on the stack.
    fn type_params(&mut self, params: &'a [TypeParam]) -> CResult {
        let mut seen_default = false;
        for tp in params {
            let (name, loc, default) = match tp {
                TypeParam::TypeVar(t) => (&t.name, Loc::of(t.loc), t.default_value.as_deref()),
                TypeParam::ParamSpec(p) => (&p.name, Loc::of(p.loc), p.default_value.as_deref()),
                TypeParam::TypeVarTuple(t) => (&t.name, Loc::of(t.loc), t.default_value.as_deref()),
            };
            self.load_const(Constant::Str(name.to_string()), loc);
            match tp {
                TypeParam::TypeVar(t) => match t.bound.as_deref() {
                    Some(bound) => {
                        self.bound_or_default(
                            bound,
                            name,
                            BlockKey::of(tp, TableKind::TypeVariable),
                            false,
                        )?;
                        let intrinsic = if matches!(bound, Expr::Tuple(_)) {
                            INTRINSIC_TYPEVAR_WITH_CONSTRAINTS
                        } else {
                            INTRINSIC_TYPEVAR_WITH_BOUND
                        };
                        self.emit(Opcode::CallIntrinsic2, intrinsic, loc);
                    }
                    None => self.emit(Opcode::CallIntrinsic1, INTRINSIC_TYPEVAR, loc),
                },
                TypeParam::ParamSpec(_) => {
                    self.emit(Opcode::CallIntrinsic1, INTRINSIC_PARAMSPEC, loc)
                }
                TypeParam::TypeVarTuple(_) => {
                    self.emit(Opcode::CallIntrinsic1, INTRINSIC_TYPEVARTUPLE, loc)
                }
            }
            match default {
                Some(d) => {
                    seen_default = true;
                    let starred = matches!(tp, TypeParam::TypeVarTuple(_));
                    self.bound_or_default(d, name, BlockKey::default_of(tp), starred)?;
                    self.emit(Opcode::CallIntrinsic2, INTRINSIC_SET_TYPEPARAM_DEFAULT, loc);
                }
                None if seen_default => {
                    return Err(self.error(
                        format!(
                            "non-default type parameter '{name}' follows default type parameter"
                        ),
                        loc,
                    ));
                }
                None => {}
            }
            self.emit(Opcode::Copy, 1, loc);
            self.name_op(name, ExprContext::Store, loc)?;
        }
        let first = match &params[0] {
            TypeParam::TypeVar(t) => t.loc,
            TypeParam::ParamSpec(p) => p.loc,
            TypeParam::TypeVarTuple(t) => t.loc,
        };
        self.emit(Opcode::BuildTuple, params.len() as u32, Loc::of(first));
        Ok(())
    }

    /// A type parameter's bound, constraints or default, evaluated lazily
    /// by a function of its own.
    fn bound_or_default(
        &mut self,
        e: &'a Expr,
        name: &str,
        key: BlockKey,
        allow_starred: bool,
    ) -> CResult {
        let eloc = Loc::of(e.loc());
        let table = self.table_for(key, eloc)?;
        let private = self.unit().private.clone();
        self.enter_scope(
            name,
            ScopeType::TypeParams,
            table,
            eloc.lineno as u32,
            private,
        );
        match e {
            Expr::Starred(s) if allow_starred => {
                self.expr(&s.value)?;
                self.emit(Opcode::UnpackSequence, 1, eloc);
            }
            _ => self.expr(e)?,
        }
        self.op(Opcode::ReturnValue, eloc);
        let code = self.exit_scope(true)?;
        self.make_closure(code, 0, eloc)
    }

    /// `compiler_default_arguments`: push the defaults tuple and the
    /// keyword-only defaults dict; the `MAKE_FUNCTION` flags they need.
    fn default_arguments(&mut self, args: &'a Arguments, loc: Loc) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.expr(d)?;
            }
            self.emit(Opcode::BuildTuple, args.defaults.len() as u32, loc);
            flags |= MAKE_FUNCTION_DEFAULTS;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(default) = default {
                keys.push(Constant::Str(self.mangle(&arg.arg).into()));
                self.expr(default)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys), loc);
            self.emit(Opcode::BuildConstKeyMap, n, loc);
            flags |= MAKE_FUNCTION_KWDEFAULTS;
        }
        Ok(flags)
    }

    /// `compiler_visit_annotations`: name/annotation pairs as a flat
    /// tuple; whether there were any.
    fn annotations(
        &mut self,
        args: &'a Arguments,
        returns: Option<&'a Expr>,
        loc: Loc,
    ) -> CResult<bool> {
        let mut n = 0;
        let mut one = |c: &mut Self, name: &str, ann: Option<&'a Expr>| -> CResult {
            let Some(ann) = ann else {
                return Ok(());
            };
            let mangled = c.mangle(name);
            c.load_const(Constant::Str(mangled.into()), loc);
            if c.future.annotations {
                c.load_const(
                    Constant::Str(molt_ast::unparse_expr(ann)),
                    Loc::of(ann.loc()),
                );
            } else if let Expr::Starred(s) = ann {
                c.expr(&s.value)?;
                c.emit(Opcode::UnpackSequence, 1, loc);
            } else {
                c.expr(ann)?;
            }
            n += 2;
            Ok(())
        };
        for a in args.args.iter().chain(&args.posonlyargs) {
            one(self, &a.arg, a.annotation.as_deref())?;
        }
        if let Some(a) = &args.vararg {
            one(self, &a.arg, a.annotation.as_deref())?;
        }
        for a in &args.kwonlyargs {
            one(self, &a.arg, a.annotation.as_deref())?;
        }
        if let Some(a) = &args.kwarg {
            one(self, &a.arg, a.annotation.as_deref())?;
        }
        one(self, "return", returns)?;
        if n > 0 {
            self.emit(Opcode::BuildTuple, n, loc);
        }
        Ok(n > 0)
    }

    /// A parameter cannot be called `__debug__`.
    fn check_debug_args(&self, args: &Arguments) -> CResult {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(args.vararg.as_deref())
            .chain(&args.kwonlyargs)
            .chain(args.kwarg.as_deref());
        for a in all {
            if a.arg == "__debug__" {
                return Err(self.error("cannot assign to __debug__", Loc::of(a.loc)));
            }
        }
        Ok(())
    }

    fn apply_decorators(&mut self, decorators: &[Expr]) {
        for d in decorators.iter().rev() {
            self.emit(Opcode::Call, 0, Loc::of(d.loc()));
        }
    }

    /// `compiler_make_closure`: the function object for a nested code
    /// object, with its closure cells when it has free variables.
    pub(super) fn make_closure(&mut self, code: CodeObject, flags: u32, loc: Loc) -> CResult {
        let mut flags = flags;
        let frees: Vec<String> = code.freevars().into_iter().map(String::from).collect();
        if !frees.is_empty() {
            for name in &frees {
                let is_cell = self.unit().scope_type == ScopeType::Class
                    && (name == "__class__" || name == "__classdict__")
                    || self.symbol_of(name).and_then(|s| s.scope) == Some(Scope::Cell);
                let arg = if is_cell {
                    self.unit().cellvars.get(name)
                } else {
                    self.unit().freevars.get(name)
                };
                let Some(arg) = arg else {
                    return Err(
                        self.error(format!("compiler_lookup_arg(name={name:?}) failed"), loc)
                    );
                };
                self.emit(Opcode::LoadClosure, arg, loc);
            }
            flags |= MAKE_FUNCTION_CLOSURE;
            self.emit(Opcode::BuildTuple, frees.len() as u32, loc);
        }
        self.load_const(code_const(code), loc);
        self.op(Opcode::MakeFunction, loc);
        for flag in [
            MAKE_FUNCTION_CLOSURE,
            MAKE_FUNCTION_ANNOTATIONS,
            MAKE_FUNCTION_KWDEFAULTS,
            MAKE_FUNCTION_DEFAULTS,
        ] {
            if flags & flag != 0 {
                self.emit(Opcode::SetFunctionAttribute, flag, loc);
            }
        }
        Ok(())
    }
}
