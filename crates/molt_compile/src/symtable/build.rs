//! The first pass (`symtable_visit_*`): walk the AST in CPython's order,
//! open a table per scope and record what each name is in it. The order
//! matters: it is the order of each table's symbols and children, and the
//! first offending node is the one an error names.

use super::{
    BlockKey, Comprehension, DEF_ANNOT, DEF_COMP_ITER, DEF_GLOBAL, DEF_IMPORT, DEF_LOCAL,
    DEF_NONLOCAL, DEF_PARAM, DEF_TYPE_PARAM, Symbol, SymbolTable, Table, TableKind, USE,
    maybe_mangle,
};
use crate::CompileError;
use crate::Ident;

mod comprehension;

use comprehension::Comp;
use molt_ast::{
    Alias, Arg, Arguments, ExceptHandler, Expr, Location, Mod, Node, Pattern, Stmt, TypeParam,
    Withitem,
};
use rustc_hash::{FxHashMap, FxHashSet};

type Result<T> = std::result::Result<T, CompileError>;

/// Both passes' input: the tables of the first pass, not yet analyzed.
pub(super) fn build(module: &Mod) -> Result<SymbolTable> {
    let future_annotations = crate::future::Future::of(module)?.annotations;
    let mut b = Builder {
        tables: Vec::new(),
        blocks: FxHashMap::default(),
        mangled_sets: Vec::new(),
        stack: Vec::new(),
        private: None,
        future_annotations,
        depth: 0,
    };
    b.enter_block(
        "top",
        TableKind::Module,
        BlockKey::of(module, TableKind::Module),
        Location::default(),
    );
    match module {
        Mod::Module(m) => b.visit_stmts(&m.body)?,
        Mod::Interactive(m) => b.visit_stmts(&m.body)?,
        Mod::Expression(m) => b.visit_expr(&m.body)?,
        Mod::FunctionType(_) => {
            return Err(CompileError::new(
                "this compiler does not handle FunctionTypes",
                Location::default(),
            ));
        }
    }
    b.exit_block();
    Ok(SymbolTable {
        tables: b.tables,
        blocks: b.blocks,
        mangled_sets: b.mangled_sets,
        future_annotations,
    })
}

fn loc_of(node: &dyn Node) -> Location {
    node.location().unwrap_or_default()
}

/// The state of the first pass: the tables so far and the stack of open
/// ones (CPython's `st_stack`, `st_cur`, `st_private`).
struct Builder {
    tables: Vec<Table>,
    blocks: FxHashMap<BlockKey, super::TableId>,
    mangled_sets: Vec<FxHashSet<Ident>>,
    stack: Vec<usize>,
    /// The name of the class whose private names are mangled.
    private: Option<Ident>,
    future_annotations: bool,
    /// Statements, expressions, patterns and type parameters being visited.
    depth: u32,
}

/// The deepest nesting of nodes CPython 3.13's `symtable.symtable` visits
/// (its C recursion limit, less the frames of the call itself).
const MAX_DEPTH: u32 = 9997;

impl Builder {
    fn cur(&self) -> usize {
        *self.stack.last().expect("a block is open")
    }

    fn cur_mut(&mut self) -> &mut Table {
        let cur = self.cur();
        &mut self.tables[cur]
    }

    fn enter_block(&mut self, name: &str, kind: TableKind, key: BlockKey, location: Location) {
        let prev = self.stack.last().copied();
        let mut table = Table::new(kind, name, location);
        if let Some(p) = prev {
            let prev = &self.tables[p];
            table.nested = prev.nested || prev.is_function_like();
            // bpo-37757: no assignment expression anywhere inside the
            // outermost iterable of a comprehension.
            table.comp_iter_expr = prev.comp_iter_expr;
            // Classes mangle every private name: no set to inherit.
            if kind != TableKind::Class {
                table.mangled_names = prev.mangled_names;
            }
        }
        let id = self.tables.len();
        self.tables.push(table);
        self.blocks.insert(key, super::TableId(id));
        self.stack.push(id);
        // Annotation blocks are never compiled: not anyone's child.
        if kind != TableKind::Annotation
            && let Some(p) = prev
        {
            self.tables[p].children.push(super::TableId(id));
        }
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    fn mangle<'a>(&self, name: &'a str) -> std::borrow::Cow<'a, str> {
        let set = self.tables[self.cur()]
            .mangled_names
            .map(|i| &self.mangled_sets[i]);
        maybe_mangle(self.private.as_deref(), set, name)
    }

    /// `symtable_add_def`: record `flag` for `name` in the current table.
    fn add_def(&mut self, name: &str, flag: u32, loc: Location) -> Result<()> {
        if flag & DEF_TYPE_PARAM != 0
            && let Some(set) = self.tables[self.cur()].mangled_names
        {
            self.mangled_sets[set].insert(Ident::from(name));
        }
        self.add_def_in(name, flag, self.cur(), loc)
    }

    /// `symtable_add_def_helper`: record `flag` for `name` in table `ste`
    /// (an enclosing one for a named expression in a comprehension).
    fn add_def_in(&mut self, name: &str, flag: u32, ste: usize, loc: Location) -> Result<()> {
        let mangled = Ident::from(self.mangle(name));
        let table = &mut self.tables[ste];
        let position = table.symbols.position(&mangled);
        let mut val = match position.map(|i| table.symbols.at(i)) {
            Some(sym) => {
                if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
                    return Err(CompileError::new(
                        format!("duplicate argument '{name}' in function definition"),
                        loc,
                    ));
                }
                if flag & DEF_TYPE_PARAM != 0 && sym.flags & DEF_TYPE_PARAM != 0 {
                    return Err(CompileError::new(
                        format!("duplicate type parameter '{name}'"),
                        loc,
                    ));
                }
                sym.flags | flag
            }
            None => flag,
        };
        if table.comp_iter_target {
            // An iteration variable of a comprehension: it may not be a
            // named expression's target too.
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(CompileError::new(
                    format!(
                        "comprehension inner loop cannot rebind assignment expression target '{name}'"
                    ),
                    loc,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        let symbol = Symbol {
            flags: val,
            scope: None,
        };
        match position {
            Some(i) => *table.symbols.at_mut(i) = symbol,
            None => table.set(&mangled, symbol),
        }
        if flag & DEF_PARAM != 0 {
            table.varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let module = &mut self.tables[0];
            let flags = flag | module.flags(&mangled);
            module.set(&mangled, Symbol { flags, scope: None });
        }
        Ok(())
    }

    /// `symtable_lookup`: a name's flags so far in the current table.
    fn lookup(&self, name: &str) -> u32 {
        self.lookup_in(self.cur(), name)
    }

    /// `symtable_lookup_entry`: a name's flags so far in table `ste`,
    /// mangled as that table mangles.
    fn lookup_in(&self, ste: usize, name: &str) -> u32 {
        let set = self.tables[ste]
            .mangled_names
            .map(|i| &self.mangled_sets[i]);
        let mangled = maybe_mangle(self.private.as_deref(), set, name);
        self.tables[ste].flags(&mangled)
    }

    fn record_directive(&mut self, name: &str, loc: Location) {
        let mangled = Ident::from(self.mangle(name));
        self.cur_mut().directives.push((mangled, loc));
    }

    /// The type parameter scope of a generic def, class or type alias,
    /// with its implicit names.
    fn enter_type_param_block(
        &mut self,
        name: &str,
        key: BlockKey,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
        loc: Location,
    ) -> Result<()> {
        let current = self.tables[self.cur()].kind;
        self.enter_block(name, TableKind::TypeParameters, key, loc);
        if current == TableKind::Class {
            self.cur_mut().can_see_class_scope = true;
            self.add_def("__classdict__", USE, loc)?;
        }
        if is_class {
            // Set when the tuple of type parameters is made, used when
            // the bases are.
            self.add_def(".type_params", DEF_LOCAL, loc)?;
            self.add_def(".type_params", USE, loc)?;
            // The `Generic[...]` base.
            self.add_def(".generic_base", DEF_LOCAL, loc)?;
            self.add_def(".generic_base", USE, loc)?;
        }
        if has_defaults {
            self.add_def(".defaults", DEF_PARAM, loc)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", DEF_PARAM, loc)?;
        }
        Ok(())
    }

    /// One level deeper into the tree: CPython's compiler refuses to
    /// recurse beyond its C recursion limit (a `RecursionError`).
    fn descend(&mut self, loc: Option<Location>) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CompileError::too_deep(loc.unwrap_or_default()));
        }
        Ok(())
    }

    fn visit_stmts(&mut self, stmts: &[Stmt]) -> Result<()> {
        stmts.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> Result<()> {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_opt(&mut self, expr: &Option<Box<Expr>>) -> Result<()> {
        match expr {
            Some(e) => self.visit_expr(e),
            None => Ok(()),
        }
    }

    fn visit_stmt(&mut self, s: &Stmt) -> Result<()> {
        self.descend(Some(s.loc()))?;
        self.visit_stmt_here(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_here(&mut self, s: &Stmt) -> Result<()> {
        match s {
            Stmt::FunctionDef(f) => self.visit_def(Def {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: &f.returns,
                type_params: &f.type_params,
                loc: f.loc,
                function_key: BlockKey::of(f, TableKind::Function),
                annotation_key: BlockKey::of(f, TableKind::Annotation),
                is_async: false,
            }),
            Stmt::AsyncFunctionDef(f) => self.visit_def(Def {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: &f.returns,
                type_params: &f.type_params,
                loc: f.loc,
                function_key: BlockKey::of(f, TableKind::Function),
                annotation_key: BlockKey::of(f, TableKind::Annotation),
                is_async: true,
            }),
            Stmt::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, c.loc)?;
                self.visit_exprs(&c.decorator_list)?;
                let saved = self.private.clone();
                let generic = !c.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        &c.name,
                        BlockKey::of(&c.type_params, TableKind::TypeParameters),
                        false,
                        false,
                        true,
                        c.loc,
                    )?;
                    self.private = Some(c.name.clone());
                    // Only the type parameters are mangled in this scope
                    // and the scopes inside it (but the class body).
                    self.mangled_sets.push(FxHashSet::default());
                    self.cur_mut().mangled_names = Some(self.mangled_sets.len() - 1);
                    c.type_params
                        .iter()
                        .try_for_each(|tp| self.visit_type_param(tp))?;
                }
                self.visit_exprs(&c.bases)?;
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.enter_block(
                    &c.name,
                    TableKind::Class,
                    BlockKey::of(c, TableKind::Class),
                    c.loc,
                );
                self.private = Some(c.name.clone());
                if generic {
                    self.add_def("__type_params__", DEF_LOCAL, c.loc)?;
                    self.add_def(".type_params", USE, c.loc)?;
                }
                self.visit_stmts(&c.body)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                self.private = saved;
                Ok(())
            }
            Stmt::TypeAlias(t) => {
                self.visit_expr(&t.name)?;
                let Expr::Name(name) = &*t.name else {
                    unreachable!("a type alias's name is a Name");
                };
                let in_class = self.tables[self.cur()].kind == TableKind::Class;
                let generic = !t.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        &name.id,
                        BlockKey::of(&t.type_params, TableKind::TypeParameters),
                        false,
                        false,
                        false,
                        t.loc,
                    )?;
                    t.type_params
                        .iter()
                        .try_for_each(|tp| self.visit_type_param(tp))?;
                }
                self.enter_block(
                    &name.id,
                    TableKind::TypeAlias,
                    BlockKey::of(t, TableKind::TypeAlias),
                    t.loc,
                );
                self.cur_mut().can_see_class_scope = in_class;
                if in_class {
                    self.add_def("__classdict__", USE, loc_of(&*t.value))?;
                }
                self.visit_expr(&t.value)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                Ok(())
            }
            Stmt::Return(r) => {
                if let Some(value) = &r.value {
                    self.visit_expr(value)?;
                    self.cur_mut().returns_value = true;
                }
                Ok(())
            }
            Stmt::Delete(d) => self.visit_exprs(&d.targets),
            Stmt::Assign(a) => {
                self.visit_exprs(&a.targets)?;
                self.visit_expr(&a.value)
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(target) = &*a.target {
                    let cur = self.lookup(&target.id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur() != 0 && a.simple != 0 {
                        let message = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{}' can't be global", target.id)
                        } else {
                            format!("annotated name '{}' can't be nonlocal", target.id)
                        };
                        return Err(CompileError::new(message, a.loc));
                    }
                    if a.simple != 0 {
                        self.add_def(&target.id, DEF_ANNOT | DEF_LOCAL, target.loc)?;
                    }
                    if a.value.is_some() {
                        self.add_def(&target.id, DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                self.visit_annotation(&a.annotation)?;
                self.visit_opt(&a.value)
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)
            }
            Stmt::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_stmts(&w.body)?;
                self.visit_stmts(&w.orelse)
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_stmts(&i.body)?;
                self.visit_stmts(&i.orelse)
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for case in &m.cases {
                    self.visit_pattern(&case.pattern)?;
                    self.visit_opt(&case.guard)?;
                    self.visit_stmts(&case.body)?;
                }
                Ok(())
            }
            Stmt::Raise(r) => {
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    self.visit_opt(&r.cause)?;
                }
                Ok(())
            }
            Stmt::Try(t) => self.visit_try(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::TryStar(t) => self.visit_try(&t.body, &t.handlers, &t.orelse, &t.finalbody),
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                self.visit_opt(&a.msg)
            }
            Stmt::Import(i) => i.names.iter().try_for_each(|a| self.visit_alias(a)),
            Stmt::ImportFrom(i) => i.names.iter().try_for_each(|a| self.visit_alias(a)),
            Stmt::Global(g) => self.visit_directive(&g.names, g.loc, true),
            Stmt::Nonlocal(n) => self.visit_directive(&n.names, n.loc, false),
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => Ok(()),
            Stmt::With(w) => {
                self.visit_withitems(&w.items)?;
                self.visit_stmts(&w.body)
            }
            Stmt::AsyncWith(w) => {
                self.visit_withitems(&w.items)?;
                self.visit_stmts(&w.body)
            }
        }
    }

    fn visit_def(&mut self, d: Def<'_>) -> Result<()> {
        self.add_def(d.name, DEF_LOCAL, d.loc)?;
        self.visit_exprs(&d.args.defaults)?;
        for default in d.args.kw_defaults.iter().flatten() {
            self.visit_expr(default)?;
        }
        self.visit_exprs(d.decorators)?;
        let generic = !d.type_params.is_empty();
        if generic {
            // CPython's `defaults` sequence is never NULL: `.defaults`
            // is always there.
            let has_kwdefaults = d
                .args
                .kw_defaults
                .iter()
                .take(d.args.kwonlyargs.len())
                .any(Option::is_some);
            self.enter_type_param_block(
                d.name,
                BlockKey::of(d.type_params, TableKind::TypeParameters),
                true,
                has_kwdefaults,
                false,
                d.loc,
            )?;
            d.type_params
                .iter()
                .try_for_each(|tp| self.visit_type_param(tp))?;
        }
        self.visit_annotations(d.annotation_key, d.args, d.returns, d.loc)?;
        self.enter_block(d.name, TableKind::Function, d.function_key, d.loc);
        if d.is_async {
            self.cur_mut().coroutine = true;
        }
        self.visit_arguments(d.args)?;
        self.visit_stmts(d.body)?;
        self.exit_block();
        if generic {
            self.exit_block();
        }
        Ok(())
    }

    fn visit_try(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> Result<()> {
        self.visit_stmts(body)?;
        for h in handlers {
            self.visit_opt(&h.type_)?;
            if let Some(name) = &h.name {
                self.add_def(name, DEF_LOCAL, h.loc)?;
            }
            self.visit_stmts(&h.body)?;
        }
        self.visit_stmts(orelse)?;
        self.visit_stmts(finalbody)
    }

    fn visit_withitems(&mut self, items: &[Withitem]) -> Result<()> {
        for item in items {
            self.visit_expr(&item.context_expr)?;
            self.visit_opt(&item.optional_vars)?;
        }
        Ok(())
    }

    /// `global` (`is_global`) or `nonlocal` names.
    fn visit_directive(&mut self, names: &[Ident], loc: Location, is_global: bool) -> Result<()> {
        for name in names {
            let cur = self.lookup(name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let what = if is_global { "global" } else { "nonlocal" };
                let message = if cur & DEF_PARAM != 0 {
                    format!("name '{name}' is parameter and {what}")
                } else if cur & USE != 0 {
                    format!("name '{name}' is used prior to {what} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{name}' can't be {what}")
                } else {
                    format!("name '{name}' is assigned to before {what} declaration")
                };
                return Err(CompileError::new(message, loc));
            }
            let flag = if is_global { DEF_GLOBAL } else { DEF_NONLOCAL };
            self.add_def(name, flag, loc)?;
            self.record_directive(name, loc);
        }
        Ok(())
    }

    fn visit_alias(&mut self, a: &Alias) -> Result<()> {
        let name = a.asname.as_deref().unwrap_or(&a.name);
        if name == "*" {
            if self.tables[self.cur()].kind != TableKind::Module {
                return Err(CompileError::new(
                    "import * only allowed at module level",
                    a.loc,
                ));
            }
            return Ok(());
        }
        // `import a.b` binds `a`.
        let store = name.split('.').next().unwrap_or(name);
        self.add_def(store, DEF_IMPORT, a.loc)
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<()> {
        self.descend(Some(e.loc()))?;
        self.visit_expr_here(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_here(&mut self, e: &Expr) -> Result<()> {
        match e {
            Expr::NamedExpr(n) => {
                self.raise_if_annotation_block("named expression", n.loc)?;
                self.visit_named_expr(n)
            }
            Expr::BoolOp(b) => self.visit_exprs(&b.values),
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand),
            Expr::Lambda(l) => {
                self.visit_exprs(&l.args.defaults)?;
                for default in l.args.kw_defaults.iter().flatten() {
                    self.visit_expr(default)?;
                }
                self.enter_block(
                    "lambda",
                    TableKind::Function,
                    BlockKey::of(l, TableKind::Function),
                    l.loc,
                );
                self.visit_arguments(&l.args)?;
                self.visit_expr(&l.body)?;
                self.exit_block();
                Ok(())
            }
            Expr::IfExp(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)
            }
            Expr::Dict(d) => {
                for key in d.keys.iter().flatten() {
                    self.visit_expr(key)?;
                }
                self.visit_exprs(&d.values)
            }
            Expr::Set(s) => self.visit_exprs(&s.elts),
            Expr::GeneratorExp(g) => self.visit_comprehension(Comp {
                name: "genexpr",
                kind: Comprehension::Generator,
                generators: &g.generators,
                elt: &g.elt,
                value: None,
                key: BlockKey::of(g, TableKind::Function),
                loc: g.loc,
            }),
            Expr::ListComp(c) => self.visit_comprehension(Comp {
                name: "listcomp",
                kind: Comprehension::List,
                generators: &c.generators,
                elt: &c.elt,
                value: None,
                key: BlockKey::of(c, TableKind::Function),
                loc: c.loc,
            }),
            Expr::SetComp(c) => self.visit_comprehension(Comp {
                name: "setcomp",
                kind: Comprehension::Set,
                generators: &c.generators,
                elt: &c.elt,
                value: None,
                key: BlockKey::of(c, TableKind::Function),
                loc: c.loc,
            }),
            Expr::DictComp(c) => self.visit_comprehension(Comp {
                name: "dictcomp",
                kind: Comprehension::Dict,
                generators: &c.generators,
                elt: &c.key,
                value: Some(&*c.value),
                key: BlockKey::of(c, TableKind::Function),
                loc: c.loc,
            }),
            Expr::Yield(y) => {
                self.raise_if_annotation_block("yield expression", y.loc)?;
                self.visit_opt(&y.value)?;
                self.yielded(y.loc)
            }
            Expr::YieldFrom(y) => {
                self.raise_if_annotation_block("yield expression", y.loc)?;
                self.visit_expr(&y.value)?;
                self.yielded(y.loc)
            }
            Expr::Await(a) => {
                self.raise_if_annotation_block("await expression", a.loc)?;
                self.visit_expr(&a.value)?;
                self.cur_mut().coroutine = true;
                Ok(())
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(&c.comparators)
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(&c.args)?;
                c.keywords
                    .iter()
                    .try_for_each(|k| self.visit_expr(&k.value))
            }
            Expr::FormattedValue(f) => {
                self.visit_expr(&f.value)?;
                self.visit_opt(&f.format_spec)
            }
            Expr::Interpolation(i) => {
                self.visit_expr(&i.value)?;
                self.visit_opt(&i.format_spec)
            }
            Expr::JoinedStr(j) => self.visit_exprs(&j.values),
            Expr::TemplateStr(t) => self.visit_exprs(&t.values),
            Expr::Constant(_) => Ok(()),
            Expr::Attribute(a) => self.visit_expr(&a.value),
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)
            }
            Expr::Starred(s) => self.visit_expr(&s.value),
            Expr::Slice(s) => {
                self.visit_opt(&s.lower)?;
                self.visit_opt(&s.upper)?;
                self.visit_opt(&s.step)
            }
            Expr::Name(n) => {
                let load = n.ctx == molt_ast::ExprContext::Load;
                self.add_def(&n.id, if load { USE } else { DEF_LOCAL }, n.loc)?;
                // `super()` reads `__class__`.
                if load && self.tables[self.cur()].is_function_like() && n.id == "super" {
                    self.add_def("__class__", USE, n.loc)?;
                }
                Ok(())
            }
            Expr::List(l) => self.visit_exprs(&l.elts),
            Expr::Tuple(t) => self.visit_exprs(&t.elts),
        }
    }

    /// A `yield` makes a generator; inside a comprehension it is an error.
    fn yielded(&mut self, loc: Location) -> Result<()> {
        let table = self.cur_mut();
        table.generator = true;
        let what = match table.comprehension {
            Comprehension::None => return Ok(()),
            Comprehension::List => "list comprehension",
            Comprehension::Set => "set comprehension",
            Comprehension::Dict => "dict comprehension",
            Comprehension::Generator => "generator expression",
        };
        Err(CompileError::new(format!("'yield' inside {what}"), loc))
    }

    /// Named expressions, `yield` and `await` have no place in annotation
    /// scopes.
    fn raise_if_annotation_block(&self, what: &str, loc: Location) -> Result<()> {
        let table = &self.tables[self.cur()];
        let message = match table.kind {
            TableKind::Annotation => format!("{what} cannot be used within an annotation"),
            TableKind::TypeVariable => format!(
                "{what} cannot be used within {}",
                table.scope_info.unwrap_or("a TypeVar bound")
            ),
            TableKind::TypeAlias => format!("{what} cannot be used within a type alias"),
            TableKind::TypeParameters => {
                format!("{what} cannot be used within the definition of a generic")
            }
            _ => return Ok(()),
        };
        Err(CompileError::new(message, loc))
    }

    fn visit_type_param(&mut self, tp: &TypeParam) -> Result<()> {
        self.descend(Some(tp.loc()))?;
        self.visit_type_param_here(tp)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_type_param_here(&mut self, tp: &TypeParam) -> Result<()> {
        match tp {
            TypeParam::TypeVar(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.loc)?;
                if let Some(bound) = &t.bound {
                    let info = if matches!(&**bound, Expr::Tuple(_)) {
                        "a TypeVar constraint"
                    } else {
                        "a TypeVar bound"
                    };
                    let key = BlockKey::of(tp, TableKind::TypeVariable);
                    self.visit_type_variable(bound, &t.name, key, info)?;
                }
                if let Some(default) = &t.default_value {
                    let key = BlockKey::default_of(tp);
                    self.visit_type_variable(default, &t.name, key, "a TypeVar default")?;
                }
            }
            TypeParam::TypeVarTuple(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.loc)?;
                if let Some(default) = &t.default_value {
                    let key = BlockKey::default_of(tp);
                    self.visit_type_variable(default, &t.name, key, "a TypeVarTuple default")?;
                }
            }
            TypeParam::ParamSpec(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.loc)?;
                if let Some(default) = &t.default_value {
                    let key = BlockKey::default_of(tp);
                    self.visit_type_variable(default, &t.name, key, "a ParamSpec default")?;
                }
            }
        }
        Ok(())
    }

    /// The scope of a type parameter's bound, constraints or default.
    fn visit_type_variable(
        &mut self,
        e: &Expr,
        name: &str,
        key: BlockKey,
        info: &'static str,
    ) -> Result<()> {
        let in_class = self.tables[self.cur()].can_see_class_scope;
        let loc = loc_of(e);
        self.enter_block(name, TableKind::TypeVariable, key, loc);
        self.cur_mut().can_see_class_scope = in_class;
        if in_class {
            self.add_def("__classdict__", USE, loc)?;
        }
        self.cur_mut().scope_info = Some(info);
        self.visit_expr(e)?;
        self.exit_block();
        Ok(())
    }

    fn visit_pattern(&mut self, p: &Pattern) -> Result<()> {
        self.descend(Some(p.loc()))?;
        self.visit_pattern_here(p)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_pattern_here(&mut self, p: &Pattern) -> Result<()> {
        match p {
            Pattern::MatchValue(v) => self.visit_expr(&v.value),
            Pattern::MatchSingleton(_) => Ok(()),
            Pattern::MatchSequence(s) => s.patterns.iter().try_for_each(|p| self.visit_pattern(p)),
            Pattern::MatchStar(s) => match &s.name {
                Some(name) => self.add_def(name, DEF_LOCAL, s.loc),
                None => Ok(()),
            },
            Pattern::MatchMapping(m) => {
                self.visit_exprs(&m.keys)?;
                m.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
                match &m.rest {
                    Some(rest) => self.add_def(rest, DEF_LOCAL, m.loc),
                    None => Ok(()),
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                c.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
                c.kwd_patterns
                    .iter()
                    .try_for_each(|p| self.visit_pattern(p))
            }
            Pattern::MatchAs(a) => {
                if let Some(pattern) = &a.pattern {
                    self.visit_pattern(pattern)?;
                }
                match &a.name {
                    Some(name) => self.add_def(name, DEF_LOCAL, a.loc),
                    None => Ok(()),
                }
            }
            Pattern::MatchOr(o) => o.patterns.iter().try_for_each(|p| self.visit_pattern(p)),
        }
    }

    fn visit_params(&mut self, args: &[Arg]) -> Result<()> {
        args.iter()
            .try_for_each(|a| self.add_def(&a.arg, DEF_PARAM, a.loc))
    }

    /// One annotation: its own scope under `from __future__ import
    /// annotations`, where it is never evaluated.
    fn visit_annotation(&mut self, annotation: &Expr) -> Result<()> {
        if self.future_annotations {
            self.enter_block(
                "_annotation",
                TableKind::Annotation,
                BlockKey::of(annotation, TableKind::Annotation),
                loc_of(annotation),
            );
        }
        self.visit_expr(annotation)?;
        if self.future_annotations {
            self.exit_block();
        }
        Ok(())
    }

    /// A def's parameter and return annotations, visited in the scope
    /// around the def (they are evaluated there).
    fn visit_annotations(
        &mut self,
        key: BlockKey,
        a: &Arguments,
        returns: &Option<Box<Expr>>,
        loc: Location,
    ) -> Result<()> {
        if self.future_annotations {
            self.enter_block("_annotation", TableKind::Annotation, key, loc);
        }
        let annotations = a
            .posonlyargs
            .iter()
            .chain(&a.args)
            .chain(a.vararg.as_deref())
            .chain(a.kwarg.as_deref())
            .chain(&a.kwonlyargs);
        for arg in annotations {
            self.visit_opt(&arg.annotation)?;
        }
        if self.future_annotations {
            self.exit_block();
        }
        if let Some(returns) = returns {
            self.visit_annotation(returns)?;
        }
        Ok(())
    }

    /// The parameters, in the function's own scope (their defaults and
    /// annotations were visited outside).
    fn visit_arguments(&mut self, a: &Arguments) -> Result<()> {
        self.visit_params(&a.posonlyargs)?;
        self.visit_params(&a.args)?;
        self.visit_params(&a.kwonlyargs)?;
        if let Some(vararg) = &a.vararg {
            self.add_def(&vararg.arg, DEF_PARAM, vararg.loc)?;
            self.cur_mut().varargs = true;
        }
        if let Some(kwarg) = &a.kwarg {
            self.add_def(&kwarg.arg, DEF_PARAM, kwarg.loc)?;
            self.cur_mut().varkeywords = true;
        }
        Ok(())
    }
}

/// What a def and an async def share, for `visit_def`.
struct Def<'a> {
    name: &'a str,
    args: &'a Arguments,
    body: &'a [Stmt],
    decorators: &'a [Expr],
    returns: &'a Option<Box<Expr>>,
    type_params: &'a Vec<TypeParam>,
    loc: Location,
    function_key: BlockKey,
    annotation_key: BlockKey,
    is_async: bool,
}
