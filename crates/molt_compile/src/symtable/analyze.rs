//! The second pass (`symtable_analyze`): decide each name's scope from the
//! facts of the first pass, top down, each block seeing the names its
//! enclosing function scopes bind; a free name in a child makes the
//! binding a cell. List, set and dict comprehensions are inlined into
//! their parent here (PEP 709).
//!
//! The sets mirror CPython's: `bound` (names bound in enclosing function
//! scopes; `None` for the module), `local`, `free` (free names of the
//! children, passed up), `global` (names declared global above),
//! `type_params`. Free names are kept sorted, so that the names added to a
//! table for them come in a stable order (CPython's follow its set's hash
//! order).

use super::{
    Comprehension, DEF_BOUND, DEF_COMP_CELL, DEF_FREE, DEF_FREE_CLASS, DEF_GLOBAL, DEF_NONLOCAL,
    DEF_PARAM, DEF_TYPE_PARAM, Scope, Symbol, SymbolTable, Table, TableKind,
};
use crate::CompileError;
use crate::Ident;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::collections::BTreeSet;

type Result<T> = std::result::Result<T, CompileError>;
type Names = FxHashSet<Ident>;

/// The scope decided for each symbol of a table, by its position there.
type Scopes = Vec<Scope>;

pub(super) fn analyze(st: &mut SymbolTable) -> Result<()> {
    let mut free = BTreeSet::new();
    let mut global = Names::default();
    let mut type_params = Names::default();
    analyze_block(
        &mut st.tables,
        0,
        None,
        &mut free,
        &mut global,
        &mut type_params,
        None,
    )
}

/// `analyze_block`: resolve the names of table `ste`, then of its
/// children; `free` receives the block's free names for its parent.
/// `bound` is the parent's set, copied only if a `global` here removes a
/// name from it.
fn analyze_block(
    tables: &mut [Table],
    ste: usize,
    mut bound: Option<Cow<'_, Names>>,
    free: &mut BTreeSet<Ident>,
    global: &mut Names,
    type_params: &mut Names,
    class_entry: Option<usize>,
) -> Result<()> {
    let kind = tables[ste].kind;
    let count = tables[ste].symbols.len();
    // Only a function-like block's locals are bound for its children.
    let mut local = Names::default();
    if kind.is_function_like() {
        local.reserve(count);
    }
    let mut scopes: Scopes = Vec::with_capacity(count);
    let mut newglobal = Names::default();
    let mut newfree = BTreeSet::new();
    let mut newbound = Names::default();
    let mut inlined_cells = Names::default();

    // A class's names are not visible in its methods: what the children
    // see is what was visible before the class.
    if kind == TableKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(bound) = &bound {
            newbound.extend(bound.iter().cloned());
        }
    }

    for k in 0..count {
        let name = tables[ste].symbols.name(k).clone();
        let flags = tables[ste].symbols.at(k).flags;
        let scope = analyze_name(
            tables,
            ste,
            &name,
            flags,
            bound.as_mut(),
            &mut local,
            free,
            global,
            type_params,
            class_entry,
        )?;
        scopes.push(scope);
    }

    if kind != TableKind::Class {
        if kind.is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(bound) = &bound {
            newbound.extend(bound.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert(Ident::from("__class__"));
        newbound.insert(Ident::from("__classdict__"));
    }

    for i in 0..tables[ste].children.len() {
        let child = tables[ste].children[i].0;
        let new_class_entry = if tables[child].can_see_class_scope {
            if kind == TableKind::Class {
                Some(ste)
            } else {
                class_entry
            }
        } else {
            None
        };
        // Every comprehension but a generator expression is inlined,
        // except in annotation scopes nested in a class.
        let inline = tables[child].comprehension != Comprehension::None
            && !tables[child].generator
            && !tables[ste].can_see_class_scope;
        let mut child_free = newfree.clone();
        analyze_block(
            tables,
            child,
            Some(Cow::Borrowed(&newbound)),
            &mut child_free,
            &mut newglobal.clone(),
            &mut type_params.clone(),
            new_class_entry,
        )?;
        if inline {
            inline_comprehension(
                tables,
                ste,
                child,
                &mut scopes,
                &mut child_free,
                &mut inlined_cells,
            );
            tables[child].comp_inlined = true;
        }
        newfree.extend(child_free);
        if tables[child].free || tables[child].child_free {
            tables[ste].child_free = true;
        }
    }

    // An inlined comprehension's children take its place.
    let children = std::mem::take(&mut tables[ste].children);
    let mut spliced = Vec::with_capacity(children.len());
    for child in children {
        if tables[child.0].comp_inlined {
            spliced.extend(tables[child.0].children.iter().copied());
        } else {
            spliced.push(child);
        }
    }
    tables[ste].children = spliced;

    if kind.is_function_like() {
        analyze_cells(&tables[ste], &mut scopes, &mut newfree, &inlined_cells);
    } else if kind == TableKind::Class {
        drop_class_free(&mut tables[ste], &mut newfree);
    }
    let classflag = kind == TableKind::Class || tables[ste].can_see_class_scope;
    update_symbols(
        &mut tables[ste],
        &scopes,
        bound.as_deref(),
        &newfree,
        &inlined_cells,
        classflag,
    );
    free.extend(newfree);
    Ok(())
}

/// `analyze_name`: one name's scope from its flags and what is visible.
#[allow(clippy::too_many_arguments)]
fn analyze_name(
    tables: &mut [Table],
    ste: usize,
    name: &str,
    flags: u32,
    bound: Option<&mut Cow<'_, Names>>,
    local: &mut Names,
    free: &mut BTreeSet<Ident>,
    global: &mut Names,
    type_params: &mut Names,
    class_entry: Option<usize>,
) -> Result<Scope> {
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(error_at_directive(
                &tables[ste],
                name,
                format!("name '{name}' is nonlocal and global"),
            ));
        }
        global.insert(Ident::from(name));
        if let Some(bound) = bound
            && bound.contains(name)
        {
            bound.to_mut().remove(name);
        }
        return Ok(Scope::GlobalExplicit);
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(error_at_directive(
                &tables[ste],
                name,
                "nonlocal declaration not allowed at module level".to_string(),
            ));
        };
        if !bound.contains(name) {
            return Err(error_at_directive(
                &tables[ste],
                name,
                format!("no binding for nonlocal '{name}' found"),
            ));
        }
        if type_params.contains(name) {
            return Err(error_at_directive(
                &tables[ste],
                name,
                format!("nonlocal binding not allowed for type parameter '{name}'"),
            ));
        }
        tables[ste].free = true;
        free.insert(Ident::from(name));
        return Ok(Scope::Free);
    }
    if flags & DEF_BOUND != 0 {
        if tables[ste].kind.is_function_like() {
            local.insert(Ident::from(name));
        }
        if !global.is_empty() {
            global.remove(name);
        }
        if flags & DEF_TYPE_PARAM != 0 {
            type_params.insert(Ident::from(name));
        } else if !type_params.is_empty() {
            type_params.remove(name);
        }
        return Ok(Scope::Local);
    }
    // In a scope that sees the enclosing class (`class_entry`), a name the
    // class binds is looked up in the class namespace and the globals,
    // not in an outer function.
    if let Some(class) = class_entry {
        let class_flags = tables[class].flags(name);
        if class_flags & DEF_GLOBAL != 0 {
            return Ok(Scope::GlobalExplicit);
        } else if class_flags & DEF_BOUND != 0 && class_flags & DEF_NONLOCAL == 0 {
            return Ok(Scope::GlobalImplicit);
        }
    }
    // Bound in an enclosing function: free here.
    if let Some(bound) = bound
        && bound.contains(name)
    {
        tables[ste].free = true;
        free.insert(Ident::from(name));
        return Ok(Scope::Free);
    }
    // Declared global above: an implicit global here.
    if global.contains(name) {
        return Ok(Scope::GlobalImplicit);
    }
    if tables[ste].nested {
        tables[ste].free = true;
    }
    Ok(Scope::GlobalImplicit)
}

/// The error for a `global`/`nonlocal` name, at its declaration.
fn error_at_directive(table: &Table, name: &str, message: String) -> CompileError {
    let loc = table
        .directives
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, loc)| *loc)
        .unwrap_or_default();
    CompileError::new(message, loc)
}

/// Whether a child of `comp` reads `name` as a free variable.
fn is_free_in_any_child(tables: &[Table], comp: usize, name: &str) -> bool {
    tables[comp]
        .children
        .iter()
        .any(|c| tables[c.0].scope_of(name) == Some(Scope::Free))
}

/// `inline_comprehension`: the comprehension's names become the parent's
/// (PEP 709); its cells are remembered as `inlined_cells`.
fn inline_comprehension(
    tables: &mut [Table],
    ste: usize,
    comp: usize,
    scopes: &mut Scopes,
    comp_free: &mut BTreeSet<Ident>,
    inlined_cells: &mut Names,
) {
    let symbols: Vec<(Ident, Symbol)> = (tables[comp].symbols.iter())
        .map(|(n, s)| (n.clone(), *s))
        .collect();
    for (name, symbol) in symbols {
        // The comprehension's parameter `.0`.
        if symbol.flags & DEF_PARAM != 0 {
            continue;
        }
        let mut scope = symbol.scope.expect("the comprehension was analyzed");
        let mut flags = symbol.flags;
        if scope == Scope::Cell || flags & DEF_COMP_CELL != 0 {
            inlined_cells.insert(name.clone());
        }
        match tables[ste].symbol(&name) {
            None => {
                // `__class__` free in a comprehension of a class body that
                // does not bind it would be dropped as the class cell.
                if scope == Scope::Free
                    && tables[ste].kind == TableKind::Class
                    && name == "__class__"
                {
                    scope = Scope::GlobalImplicit;
                    flags &= !DEF_FREE;
                    comp_free.remove(&name);
                }
                // A new symbol: its scope goes at its position, the end.
                tables[ste].set(&name, Symbol { flags, scope: None });
                scopes.push(scope);
            }
            Some(existing) => {
                // Free in the comprehension but local in the parent: now
                // simply local, unless a child of the comprehension needs
                // it as a cell or the parent is a class.
                if existing.flags & DEF_BOUND != 0
                    && !is_free_in_any_child(tables, comp, &name)
                    && tables[ste].kind != TableKind::Class
                {
                    comp_free.remove(&name);
                }
            }
        }
    }
}

/// `analyze_cells`: a local that a child reads as free becomes a cell.
fn analyze_cells(
    table: &Table,
    scopes: &mut Scopes,
    free: &mut BTreeSet<Ident>,
    inlined_cells: &Names,
) {
    for (k, scope) in scopes.iter_mut().enumerate() {
        if *scope != Scope::Local {
            continue;
        }
        let name = table.symbols.name(k);
        if free.contains(name) || inlined_cells.contains(name) {
            *scope = Scope::Cell;
            free.remove(name);
        }
    }
}

/// `drop_class_free`: `__class__` and `__classdict__` free in methods are
/// the class's implicit cells, not free names of the class.
fn drop_class_free(table: &mut Table, free: &mut BTreeSet<Ident>) {
    if free.remove("__class__") {
        table.needs_class_closure = true;
    }
    if free.remove("__classdict__") {
        table.needs_classdict = true;
    }
}

/// `update_symbols`: store the scopes, and add the children's free names
/// that pass through this block.
fn update_symbols(
    table: &mut Table,
    scopes: &Scopes,
    bound: Option<&Names>,
    free: &BTreeSet<Ident>,
    inlined_cells: &Names,
    classflag: bool,
) {
    for (k, (name, symbol)) in table.symbols.iter_mut().enumerate() {
        if !inlined_cells.is_empty() && inlined_cells.contains(name) {
            symbol.flags |= DEF_COMP_CELL;
        }
        symbol.scope = scopes.get(k).copied();
    }
    for name in free {
        if let Some(symbol) = table.symbol_mut(name) {
            // A method's free name that the class binds too.
            if classflag {
                symbol.flags |= DEF_FREE_CLASS;
            }
            continue;
        }
        if let Some(bound) = bound
            && !bound.contains(name)
        {
            continue; // a global
        }
        table.set(
            name,
            Symbol {
                flags: 0,
                scope: Some(Scope::Free),
            },
        );
    }
}
