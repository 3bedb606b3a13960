//! Symbol tables: where every name of a module lives, as CPython 3.13's
//! `Python/symtable.c` decides it.
//!
//! [`SymbolTable::build`] makes two passes, as CPython does. The first
//! (`build.rs`) walks the AST in CPython's order, opens a [`Table`] per
//! scope (module, class, function, lambda, comprehension, and PEP 695's
//! type parameter, type variable and type alias scopes) and records raw
//! facts about each name (assigned, used, parameter, declared global, ...).
//! The second (`analyze.rs`) resolves every name to a [`Scope`] (local,
//! global, free, cell), inlines list/set/dict comprehensions into their
//! function-like parent (PEP 709) and raises the errors that need the
//! whole tree (`no binding for nonlocal 'x' found`).
//!
//! The code generator finds the table made for an AST node with
//! [`SymbolTable::lookup`] and a [`BlockKey`]: the node's address plus the
//! kind of table, as CPython keys its tables by node pointer. **The AST
//! must therefore stay where it is (not moved, not cloned) between
//! `build` and the lookups.**
//!
//! `dump.rs` prints the tables as text (`molt symtable`, and the corpus
//! test compares it with the oracle's `symtable` module); `mangle.rs` is
//! private-name mangling, shared with the code generator.

mod analyze;
mod build;
mod dump;
mod mangle;

use crate::CompileError;
use crate::Ident;
use crate::ordered::OrderedNames;
use molt_ast::{Location, Mod, TypeParam};
use rustc_hash::{FxHashMap, FxHashSet};

pub use dump::dump;
pub use mangle::{mangle, maybe_mangle};

/// Declared `global` in this block.
pub const DEF_GLOBAL: u32 = 1;
/// Bound in this block (assignment, `for` target, `del`, def, class, ...).
pub const DEF_LOCAL: u32 = 2;
/// A formal parameter.
pub const DEF_PARAM: u32 = 4;
/// Declared `nonlocal` in this block.
pub const DEF_NONLOCAL: u32 = 8;
/// Read in this block.
pub const USE: u32 = 16;
/// Used but not defined in a nested block (unused by 3.13's symtable).
pub const DEF_FREE: u32 = 32;
/// A free variable of a method that the class also binds.
pub const DEF_FREE_CLASS: u32 = 64;
/// Bound by an import.
pub const DEF_IMPORT: u32 = 128;
/// Annotated (`x: int`).
pub const DEF_ANNOT: u32 = 256;
/// A comprehension's iteration variable.
pub const DEF_COMP_ITER: u32 = 512;
/// A PEP 695 type parameter.
pub const DEF_TYPE_PARAM: u32 = 1024;
/// A cell in an inlined comprehension.
pub const DEF_COMP_CELL: u32 = 2048;
/// Any binding that makes a name local.
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// The flags and their names in bit order, for the text form.
pub const FLAG_NAMES: [(u32, &str); 12] = [
    (DEF_GLOBAL, "DEF_GLOBAL"),
    (DEF_LOCAL, "DEF_LOCAL"),
    (DEF_PARAM, "DEF_PARAM"),
    (DEF_NONLOCAL, "DEF_NONLOCAL"),
    (USE, "USE"),
    (DEF_FREE, "DEF_FREE"),
    (DEF_FREE_CLASS, "DEF_FREE_CLASS"),
    (DEF_IMPORT, "DEF_IMPORT"),
    (DEF_ANNOT, "DEF_ANNOT"),
    (DEF_COMP_ITER, "DEF_COMP_ITER"),
    (DEF_TYPE_PARAM, "DEF_TYPE_PARAM"),
    (DEF_COMP_CELL, "DEF_COMP_CELL"),
];

/// Where a name lives once the analysis has run (CPython's numbering).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// A fast local of a function, or a name of a module or class namespace.
    Local = 1,
    /// Declared `global`.
    GlobalExplicit = 2,
    /// Not bound in any enclosing function: a global or a builtin.
    GlobalImplicit = 3,
    /// Bound in an enclosing function: read through a cell.
    Free = 4,
    /// Local here and free in a nested block: stored in a cell.
    Cell = 5,
}

impl Scope {
    /// The name `symtable`'s constants give it.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Local => "LOCAL",
            Scope::GlobalExplicit => "GLOBAL_EXPLICIT",
            Scope::GlobalImplicit => "GLOBAL_IMPLICIT",
            Scope::Free => "FREE",
            Scope::Cell => "CELL",
        }
    }
}

/// What a name is in one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbol {
    /// `DEF_*` and `USE` bits.
    pub flags: u32,
    /// Set by the analysis; `None` in the tables it never visits (the
    /// annotation blocks of `from __future__ import annotations`), as
    /// CPython's scope 0.
    pub scope: Option<Scope>,
}

/// The kind of a table (CPython's `_Py_block_ty`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    Module,
    Class,
    /// A def, lambda or comprehension.
    Function,
    /// Annotations under `from __future__ import annotations`: never
    /// evaluated, never a child of another table.
    Annotation,
    /// The value of a `type` statement (PEP 695).
    TypeAlias,
    /// The type parameters of a generic def, class or type alias.
    TypeParameters,
    /// The bound, constraints or default of one type parameter.
    TypeVariable,
}

impl TableKind {
    /// The name the `symtable` module gives it.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Module => "module",
            TableKind::Class => "class",
            TableKind::Function => "function",
            TableKind::Annotation => "annotation",
            TableKind::TypeAlias => "type alias",
            TableKind::TypeParameters => "type parameters",
            TableKind::TypeVariable => "type variable",
        }
    }

    /// Whether names bound here are fast locals (`_PyST_IsFunctionLike`).
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            TableKind::Function
                | TableKind::TypeVariable
                | TableKind::TypeAlias
                | TableKind::TypeParameters
        )
    }
}

/// Which comprehension a function table is, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Comprehension {
    None,
    List,
    Set,
    Dict,
    Generator,
}

/// A table's index in [`SymbolTable::tables`]; 0 is the module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableId(pub usize);

/// The key of the table made for an AST node: the node's address, the
/// table's kind, and whether it is a type parameter's default (a TypeVar
/// can own two type variable tables, its bound's and its default's).
///
/// The nodes, by kind:
///
/// | kind | node |
/// | --- | --- |
/// | `Module` | the `Mod` given to [`SymbolTable::build`] |
/// | `Function` | `FunctionDef`, `AsyncFunctionDef`, `Lambda`, `ListComp`, `SetComp`, `DictComp`, `GeneratorExp` (the inner structs, not the `Stmt`/`Expr` enums) |
/// | `Class` | `ClassDef` |
/// | `TypeParameters` | the `type_params` field (`&Vec<TypeParam>`) of the def, class or `type` statement |
/// | `TypeAlias` | `TypeAlias` |
/// | `TypeVariable` | the `TypeParam` (bound or constraints); [`BlockKey::default_of`] for its default |
/// | `Annotation` | the `FunctionDef`/`AsyncFunctionDef` for its parameters' annotations, the annotation `Expr` for a return or variable annotation |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BlockKey {
    addr: usize,
    kind: TableKind,
    default: bool,
}

impl BlockKey {
    /// The key of the `kind` table made for `node`.
    pub fn of<T>(node: &T, kind: TableKind) -> BlockKey {
        BlockKey {
            addr: node as *const T as usize,
            kind,
            default: false,
        }
    }

    /// The key of the table made for a type parameter's default.
    pub fn default_of(tp: &TypeParam) -> BlockKey {
        BlockKey {
            addr: tp as *const TypeParam as usize,
            kind: TableKind::TypeVariable,
            default: true,
        }
    }
}

/// One scope: its names in the order CPython first saw them, and its
/// child scopes in source order.
#[derive(Debug, Clone)]
pub struct Table {
    pub kind: TableKind,
    /// `top` for the module; the def's, class's or type parameter's name
    /// (unmangled); `lambda`, `listcomp`, `genexpr`, ... otherwise.
    pub name: String,
    /// The node the table was made for (all zero for the module).
    pub location: Location,
    symbols: OrderedNames<Symbol>,
    /// Child tables in source order; an inlined comprehension's place is
    /// taken by its own children.
    pub children: Vec<TableId>,
    /// The parameters in order (`.0` for a comprehension, `.defaults`
    /// and `.kwdefaults` for type parameter tables).
    pub varnames: Vec<Ident>,
    /// Inside a function-like scope, at any depth.
    pub nested: bool,
    /// Has free variables.
    pub free: bool,
    /// A child has free variables (including free references to globals).
    pub child_free: bool,
    pub generator: bool,
    pub coroutine: bool,
    pub comprehension: Comprehension,
    pub varargs: bool,
    pub varkeywords: bool,
    /// A `return` with a value.
    pub returns_value: bool,
    /// A class whose methods use `__class__` (or `super`).
    pub needs_class_closure: bool,
    /// A class whose annotation scopes read `__classdict__`.
    pub needs_classdict: bool,
    /// A comprehension inlined into its parent (PEP 709).
    pub comp_inlined: bool,
    /// An annotation scope that can see the names of the enclosing class.
    pub can_see_class_scope: bool,
    /// What a type variable table holds ("a TypeVar bound", "a TypeVar
    /// constraint", "a TypeVar default", ...), for error messages.
    pub scope_info: Option<&'static str>,
    /// The set of names mangled in the type parameter scopes of a generic
    /// class (shared with the scopes nested in it; `None`: mangle all).
    mangled_names: Option<usize>,
    /// `global`/`nonlocal` declarations, for the analysis's errors.
    directives: Vec<(Ident, Location)>,
    /// Visiting a comprehension's iteration target.
    comp_iter_target: bool,
    /// Depth of comprehension iterable expressions being visited.
    comp_iter_expr: u32,
}

impl Table {
    fn new(kind: TableKind, name: &str, location: Location) -> Table {
        Table {
            kind,
            name: name.to_string(),
            location,
            symbols: OrderedNames::default(),
            children: Vec::new(),
            varnames: Vec::new(),
            nested: false,
            free: false,
            child_free: false,
            generator: false,
            coroutine: false,
            comprehension: Comprehension::None,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            comp_inlined: false,
            can_see_class_scope: false,
            scope_info: None,
            mangled_names: None,
            directives: Vec::new(),
            comp_iter_target: false,
            comp_iter_expr: 0,
        }
    }

    /// The first line of the node the table was made for (0 for the module).
    pub fn lineno(&self) -> u32 {
        self.location.lineno
    }

    /// A name's symbol (`name` mangled as the table stores it).
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.symbols.get(name)
    }

    /// A name's flags, 0 when the table does not know it.
    pub fn flags(&self, name: &str) -> u32 {
        self.symbol(name).map_or(0, |s| s.flags)
    }

    /// A name's scope (`_PyST_GetScope`): `None` for a name the table does
    /// not know, as CPython's 0.
    pub fn scope_of(&self, name: &str) -> Option<Scope> {
        self.symbol(name).and_then(|s| s.scope)
    }

    /// The symbols in the order CPython inserted them.
    pub fn symbols(&self) -> impl Iterator<Item = (&str, &Symbol)> {
        self.symbols.iter().map(|(n, s)| (n.as_str(), s))
    }

    /// Whether names bound here are fast locals.
    pub fn is_function_like(&self) -> bool {
        self.kind.is_function_like()
    }

    fn symbol_mut(&mut self, name: &str) -> Option<&mut Symbol> {
        self.symbols.get_mut(name)
    }

    /// Set a name's symbol, appending it when new (dict semantics).
    fn set(&mut self, name: &str, symbol: Symbol) {
        self.symbols.insert(name, symbol);
    }
}

/// The symbol tables of one module.
#[derive(Debug, Clone)]
pub struct SymbolTable {
    tables: Vec<Table>,
    blocks: FxHashMap<BlockKey, TableId>,
    mangled_sets: Vec<FxHashSet<Ident>>,
    /// `from __future__ import annotations` is in effect.
    pub future_annotations: bool,
}

impl SymbolTable {
    /// Build the tables of `module` (both passes), or the `SyntaxError`
    /// CPython's `symtable` (or its `__future__` check) raises. `filename`
    /// is what CPython would report; errors carry only locations.
    pub fn build(module: &Mod, filename: &str) -> Result<SymbolTable, CompileError> {
        let _ = filename;
        let mut table = build::build(module)?;
        analyze::analyze(&mut table)?;
        Ok(table)
    }

    /// The module's table.
    pub fn top(&self) -> TableId {
        TableId(0)
    }

    pub fn table(&self, id: TableId) -> &Table {
        &self.tables[id.0]
    }

    /// Every table, the module first, in the order they were opened.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The table made for a node (see [`BlockKey`]).
    pub fn lookup(&self, key: BlockKey) -> Option<TableId> {
        self.blocks.get(&key).copied()
    }

    /// The names mangled in a table when it is inside a generic class's
    /// type parameter scope (only its type parameters are); `None` when
    /// every private name is mangled (CPython's `ste_mangled_names`).
    pub fn mangled_names(&self, id: TableId) -> Option<&FxHashSet<Ident>> {
        self.tables[id.0]
            .mangled_names
            .map(|i| &self.mangled_sets[i])
    }

    /// `_Py_MaybeMangle`: mangle `name` for the class `private` as the
    /// code generator must in table `id`.
    pub fn mangle_in<'a>(
        &self,
        private: Option<&str>,
        id: TableId,
        name: &'a str,
    ) -> std::borrow::Cow<'a, str> {
        maybe_mangle(private, self.mangled_names(id), name)
    }
}
