//! Fix templates: Python code with the pattern's metavariables, filled
//! with captured code. Filling is precedence-aware: a capture that would
//! bind differently in its new place gets parentheses.

use super::pattern::{Code, Meta, meta};
use super::precedence;
use std::collections::BTreeSet;
use std::ops::Range;

/// What fills a hole: code and how strongly it binds.
#[derive(Debug, Clone)]
pub struct Value {
    pub text: String,
    pub precedence: u8,
    /// For captured code: the indentation of the line it starts on, so
    /// that its other lines can follow it to a new indentation.
    pub indent: Option<String>,
    /// Whether the code has a line break outside its own brackets (it
    /// needs parentheses in any other place).
    pub bare_newline: bool,
}

/// A parsed template.
#[derive(Debug)]
pub struct Template {
    code: Code,
    holes: Vec<Hole>,
}

#[derive(Debug)]
struct Hole {
    name: String,
    range: Range<usize>,
    /// The weakest precedence the place accepts; `None` for a name token
    /// or a `$$$` run, which are inserted as they are.
    required: Option<u8>,
}

impl Template {
    /// Parse a template; an error message when it does not parse.
    pub fn parse(source: &str) -> Result<Template, String> {
        let code = Code::parse(source)?;
        let tree = code.tree();
        let mut holes = Vec::new();
        let mut seen = BTreeSet::new();
        for node in tree.preorder() {
            if node.kind() == molt_syntax::NodeKind::Name
                && let Some(m) = meta(node.text())
            {
                let range = node.range().as_usize();
                seen.insert(range.start);
                let (name, required) = match m {
                    Meta::Single(name) => (name, Some(precedence::required(node))),
                    Meta::Many(name) => (name, None),
                };
                holes.push(Hole {
                    name: name.to_string(),
                    range,
                    required,
                });
            }
        }
        for i in 0..tree.tokens().len() as u32 {
            let range = tree.tokens().range(i as usize).as_usize();
            if let Some(Meta::Single(name) | Meta::Many(name)) = meta(tree.token_text(i))
                && !seen.contains(&range.start)
            {
                holes.push(Hole {
                    name: name.to_string(),
                    range,
                    required: None,
                });
            }
        }
        holes.sort_by_key(|h| h.range.start);
        Ok(Template { code, holes })
    }

    /// Is the template a statement (not an expression)?
    pub fn is_statement(&self) -> bool {
        !self.code.root().is_expression()
    }

    /// The metavariables the template uses.
    pub fn metavars(&self) -> impl Iterator<Item = &str> {
        self.holes.iter().map(|h| h.name.as_str())
    }

    /// Fill the holes with `lookup`'s values; also say how strongly the
    /// result binds. `None` when a metavariable has no value.
    /// Lines of the template after its first get `newline` and `indent`
    /// (the indentation of the line the match starts on).
    pub fn fill(
        &self,
        lookup: impl Fn(&str) -> Option<Value>,
        newline: &str,
        indent: &str,
    ) -> Option<Value> {
        let push_template = |out: &mut String, piece: &str| {
            for (i, line) in piece.split('\n').enumerate() {
                if i > 0 {
                    out.push_str(newline);
                    if !line.trim().is_empty() {
                        out.push_str(indent);
                    }
                }
                out.push_str(line);
            }
        };
        let text = self.code.tree().text();
        let root = self.code.root();
        let root_range = root.range().as_usize();
        let mut out = String::new();
        let mut at = root_range.start;
        let mut precedence = precedence::of(root);
        for hole in &self.holes {
            let value = lookup(&hole.name)?;
            push_template(&mut out, &text[at..hole.range.start]);
            // A capture with a line break outside its own brackets stays
            // valid only inside brackets.
            let wrap = hole
                .required
                .is_some_and(|r| value.precedence < r || value.bare_newline);
            if wrap {
                out.push('(');
            }
            let line_start = text[..hole.range.start]
                .rfind('\n')
                .map_or(root_range.start, |i| i + 1);
            // A capture that starts its template line (statements) moves
            // from its own indentation; one inside a line keeps its place
            // relative to the match's line.
            let before = &text[line_start..hole.range.start];
            let lead = &before[..before.len() - before.trim_start().len()];
            let from = if before.trim().is_empty() {
                value.indent.as_deref()
            } else {
                Some(indent)
            };
            out.push_str(&reindent(
                &value.text,
                from,
                &format!("{indent}{lead}"),
                newline,
            ));
            if wrap {
                out.push(')');
            }
            if hole.range == root_range {
                precedence = if wrap {
                    precedence::ATOM
                } else {
                    value.precedence
                };
            }
            at = hole.range.end;
        }
        push_template(&mut out, &text[at..root_range.end]);
        Some(Value {
            text: out,
            precedence,
            indent: None,
            bare_newline: false,
        })
    }
}

/// A capture's text with its lines after the first moved from the
/// indentation it had to `base`. Text with a string or a backslash
/// continuation that may span lines is left as written.
fn reindent(text: &str, old: Option<&str>, base: &str, newline: &str) -> String {
    let Some(old) = old else {
        return text.to_string();
    };
    if old == base
        || !text.contains('\n')
        || text.contains("'''")
        || text.contains("\"\"\"")
        || text.contains(&format!("\\{newline}"))
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split_inclusive('\n').enumerate() {
        match line.strip_prefix(old) {
            Some(rest) if i > 0 => {
                out.push_str(base);
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}
