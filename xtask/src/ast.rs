//! The AST node types of `molt_ast`, generated from the oracle's `ast`
//! module (`py/ast_spec.py`): one Rust type per ASDL type, and the field
//! lists that `ast.dump` walks.

use serde_json::Value;
use std::fmt::Write;

const AST_NODES: &str = "crates/molt_ast/src/generated.rs";

/// Sum types whose CamelCase name would clash with one of their kinds.
fn sum_name(asdl: &str) -> String {
    match asdl {
        "boolop" => "BoolOperator".into(),
        "unaryop" => "UnaryOperator".into(),
        "cmpop" => "CmpOperator".into(),
        _ => camel(asdl),
    }
}

fn camel(asdl: &str) -> String {
    asdl.split('_')
        .map(|w| w[..1].to_uppercase() + &w[1..])
        .collect()
}

/// One arm per kind of a sum type, inside a generated `match`.
fn match_arms(s: &mut String, kinds: &[Value], arm: impl Fn(&str) -> String) {
    for k in kinds {
        let _ = writeln!(
            s,
            "            {}",
            arm(k["name"].as_str().expect("kind name"))
        );
    }
}

/// How a sum type is represented.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    /// Kinds without fields: a C-like enum (`Operator::Add`).
    Flat,
    /// An enum of structs (`Expr::BinOp(BinOp { .. })`), boxed in fields.
    Boxed,
    /// One kind only: the struct itself (`ExceptHandler`).
    Single,
}

const AST_VISITORS: &str = "crates/molt_ast/src/visit.rs";

pub fn generate(data: &Value) -> Vec<(String, String)> {
    vec![nodes(data), visitors(data)]
}

fn nodes(data: &Value) -> (String, String) {
    let sums = data["sums"].as_object().expect("sums");
    let products = data["products"].as_object().expect("products");
    let mut shapes = std::collections::BTreeMap::new();
    for (name, info) in sums {
        let kinds = info["kinds"].as_array().expect("kinds");
        let shape = if kinds.len() == 1 {
            Shape::Single
        } else if kinds
            .iter()
            .all(|k| k["fields"].as_array().is_some_and(|f| f.is_empty()))
        {
            Shape::Flat
        } else {
            Shape::Boxed
        };
        shapes.insert(name.clone(), shape);
    }
    // Boxed in a singular or optional field: recursive sums, and products
    // (`arguments` would otherwise make every `Expr` as big as a `Lambda`).
    let is_boxed =
        |base: &str| shapes.get(base) == Some(&Shape::Boxed) || products.contains_key(base);
    let rust_type = |asdl: &str| -> String {
        if asdl == "expr?*" {
            return "Vec<Option<Expr>>".into();
        }
        let (base, suffix) = match asdl.strip_suffix('*') {
            Some(b) => (b, '*'),
            None => match asdl.strip_suffix('?') {
                Some(b) => (b, '?'),
                None => (asdl, ' '),
            },
        };
        let inner = match base {
            "identifier" => "Ident".to_string(),
            "string" => "String".to_string(),
            "int" => "i64".to_string(),
            "constant" => "Value".to_string(),
            _ if shapes.get(base) == Some(&Shape::Single) => {
                rust_kind(sums[base]["kinds"][0]["name"].as_str().expect("kind name"))
            }
            _ if shapes.contains_key(base) => sum_name(base),
            _ => camel(base),
        };
        let boxed = is_boxed(base);
        match suffix {
            '*' => format!("Vec<{inner}>"),
            '?' if boxed => format!("Option<Box<{inner}>>"),
            '?' => format!("Option<{inner}>"),
            _ if boxed => format!("Box<{inner}>"),
            _ => inner,
        }
    };
    let field_value = |asdl: &str, access: &str| -> String {
        let base = asdl.trim_end_matches(['*', '?']);
        let boxed = is_boxed(base);
        if asdl == "expr?*" {
            return format!(
                "Field::OptList({access}.iter().map(|n| n.as_ref().map(|n| n as &dyn Node)).collect())"
            );
        }
        if asdl == "identifier*" {
            return format!("Field::StrList({access}.iter().map(Ident::as_str).collect())");
        }
        if asdl.ends_with('*') {
            return format!("Field::List({access}.iter().map(|n| n as &dyn Node).collect())");
        }
        let opt = asdl.ends_with('?');
        match (base, opt) {
            ("identifier" | "string", false) => format!("Field::Str(&{access})"),
            ("identifier" | "string", true) => format!("Field::OptStr({access}.as_deref())"),
            ("int", false) => format!("Field::Int({access})"),
            ("int", true) => format!("Field::OptInt({access})"),
            ("constant", _) => format!("Field::Constant(&{access})"),
            (_, false) if boxed => format!("Field::Node(&*{access})"),
            (_, false) => format!("Field::Node(&{access})"),
            (_, true) if boxed => {
                format!("Field::Opt({access}.as_deref().map(|n| n as &dyn Node))")
            }
            (_, true) => format!("Field::Opt({access}.as_ref().map(|n| n as &dyn Node))"),
        }
    };

    let mut s = format!(
        "// Generated by `cargo xtask codegen` from CPython {}'s `ast` module; do not edit.\n\
         //! AST node types, one for one with CPython's ASDL, and their fields as\n\
         //! `ast.dump` walks them.\n\n\
         #![allow(clippy::large_enum_variant)]\n\n\
         use crate::{{Field, Ident, Location, Node, Value}};\n\n",
        data["python"].as_str().unwrap_or("?")
    );

    // `class` is CPython's class name (`BinOp`, `keyword`), `name` the
    // Rust struct's.
    let write_struct = |s: &mut String, class: &str, fields: &[Value], located: bool| {
        let name = &if class.starts_with(char::is_lowercase) {
            camel(class)
        } else {
            rust_kind(class)
        };
        let _ = writeln!(
            s,
            "#[derive(Debug, Clone, PartialEq)]\npub struct {name} {{"
        );
        for f in fields {
            let (fname, ftype) = (f[0].as_str().unwrap(), field_type(name, f));
            let _ = writeln!(s, "    pub {}: {},", rust_field(fname), rust_type(ftype));
        }
        if located {
            s.push_str("    pub loc: Location,\n");
        }
        s.push_str("}\n\n");
        let _ = writeln!(s, "impl Node for {name} {{");
        let _ = writeln!(
            s,
            "    fn class(&self) -> &'static str {{\n        \"{class}\"\n    }}\n"
        );
        let _ = writeln!(
            s,
            "    fn fields(&self) -> Vec<(&'static str, Field<'_>)> {{"
        );
        let items: Vec<String> = fields
            .iter()
            .map(|f| {
                let (fname, ftype) = (f[0].as_str().unwrap(), field_type(name, f));
                format!(
                    "(\"{fname}\", {})",
                    field_value(ftype, &format!("self.{}", rust_field(fname)))
                )
            })
            .collect();
        let _ = writeln!(s, "        vec![{}]\n    }}", items.join(", "));
        if located {
            s.push_str(
                "\n    fn location(&self) -> Option<Location> {\n        Some(self.loc)\n    }\n",
            );
        }
        s.push_str("}\n\n");
    };

    for (name, info) in sums {
        let located = !info["attributes"]
            .as_array()
            .expect("attributes")
            .is_empty();
        let kinds = info["kinds"].as_array().expect("kinds");
        let rust = sum_name(name);
        match shapes[name] {
            Shape::Flat => {
                let _ = writeln!(
                    s,
                    "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum {rust} {{"
                );
                for k in kinds {
                    let _ = writeln!(s, "    {},", k["name"].as_str().unwrap());
                }
                s.push_str("}\n\n");
                let _ = writeln!(
                    s,
                    "impl Node for {rust} {{\n    fn class(&self) -> &'static str {{\n        match self {{"
                );
                match_arms(&mut s, kinds, |k| format!("{rust}::{k} => \"{k}\","));
                s.push_str("        }\n    }\n\n    fn fields(&self) -> Vec<(&'static str, Field<'_>)> {\n        Vec::new()\n    }\n}\n\n");
            }
            Shape::Single => {
                let k = &kinds[0];
                write_struct(
                    &mut s,
                    k["name"].as_str().unwrap(),
                    k["fields"].as_array().unwrap(),
                    located,
                );
            }
            Shape::Boxed => {
                let _ = writeln!(s, "#[derive(Debug, Clone, PartialEq)]\npub enum {rust} {{");
                for k in kinds {
                    let k = k["name"].as_str().unwrap();
                    let _ = writeln!(s, "    {k}({}),", rust_kind(k));
                }
                s.push_str("}\n\n");
                let _ = writeln!(
                    s,
                    "impl {rust} {{\n    /// The node as a `Node`, for walking and dumping.\n    pub fn node(&self) -> &dyn Node {{\n        match self {{"
                );
                match_arms(&mut s, kinds, |k| format!("{rust}::{k}(n) => n,"));
                s.push_str("        }\n    }\n");
                if located {
                    let _ = writeln!(
                        s,
                        "\n    /// Where the node is (without the dynamic dispatch of `Node`).\n    pub fn loc(&self) -> Location {{\n        match self {{"
                    );
                    match_arms(&mut s, kinds, |k| format!("{rust}::{k}(n) => n.loc,"));
                    s.push_str("        }\n    }\n");
                }
                s.push_str("}\n\n");
                let _ = writeln!(
                    s,
                    "impl Node for {rust} {{\n    fn class(&self) -> &'static str {{\n        self.node().class()\n    }}\n\n    fn fields(&self) -> Vec<(&'static str, Field<'_>)> {{\n        self.node().fields()\n    }}\n\n    fn location(&self) -> Option<Location> {{\n        self.node().location()\n    }}\n}}\n"
                );
                for k in kinds {
                    write_struct(
                        &mut s,
                        k["name"].as_str().unwrap(),
                        k["fields"].as_array().unwrap(),
                        located,
                    );
                }
            }
        }
    }
    for (name, info) in products {
        let located = !info["attributes"]
            .as_array()
            .expect("attributes")
            .is_empty();
        write_struct(&mut s, name, info["fields"].as_array().unwrap(), located);
    }
    (AST_NODES.to_string(), s)
}

/// A field's ASDL type; `Dict.keys` and `arguments.kw_defaults` hold
/// `None`s (for `**` and for keyword-only parameters without a default)
/// although the ASDL says `expr*`.
fn field_type<'a>(class: &str, field: &'a Value) -> &'a str {
    match (class, field[0].as_str().unwrap()) {
        ("Dict", "keys") | ("Arguments", "kw_defaults") => "expr?*",
        _ => field[1].as_str().unwrap(),
    }
}

/// The Rust struct of a node class: `Expr` (the statement) would clash
/// with the `Expr` enum of expressions.
fn rust_kind(class: &str) -> String {
    match class {
        "Expr" => "ExprStmt".into(),
        _ => class.into(),
    }
}

/// Rust spelling of an ASDL field name (`type` is a keyword).
fn rust_field(name: &str) -> String {
    match name {
        "type" => "type_".into(),
        _ => name.into(),
    }
}

/// `FunctionDef` -> `function_def`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The visitor traits: a `visit_*` method per type, whose default walks the
/// node's fields, and the `walk_*` functions; once for `&` and once for
/// `&mut`.
fn visitors(data: &Value) -> (String, String) {
    let sums = data["sums"].as_object().expect("sums");
    let products = data["products"].as_object().expect("products");
    // Every visitable type: (method name, Rust type, how to walk it).
    enum Walk {
        Sum(Vec<(String, String)>),
        Fields(Vec<(String, String)>),
        Leaf,
    }
    let mut types: Vec<(String, String, Walk)> = Vec::new();
    let mut type_of: std::collections::BTreeMap<String, (String, String)> = Default::default();
    for (name, info) in sums {
        let kinds = info["kinds"].as_array().expect("kinds");
        let flat = kinds
            .iter()
            .all(|k| k["fields"].as_array().is_some_and(|f| f.is_empty()));
        let rust = sum_name(name);
        if kinds.len() == 1 {
            let class = kinds[0]["name"].as_str().unwrap();
            let rust = rust_kind(class);
            type_of.insert(name.clone(), (snake(&rust), rust));
        } else {
            type_of.insert(name.clone(), (snake(&rust), rust));
        }
        let _ = flat;
    }
    for name in products.keys() {
        type_of.insert(name.clone(), (name.clone(), camel(name)));
    }
    let fields_of = |fields: &[Value], class: &str| -> Vec<(String, String)> {
        fields
            .iter()
            .map(|f| {
                (
                    rust_field(f[0].as_str().unwrap()),
                    field_type(class, f).to_string(),
                )
            })
            .collect()
    };
    for (name, info) in sums {
        let kinds = info["kinds"].as_array().expect("kinds");
        let flat = kinds
            .iter()
            .all(|k| k["fields"].as_array().is_some_and(|f| f.is_empty()));
        let (method, rust) = type_of[name].clone();
        if flat {
            types.push((method, rust, Walk::Leaf));
        } else if kinds.len() == 1 {
            let class = kinds[0]["name"].as_str().unwrap();
            types.push((
                method,
                rust.clone(),
                Walk::Fields(fields_of(kinds[0]["fields"].as_array().unwrap(), &rust)),
            ));
            let _ = class;
        } else {
            let variants = kinds
                .iter()
                .map(|k| {
                    let class = k["name"].as_str().unwrap();
                    (class.to_string(), rust_kind(class))
                })
                .collect();
            types.push((method, rust, Walk::Sum(variants)));
            for k in kinds {
                let rust = rust_kind(k["name"].as_str().unwrap());
                types.push((
                    snake(&rust),
                    rust.clone(),
                    Walk::Fields(fields_of(k["fields"].as_array().unwrap(), &rust)),
                ));
            }
        }
    }
    for (name, info) in products {
        let rust = camel(name);
        types.push((
            name.clone(),
            rust.clone(),
            Walk::Fields(fields_of(info["fields"].as_array().unwrap(), &rust)),
        ));
    }

    let mut s = format!(
        "// Generated by `cargo xtask codegen` from CPython {}'s `ast` module; do not edit.\n\
         //! Visitors over the AST, in the spirit of Python's `ast.NodeVisitor`\n\
         //! (`Visitor`) and `ast.NodeTransformer` (`VisitorMut`, which may change\n\
         //! or replace nodes in place): a `visit_*` method per node type, whose\n\
         //! default walks the node's fields in ASDL order.\n\n\
         use crate::*;\n\n",
        data["python"].as_str().unwrap_or("?")
    );
    for (trait_name, r, suffix) in [("Visitor", "&", ""), ("VisitorMut", "&mut ", "_mut")] {
        let _ = writeln!(s, "pub trait {trait_name} {{");
        for (method, rust, _) in &types {
            let _ = writeln!(
                s,
                "    fn visit_{method}(&mut self, node: {r}{rust}) {{\n        walk_{method}{suffix}(self, node)\n    }}\n"
            );
        }
        s.push_str("}\n\n");
        for (method, rust, walk) in &types {
            let visits_nothing = match walk {
                Walk::Leaf => true,
                Walk::Sum(_) => false,
                Walk::Fields(fields) => !fields
                    .iter()
                    .any(|(_, t)| type_of.contains_key(t.trim_end_matches(['*', '?']))),
            };
            let unused = if visits_nothing { "_" } else { "" };
            let _ = writeln!(
                s,
                "pub fn walk_{method}{suffix}<V: {trait_name} + ?Sized>({unused}v: &mut V, {unused}node: {r}{rust}) {{"
            );
            match walk {
                Walk::Leaf => {}
                Walk::Sum(variants) => {
                    s.push_str("    match node {\n");
                    for (class, rust_variant) in variants {
                        let _ = writeln!(
                            s,
                            "        {rust}::{class}(n) => v.visit_{}(n),",
                            snake(rust_variant)
                        );
                    }
                    s.push_str("    }\n");
                }
                Walk::Fields(fields) => {
                    for (field, ftype) in fields {
                        let base = ftype.trim_end_matches(['*', '?']);
                        let Some((target, _)) = type_of.get(base) else {
                            continue;
                        };
                        let access = format!("{r}node.{field}");
                        if ftype == "expr?*" {
                            let _ = writeln!(
                                s,
                                "    for n in node.{field}.iter{suffix}().flatten() {{\n        v.visit_{target}(n);\n    }}"
                            );
                        } else if ftype.ends_with('*') {
                            let _ = writeln!(
                                s,
                                "    for n in {access} {{\n        v.visit_{target}(n);\n    }}"
                            );
                        } else if ftype.ends_with('?') {
                            let _ = writeln!(
                                s,
                                "    if let Some(n) = {access} {{\n        v.visit_{target}(n);\n    }}"
                            );
                        } else {
                            let _ = writeln!(s, "    v.visit_{target}({access});");
                        }
                    }
                }
            }
            s.push_str("}\n\n");
        }
    }
    (AST_VISITORS.to_string(), s)
}
