//! Code generation: each scope of the AST becomes an instruction sequence,
//! as CPython 3.13's `Python/compile.c` emits it, which `flowgraph`
//! optimizes and `assemble` turns into a code object.
//!
//! The compiler keeps a stack of units, one per scope being compiled
//! (module, class, function, lambda, generator expression, type parameter
//! scope); a nested scope is compiled to a code object when its definition
//! is reached and becomes a constant of its parent. A file per part of the
//! language: `stmt`, `expr`, `call`, `function` (defs, lambdas, classes,
//! type parameters), `comprehension`, `exceptions` (try, with, and the
//! unwinding of `return`/`break`/`continue`), `pattern` (match).

mod call;
mod comprehension;
mod exceptions;
mod expr;
mod function;
mod pattern;
mod stmt;

use crate::code::CodeObject;
use crate::constant::Constant;
use crate::fold::Folded;
use crate::future::Future;
use crate::instr::{InstrSeq, Label, Loc};
use crate::opcode::*;
use crate::ordered::OrderedNames;
use crate::pool::ConstPool;
use crate::symtable::{Scope, SymbolTable, TableId, TableKind};
use crate::timings::{Stage, timed};
use crate::{CompileError, Ident};
use molt_ast::{Expr, ExprContext, Mod, Stmt};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;
use std::sync::Arc;

/// `STACK_USE_GUIDELINE`: above this many stack items, displays and calls
/// are built piecewise.
const STACK_USE_GUIDELINE: usize = 30;

/// `CO_MAXBLOCKS`: how deeply loops, `try` and `with` may nest.
const CO_MAXBLOCKS: usize = 21;

/// Compile a module (`exec` mode) to its code object, as
/// `compile(source, filename, "exec")` does.
pub fn compile_module(module: &Mod, filename: &str) -> Result<CodeObject, CompileError> {
    let future = timed(Stage::Future, || Future::of(module))?;
    let folded = timed(Stage::Fold, || Folded::of(module));
    let symtable = timed(Stage::Symtable, || SymbolTable::build(module, filename))?;
    let mut c = Compiler {
        filename: filename.to_string(),
        symtable: &symtable,
        future,
        folded: &folded,
        units: Vec::new(),
        interactive: matches!(module, Mod::Interactive(_)),
        cfg: Default::default(),
        spare_seqs: Vec::new(),
    };
    timed(Stage::CodeUnits, || c.compile_mod(module))
}

/// The kind of a unit, which decides its code flags and how it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeType {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    TypeParams,
}

/// What a frame block is (CPython's `fblocktype`): the statements that
/// `break`, `continue` and `return` must unwind through.
#[derive(Debug, Clone)]
enum FBlockKind<'a> {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    With,
    AsyncWith,
    /// An `except` handler's body; the name it binds, if any.
    HandlerCleanup(Option<Ident>),
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
    StopIteration,
}

#[derive(Debug, Clone)]
struct FBlock<'a> {
    kind: FBlockKind<'a>,
    block: Option<Label>,
    exit: Option<Label>,
    loc: Loc,
}

/// An insertion-ordered set of names, as the compiler's dicts are.
#[derive(Debug, Default, Clone)]
struct Names {
    list: OrderedNames<()>,
    /// Added to every index (free variables come after the cells).
    offset: u32,
}

impl Names {
    fn add(&mut self, name: &str) -> u32 {
        self.offset + self.list.insert(name, ()) as u32
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.list.position(name).map(|i| self.offset + i as u32)
    }

    fn len(&self) -> usize {
        self.list.len()
    }

    fn from_sorted(names: impl IntoIterator<Item = Ident>, offset: u32) -> Names {
        let mut sorted: Vec<Ident> = names.into_iter().collect();
        sorted.sort();
        let mut out = Names {
            offset,
            ..Names::default()
        };
        for name in sorted {
            out.add(&name);
        }
        out
    }
}

/// The state of one scope being compiled (`compiler_unit` and its
/// metadata).
struct Unit<'a> {
    table: TableId,
    scope_type: ScopeType,
    /// The class whose private names are mangled here.
    private: Option<Ident>,
    seq: InstrSeq,
    fblocks: Vec<FBlock<'a>>,
    in_inlined_comp: u32,
    /// `self.X = ...` targets seen in the methods of a class unit.
    static_attributes: Option<BTreeSet<Ident>>,
    consts: ConstPool,
    names: Names,
    varnames: Names,
    cellvars: Names,
    freevars: Names,
    /// Names of inlined comprehensions that are fast locals here, though
    /// the scope is not function-like (`u_fasthidden`).
    fasthidden: FxHashMap<Ident, bool>,
    /// Symbols an inlined comprehension gives a meaning of its own while
    /// it is compiled.
    overrides: comprehension::Overrides,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    name: String,
    qualname: String,
    firstlineno: u32,
}

struct Compiler<'a> {
    filename: String,
    symtable: &'a SymbolTable,
    future: Future,
    folded: &'a Folded,
    units: Vec<Unit<'a>>,
    interactive: bool,
    /// The flow graph of the last unit made, whose storage the next reuses.
    cfg: crate::flowgraph::Cfg,
    /// Instruction lists of finished units, for the next ones (a unit's
    /// list would otherwise grow from empty by doubling).
    spare_seqs: Vec<InstrSeq>,
}

type CResult<T = ()> = Result<T, CompileError>;

impl<'a> Compiler<'a> {
    fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is open")
    }

    fn unit(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is open")
    }

    fn table(&self) -> &'a crate::symtable::Table {
        self.symtable.table(self.unit().table)
    }

    fn error(&self, message: impl Into<String>, loc: Loc) -> CompileError {
        CompileError::new(message, loc.to_ast())
    }

    // ---- emitting ----

    fn emit(&mut self, op: Opcode, arg: u32, loc: Loc) {
        self.u().seq.push(op, arg, loc);
    }

    fn op(&mut self, op: Opcode, loc: Loc) {
        self.emit(op, 0, loc);
    }

    fn jump(&mut self, op: Opcode, target: Label, loc: Loc) {
        self.emit(op, target.0, loc);
    }

    fn new_label(&mut self) -> Label {
        self.u().seq.new_label()
    }

    fn use_label(&mut self, label: Label) {
        self.u().seq.use_label(label);
    }

    /// The index of a constant in this unit, added when new.
    fn add_const(&mut self, value: Constant) -> u32 {
        self.u().consts.add(value)
    }

    fn load_const(&mut self, value: Constant, loc: Loc) {
        let i = self.add_const(value);
        self.emit(Opcode::LoadConst, i, loc);
    }

    /// An instruction whose argument is a name of `co_names` (mangled);
    /// the attribute and super pseudo-instructions are made real here, as
    /// CPython does when it emits them.
    fn op_name(&mut self, op: Opcode, name: &str, loc: Loc) {
        let mangled = self.mangle(name);
        let arg = self.u().names.add(&mangled);
        let (op, arg) = match op {
            Opcode::LoadAttr => (op, arg << 1),
            Opcode::LoadMethod => (Opcode::LoadAttr, (arg << 1) | 1),
            Opcode::LoadSuperAttr => (op, (arg << 2) | 2),
            Opcode::LoadSuperMethod => (Opcode::LoadSuperAttr, (arg << 2) | 3),
            Opcode::LoadZeroSuperAttr => (Opcode::LoadSuperAttr, arg << 2),
            Opcode::LoadZeroSuperMethod => (Opcode::LoadSuperAttr, (arg << 2) | 1),
            _ => (op, arg),
        };
        self.emit(op, arg, loc);
    }

    /// An instruction naming `name` in `co_names` without mangling.
    fn op_name_unmangled(&mut self, op: Opcode, name: &str, loc: Loc) {
        let arg = self.u().names.add(name);
        self.emit(op, arg, loc);
    }

    fn mangle(&self, name: &str) -> Ident {
        let unit = self.unit();
        Ident::from(
            self.symtable
                .mangle_in(unit.private.as_deref(), unit.table, name),
        )
    }

    // ---- frame blocks ----

    fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        block: Option<Label>,
        exit: Option<Label>,
        loc: Loc,
    ) -> CResult {
        if self.unit().fblocks.len() >= CO_MAXBLOCKS {
            return Err(self.error("too many statically nested blocks", loc));
        }
        self.u().fblocks.push(FBlock {
            kind,
            block,
            exit,
            loc,
        });
        Ok(())
    }

    fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    // ---- scopes ----

    fn enter_scope(
        &mut self,
        name: &str,
        scope_type: ScopeType,
        table: TableId,
        firstlineno: u32,
        private: Option<Ident>,
    ) {
        let t = self.symtable.table(table);
        let mut varnames = Names::default();
        for v in &t.varnames {
            varnames.add(v);
        }
        let mut cellvars = Names::from_sorted(
            t.symbols()
                .filter(|(_, s)| {
                    s.scope == Some(Scope::Cell) || s.flags & crate::symtable::DEF_COMP_CELL != 0
                })
                .map(|(n, _)| Ident::from(n)),
            0,
        );
        if t.needs_class_closure {
            cellvars.add("__class__");
        }
        if t.needs_classdict {
            cellvars.add("__classdict__");
        }
        let ncells = cellvars.len() as u32;
        let freevars = Names::from_sorted(
            t.symbols()
                .filter(|(_, s)| {
                    s.scope == Some(Scope::Free) || s.flags & crate::symtable::DEF_FREE_CLASS != 0
                })
                .map(|(n, _)| Ident::from(n)),
            ncells,
        );
        let qualname = self.qualname_for(name, scope_type);
        let unit = Unit {
            table,
            scope_type,
            private,
            seq: self.spare_seqs.pop().unwrap_or_default(),
            fblocks: Vec::new(),
            in_inlined_comp: 0,
            static_attributes: (scope_type == ScopeType::Class).then(BTreeSet::new),
            consts: ConstPool::default(),
            names: Names::default(),
            varnames,
            cellvars,
            freevars,
            fasthidden: FxHashMap::default(),
            overrides: FxHashMap::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            name: name.to_string(),
            qualname,
            firstlineno,
        };
        self.units.push(unit);
        // A RESUME spans its unit's first line; a module's starts on line 0
        // (CPython changes only the start line: `co_positions()` shows it).
        let line = firstlineno as i32;
        let start = if scope_type == ScopeType::Module {
            0
        } else {
            line
        };
        let loc = Loc::new(start, line, 0, 0);
        self.emit(Opcode::Resume, 0, loc);
    }

    /// `compiler_set_qualname`: the dotted path of a scope from the module,
    /// with `<locals>` after function scopes.
    fn qualname_for(&self, name: &str, scope_type: ScopeType) -> String {
        // The enclosing unit, skipping type parameter scopes.
        let mut parents = self.units.iter().rev();
        let Some(mut parent) = parents.next() else {
            return name.to_string();
        };
        if parent.scope_type == ScopeType::TypeParams {
            match parents.next() {
                Some(p) => parent = p,
                None => return name.to_string(),
            }
        }
        if parent.scope_type == ScopeType::Module {
            return name.to_string();
        }
        if matches!(
            scope_type,
            ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Class
        ) {
            let mangled = self
                .symtable
                .mangle_in(parent.private.as_deref(), parent.table, name)
                .into_owned();
            let scope = self.symtable.table(parent.table).scope_of(&mangled);
            if scope == Some(Scope::GlobalExplicit) {
                return name.to_string();
            }
        }
        match parent.scope_type {
            ScopeType::Function | ScopeType::AsyncFunction | ScopeType::Lambda => {
                format!("{}.<locals>.{name}", parent.qualname)
            }
            _ => format!("{}.{name}", parent.qualname),
        }
    }

    /// Finish the current unit: optimize, assemble, and pop it. Every
    /// path that falls off the end returns (`None` when `add_none`, the
    /// value on the stack otherwise).
    fn exit_scope(&mut self, add_none: bool) -> CResult<CodeObject> {
        if add_none {
            self.load_const(Constant::None, Loc::NONE);
        }
        self.op(Opcode::ReturnValue, Loc::NONE);
        let unit = self.units.pop().expect("a unit is open");
        let table = self.symtable.table(unit.table);
        let flags = self.code_flags(&unit, table);
        let mut seq = unit.seq;
        let code = crate::assemble::make_code(
            crate::assemble::UnitCode {
                consts: unit.consts,
                names: unit.names.list.into_names(),
                varnames: unit.varnames.list.into_names(),
                cellvars: unit.cellvars.list.into_names(),
                freevars: unit.freevars.list.into_names(),
                fasthidden: unit.fasthidden.into_keys().collect(),
                nparams: table.varnames.len(),
                argcount: unit.argcount,
                posonlyargcount: unit.posonlyargcount,
                kwonlyargcount: unit.kwonlyargcount,
                name: unit.name,
                qualname: unit.qualname,
                firstlineno: unit.firstlineno,
                flags,
            },
            &seq,
            &self.filename,
            &mut self.cfg,
        );
        seq.clear();
        self.spare_seqs.push(seq);
        Ok(code)
    }

    /// `compute_code_flags`.
    fn code_flags(&self, unit: &Unit, table: &crate::symtable::Table) -> u32 {
        let mut flags = 0;
        if table.is_function_like() {
            flags |= CO_NEWLOCALS | CO_OPTIMIZED;
            if table.nested {
                flags |= CO_NESTED;
            }
            if table.generator && !table.coroutine {
                flags |= CO_GENERATOR;
            }
            if !table.generator && table.coroutine {
                flags |= CO_COROUTINE;
            }
            if table.generator && table.coroutine {
                flags |= CO_ASYNC_GENERATOR;
            }
            if table.varargs {
                flags |= CO_VARARGS;
            }
            if table.varkeywords {
                flags |= CO_VARKEYWORDS;
            }
        }
        if unit.scope_type == ScopeType::Comprehension && table.coroutine {
            // An async generator expression.
            flags |= CO_ASYNC_GENERATOR;
        }
        flags | self.future.code_flags()
    }

    // ---- the module ----

    fn compile_mod(&mut self, module: &'a Mod) -> CResult<CodeObject> {
        let top = self.symtable.top();
        self.enter_scope("<module>", ScopeType::Module, top, 1, None);
        match module {
            Mod::Module(m) => {
                let start = m
                    .body
                    .first()
                    .map_or(Loc::new(1, 1, 0, 0), |s| Loc::of(s.loc()));
                self.body(&m.body, start)?;
                self.exit_scope(true)
            }
            Mod::Interactive(m) => {
                if find_ann(&m.body) {
                    self.op(Opcode::SetupAnnotations, Loc::NONE);
                }
                self.stmts(&m.body)?;
                self.exit_scope(true)
            }
            Mod::Expression(e) => {
                self.expr(&e.body)?;
                self.exit_scope(false)
            }
            Mod::FunctionType(_) => Err(self.error("cannot compile a function type", Loc::NONE)),
        }
    }

    /// `compiler_body`: a module's or class's statements, with
    /// `SETUP_ANNOTATIONS` when any statement annotates a name, and the
    /// docstring (cleaned as `inspect.cleandoc` does) stored in `__doc__`.
    fn body(&mut self, stmts: &'a [Stmt], loc: Loc) -> CResult {
        if find_ann(stmts) {
            self.op(Opcode::SetupAnnotations, loc);
        }
        let mut rest = stmts;
        if !self.interactive
            && let Some(doc) = docstring(stmts)?
        {
            let Stmt::Expr(first) = &stmts[0] else {
                unreachable!("a docstring is an expression statement")
            };
            self.load_const(Constant::Str(clean_doc(doc)), Loc::of(first.value.loc()));
            self.name_op("__doc__", ExprContext::Store, Loc::NONE)?;
            rest = &stmts[1..];
        }
        self.stmts(rest)
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) -> CResult {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    // ---- names ----

    /// `compiler_nameop`: load, store or delete a name where the symbol
    /// table says it lives.
    fn name_op(&mut self, name: &str, ctx: ExprContext, loc: Loc) -> CResult {
        let mangled = self.mangle(name);
        let table = self.table();
        let scope = self.symbol_of(&mangled).and_then(|s| s.scope);
        let function_like = table.is_function_like();
        #[derive(PartialEq)]
        enum Kind {
            Deref,
            Fast,
            Global,
            Name,
        }
        let kind = match scope {
            Some(Scope::Free) | Some(Scope::Cell) => Kind::Deref,
            Some(Scope::Local)
                if function_like || self.unit().fasthidden.get(&mangled).copied() == Some(true) =>
            {
                Kind::Fast
            }
            // Inside an inlined comprehension in a class, names the
            // comprehension does not bind skip the class namespace.
            Some(Scope::GlobalImplicit)
                if function_like
                    || (table.kind == TableKind::Class && self.unit().in_inlined_comp > 0) =>
            {
                Kind::Global
            }
            Some(Scope::GlobalExplicit) => Kind::Global,
            _ => Kind::Name,
        };
        match kind {
            Kind::Deref => {
                let arg = if scope == Some(Scope::Free) {
                    self.u().freevars.add(&mangled)
                } else {
                    self.u().cellvars.add(&mangled)
                };
                let op = match ctx {
                    ExprContext::Load => {
                        if table.kind == TableKind::Class && self.unit().in_inlined_comp == 0 {
                            self.op(Opcode::LoadLocals, loc);
                            Opcode::LoadFromDictOrDeref
                        } else if table.can_see_class_scope {
                            self.load_classdict(loc);
                            Opcode::LoadFromDictOrDeref
                        } else {
                            Opcode::LoadDeref
                        }
                    }
                    ExprContext::Store => Opcode::StoreDeref,
                    ExprContext::Del => Opcode::DeleteDeref,
                };
                self.emit(op, arg, loc);
            }
            Kind::Fast => {
                let arg = self.u().varnames.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LoadFast,
                    ExprContext::Store => Opcode::StoreFast,
                    ExprContext::Del => Opcode::DeleteFast,
                };
                self.emit(op, arg, loc);
            }
            Kind::Global => {
                let arg = self.u().names.add(&mangled);
                match ctx {
                    ExprContext::Load => {
                        if table.can_see_class_scope && scope == Some(Scope::GlobalImplicit) {
                            self.load_classdict(loc);
                            self.emit(Opcode::LoadFromDictOrGlobals, arg, loc);
                        } else {
                            self.emit(Opcode::LoadGlobal, arg << 1, loc);
                        }
                    }
                    ExprContext::Store => self.emit(Opcode::StoreGlobal, arg, loc),
                    ExprContext::Del => self.emit(Opcode::DeleteGlobal, arg, loc),
                }
            }
            Kind::Name => {
                let arg = self.u().names.add(&mangled);
                let op = match ctx {
                    ExprContext::Load => Opcode::LoadName,
                    ExprContext::Store => Opcode::StoreName,
                    ExprContext::Del => Opcode::DeleteName,
                };
                self.emit(op, arg, loc);
            }
        }
        Ok(())
    }

    /// `LOAD_DEREF __classdict__`, for scopes that can see a class's names.
    fn load_classdict(&mut self, loc: Loc) {
        let arg = match self.unit().freevars.get("__classdict__") {
            Some(i) => i,
            None => self.u().cellvars.add("__classdict__"),
        };
        self.emit(Opcode::LoadDeref, arg, loc);
    }
}

/// The docstring of a body, if its first statement is a string literal.
/// One with lone surrogates is refused, as CPython refuses it: cleaning a
/// docstring encodes it to UTF-8 first.
fn docstring(stmts: &[Stmt]) -> CResult<Option<&str>> {
    let Some(Stmt::Expr(e)) = stmts.first() else {
        return Ok(None);
    };
    match &*e.value {
        Expr::Constant(c) => match &c.value {
            molt_ast::Value::Str(s) => Ok(Some(s)),
            molt_ast::Value::StrWithSurrogates(points) => {
                Err(CompileError::unencodable(points, c.loc))
            }
            _ => Ok(None),
        },
        _ => Ok(None),
    }
}

/// `find_ann`: whether a body annotates a simple name anywhere CPython
/// looks (into compound statements, not into nested scopes).
fn find_ann(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::AsyncFor(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || find_ann(&i.orelse),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::AsyncWith(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            t.handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(&t.body)
                || find_ann(&t.finalbody)
                || find_ann(&t.orelse)
        }
        Stmt::TryStar(t) => {
            t.handlers.iter().any(|h| find_ann(&h.body))
                || find_ann(&t.body)
                || find_ann(&t.finalbody)
                || find_ann(&t.orelse)
        }
        Stmt::Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

/// A code object as a constant of its parent.
fn code_const(code: CodeObject) -> Constant {
    Constant::Code(Arc::new(code))
}

/// `_PyCompile_CleanDoc`: tabs expanded, the first line's leading spaces
/// removed, and the common indentation of the other lines.
pub(crate) fn clean_doc(doc: &str) -> String {
    let doc = expand_tabs(doc);
    let mut lines = doc.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    let margin = rest
        .iter()
        .filter_map(|line| {
            let body = line.trim_start_matches(' ');
            (!body.is_empty() && !body.starts_with('\n')).then(|| line.len() - body.len())
        })
        .min()
        .unwrap_or(0);
    let mut out = first.trim_start_matches(' ').to_string();
    for line in rest {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        out.push_str(&line[spaces.min(margin)..]);
    }
    out
}

/// `str.expandtabs()` with tab stops every 8 columns.
fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut column = 0;
    for ch in s.chars() {
        match ch {
            '\t' => {
                let spaces = 8 - column % 8;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' | '\r' => {
                out.push(ch);
                column = 0;
            }
            _ => {
                out.push(ch);
                column += 1;
            }
        }
    }
    out
}
