//! Built-in transforms: Rust functions that compute a metavariable for a
//! fix from captures, for what a template cannot express.
//!
//! A rule calls one as `NEW: name($A, $B)` under `transform:`. To add one,
//! write a function with the [`Transform`] signature in a file of this
//! folder and list it in [`TRANSFORMS`]; document it in `docs/rules.md`.

mod printf;

use super::matcher::{Capture, Captures};
use super::schema::Safety;
use super::template::Value;
use super::version::Version;
use molt_syntax::SyntaxTree;

/// What a transform sees: the file's tree, the target version, and the
/// file's scopes (built on first use).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub tree: &'a SyntaxTree,
    pub target: Version,
    pub file: &'a super::FileContext<'a>,
}

impl Context<'_> {
    /// Does `node` (a name) refer to the builtin `name`, unshadowed?
    /// A file with a star import may shadow any builtin: never.
    pub fn is_builtin(&self, node: molt_syntax::SyntaxNode<'_>, name: &str) -> bool {
        !self.tree.text().contains("import *")
            && node.kind() == molt_syntax::NodeKind::Name
            && node.text() == name
            && matches!(
                self.file.scopes().qualified_name(node),
                Some((_, molt_syntax::scope::NameSource::Builtin))
            )
    }
}

/// A transform's result: code for the fix and how safe it is, or the
/// reason the code is left alone.
pub type Outcome = Result<(Value, Safety), String>;

/// A transform: the context and its arguments' captures.
pub type Transform = fn(&Context<'_>, &[&Capture]) -> Outcome;

/// Every built-in transform: name, number of arguments, function.
pub const TRANSFORMS: &[(&str, usize, Transform)] =
    &[("printf_to_fstring", 2, printf::printf_to_fstring)];

/// A parsed `name($A, ...)` call.
#[derive(Debug, Clone)]
pub struct Call {
    pub function: Transform,
    pub args: Vec<String>,
}

impl Call {
    /// Parse `text`; an error message for an unknown transform or a wrong
    /// number of arguments.
    pub fn parse(text: &str) -> Result<Call, String> {
        let text = text.trim();
        let (name, rest) = text
            .split_once('(')
            .ok_or_else(|| format!("expected `name($ARG, ...)`, found `{text}`"))?;
        let args_text = rest
            .strip_suffix(')')
            .ok_or_else(|| format!("expected `)` at the end of `{text}`"))?;
        let name = name.trim();
        let &(_, arity, function) =
            TRANSFORMS
                .iter()
                .find(|(n, _, _)| *n == name)
                .ok_or_else(|| {
                    let known: Vec<_> = TRANSFORMS.iter().map(|(n, _, _)| *n).collect();
                    format!("unknown transform `{name}` (known: {})", known.join(", "))
                })?;
        let args = args_text
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.strip_prefix('$')
                    .map(str::to_string)
                    .ok_or_else(|| format!("a transform argument is a metavariable, not `{a}`"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if args.len() != arity {
            return Err(format!(
                "`{name}` takes {arity} arguments, not {}",
                args.len()
            ));
        }
        Ok(Call { function, args })
    }

    /// Run the transform on a match's captures.
    pub fn run(&self, context: &Context<'_>, captures: &Captures) -> Outcome {
        let args = self
            .args
            .iter()
            .map(|name| {
                captures
                    .get(name)
                    .ok_or_else(|| format!("${name} captured nothing"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        (self.function)(context, &args)
    }
}
