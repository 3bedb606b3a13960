//! The text form of the symbol tables (`molt symtable`, and what the tests
//! compare with the oracle's `symtable` module):
//!
//! ```text
//! module top line 0
//!   f: LOCAL DEF_LOCAL
//!   function f line 1 varnames=a,b
//!     a: LOCAL DEF_PARAM
//!     b: CELL DEF_PARAM
//!     function lambda line 2 nested
//!       b: FREE USE
//! ```
//!
//! Each table is `<type> <name> line <lineno>`, then ` nested` when it is
//! inside a function-like scope and ` varnames=...` when it has
//! parameters; then its symbols, `<name>: <SCOPE> <FLAG ...>` (flags in
//! bit order); then its children, two spaces deeper. Symbols come in
//! insertion order, except those with no flag at all (free names passed
//! through a scope for a nested one), which CPython adds in its set's
//! hash order: they come last, sorted by name.

use super::{FLAG_NAMES, SymbolTable, TableId};
use std::fmt::Write;

/// The text form of every table reachable from the module.
pub fn dump(st: &SymbolTable) -> String {
    let mut out = String::new();
    dump_table(st, st.top(), 0, &mut out);
    out
}

fn dump_table(st: &SymbolTable, id: TableId, depth: usize, out: &mut String) {
    let table = st.table(id);
    let indent = "  ".repeat(depth);
    let _ = write!(
        out,
        "{indent}{} {} line {}",
        table.kind.name(),
        table.name,
        table.lineno()
    );
    if table.nested {
        out.push_str(" nested");
    }
    if !table.varnames.is_empty() {
        let _ = write!(out, " varnames={}", table.varnames.join(","));
    }
    out.push('\n');
    let mut flagless: Vec<&str> = Vec::new();
    for (name, symbol) in table.symbols() {
        if symbol.flags == 0 {
            flagless.push(name);
            continue;
        }
        symbol_line(out, &indent, name, symbol);
    }
    flagless.sort_unstable();
    for name in flagless {
        symbol_line(out, &indent, name, table.symbol(name).expect("listed"));
    }
    for &child in &table.children {
        dump_table(st, child, depth + 1, out);
    }
}

fn symbol_line(out: &mut String, indent: &str, name: &str, symbol: &super::Symbol) {
    let scope = symbol.scope.map_or("NONE", |s| s.name());
    let _ = write!(out, "{indent}  {name}: {scope}");
    for (bit, flag) in FLAG_NAMES {
        if symbol.flags & bit != 0 {
            out.push(' ');
            out.push_str(flag);
        }
    }
    out.push('\n');
}
