//! Imports a fix needs: added once per file, after the file's leading
//! docstring and imports, never duplicated.

use molt_syntax::{NodeKind, SyntaxNode, SyntaxTree, parse};

/// `import a.b` or `from a import b`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    pub text: String,
    module: String,
    name: Option<String>,
}

impl Import {
    /// Parse an import line; an error message when it is not one simple
    /// import.
    pub fn parse(text: &str) -> Result<Import, String> {
        let text = text.trim();
        let words: Vec<&str> = text.split_whitespace().collect();
        let valid = |s: &str| parse(s).error.is_none();
        let import = match words[..] {
            ["import", module] if valid(text) => Import {
                text: text.to_string(),
                module: module.to_string(),
                name: None,
            },
            ["from", module, "import", name] if valid(text) => Import {
                text: text.to_string(),
                module: module.to_string(),
                name: Some(name.to_string()),
            },
            _ => {
                return Err(format!("`{text}` is not `import a.b` or `from a import b`"));
            }
        };
        Ok(import)
    }

    /// The name the import binds (`Path`, or `os` for `import os.path`),
    /// and what that name means (`pathlib.Path`, `os`).
    pub fn binding(&self) -> (&str, String) {
        match &self.name {
            Some(name) => (name, format!("{}.{name}", self.module)),
            None => {
                let first = self.module.split('.').next().unwrap_or(&self.module);
                (first, first.to_string())
            }
        }
    }

    /// Does the module already import this (at module level)?
    pub fn is_present(&self, tree: &SyntaxTree) -> bool {
        tree.root().statements().any(|s| self.matches(s))
    }

    fn matches(&self, statement: SyntaxNode<'_>) -> bool {
        let unaliased = |alias: SyntaxNode<'_>| alias.child_token("as").is_none();
        match (statement.kind(), &self.name) {
            (NodeKind::Import, None) => statement
                .children()
                .filter(|c| c.kind() == NodeKind::Alias)
                .any(|alias| {
                    unaliased(alias)
                        && alias
                            .child(NodeKind::DottedName)
                            .is_some_and(|d| squeeze(d.text()) == self.module)
                }),
            (NodeKind::ImportFrom, Some(name)) => {
                let module = statement
                    .child(NodeKind::DottedName)
                    .is_some_and(|d| squeeze(d.text()) == self.module);
                let star = statement
                    .child(NodeKind::ImportNames)
                    .is_some_and(|names| names.text().trim() == "*");
                module
                    && (star
                        || statement
                            .descendants_of_kind(NodeKind::Alias)
                            .any(|alias| squeeze(alias.text()) == *name))
            }
            _ => false,
        }
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

trait Descendants<'t> {
    fn descendants_of_kind(self, kind: NodeKind) -> Box<dyn Iterator<Item = SyntaxNode<'t>> + 't>;
}

impl<'t> Descendants<'t> for SyntaxNode<'t> {
    fn descendants_of_kind(self, kind: NodeKind) -> Box<dyn Iterator<Item = SyntaxNode<'t>> + 't> {
        Box::new(self.children().flat_map(move |c| {
            let own: Box<dyn Iterator<Item = SyntaxNode<'t>>> = if c.kind() == kind {
                Box::new(std::iter::once(c))
            } else {
                Box::new(std::iter::empty())
            };
            own.chain(c.descendants_of_kind(kind))
        }))
    }
}

/// Add the imports `tree` lacks, each on its own line after the leading
/// docstring and imports; `None` when none is missing.
pub fn add_missing(tree: &SyntaxTree, imports: &[&Import], newline: &str) -> Option<String> {
    let mut missing: Vec<&Import> = imports
        .iter()
        .copied()
        .filter(|i| !i.is_present(tree))
        .collect();
    let mut seen = std::collections::HashSet::new();
    missing.retain(|i| seen.insert(i.text.clone()));
    if missing.is_empty() {
        return None;
    }
    let text = tree.text();
    // After the last statement of the leading run of docstring and
    // imports; before the first statement when there is none.
    let mut at = None;
    for (i, statement) in tree.root().statements().enumerate() {
        let docstring = i == 0
            && statement.kind() == NodeKind::ExprStmt
            && matches!(
                statement
                    .children()
                    .next()
                    .map(|c| super::pattern::unparen(c).kind()),
                Some(NodeKind::String | NodeKind::Strings)
            );
        if !(docstring || matches!(statement.kind(), NodeKind::Import | NodeKind::ImportFrom)) {
            if at.is_none() {
                at = Some(line_start(text, statement.range().start as usize));
            }
            break;
        }
        let line = statement
            .parent()
            .filter(|p| p.kind() == NodeKind::SimpleStatements)
            .unwrap_or(statement);
        at = Some(line.range().end as usize);
    }
    let at = at.unwrap_or(text.len());
    let mut lines = String::new();
    if at > 0 && !text[..at].ends_with(['\n', '\r']) {
        lines.push_str(newline);
    }
    for import in missing {
        lines.push_str(&import.text);
        lines.push_str(newline);
    }
    Some(format!("{}{lines}{}", &text[..at], &text[at..]))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}
