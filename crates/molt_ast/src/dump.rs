//! `ast.dump`, as CPython 3.13 prints it: fields whose value is `None` or
//! `[]` are left out (but `Constant(value=None)` is kept), nodes with at
//! most three simple arguments stay on one line when indenting.

use crate::{Field, Node};
use molt_syntax::pyrepr::push_str_repr;

/// `ast.dump`'s keyword arguments.
#[derive(Debug, Clone, Copy, Default)]
pub struct DumpOptions {
    pub indent: Option<usize>,
    pub include_attributes: bool,
}

/// `ast.dump(node, indent=..., include_attributes=...)`.
pub fn dump(node: &dyn Node, options: DumpOptions) -> String {
    format_node(node, 0, options).0
}

fn format_node(node: &dyn Node, level: usize, options: DumpOptions) -> (String, bool) {
    let (prefix, sep, level) = separators(level, options);
    let mut args = Vec::new();
    let mut all_simple = true;
    let keeps_none = matches!(node.class(), "Constant" | "MatchSingleton");
    for (name, field) in node.fields() {
        let (text, simple) = match field {
            Field::Node(n) => format_node(n, level, options),
            Field::Opt(None) | Field::OptStr(None) | Field::OptInt(None) => continue,
            Field::Opt(Some(n)) => format_node(n, level, options),
            Field::List(items) if items.is_empty() => continue,
            Field::List(items) => (format_list(&items, level, options), false),
            Field::OptList(items) if items.is_empty() => continue,
            Field::OptList(items) => {
                let (prefix, sep, inner) = separators(level, options);
                let parts: Vec<String> = items
                    .iter()
                    .map(|n| {
                        n.map_or_else(|| "None".to_string(), |n| format_node(n, inner, options).0)
                    })
                    .collect();
                (format!("[{prefix}{}]", parts.join(&sep)), false)
            }
            Field::StrList(items) if items.is_empty() => continue,
            Field::StrList(items) => {
                let (prefix, sep, _) = separators(level, options);
                let parts: Vec<String> = items.iter().map(|s| repr(s)).collect();
                (format!("[{prefix}{}]", parts.join(&sep)), false)
            }
            Field::Str(s) | Field::OptStr(Some(s)) => (repr(s), true),
            Field::Int(i) | Field::OptInt(Some(i)) => (i.to_string(), true),
            Field::Constant(c) if c.is_none() && !keeps_none => continue,
            Field::Constant(c) => (c.repr(), true),
        };
        all_simple &= simple;
        args.push(format!("{name}={text}"));
    }
    if options.include_attributes
        && let Some(loc) = node.location()
    {
        for (name, value) in [
            ("lineno", loc.lineno),
            ("col_offset", loc.col_offset),
            ("end_lineno", loc.end_lineno),
            ("end_col_offset", loc.end_col_offset),
        ] {
            args.push(format!("{name}={value}"));
        }
    }
    if all_simple && args.len() <= 3 {
        let simple = args.is_empty();
        return (format!("{}({})", node.class(), args.join(", ")), simple);
    }
    (
        format!("{}({prefix}{})", node.class(), args.join(&sep)),
        false,
    )
}

fn format_list(items: &[&dyn Node], level: usize, options: DumpOptions) -> String {
    let (prefix, sep, level) = separators(level, options);
    let parts: Vec<String> = items
        .iter()
        .map(|n| format_node(*n, level, options).0)
        .collect();
    format!("[{prefix}{}]", parts.join(&sep))
}

fn separators(level: usize, options: DumpOptions) -> (String, String, usize) {
    match options.indent {
        Some(width) => {
            let pad = " ".repeat(width * (level + 1));
            (format!("\n{pad}"), format!(",\n{pad}"), level + 1)
        }
        None => (String::new(), ", ".to_string(), level),
    }
}

fn repr(s: &str) -> String {
    let mut out = String::new();
    push_str_repr(&mut out, s);
    out
}
