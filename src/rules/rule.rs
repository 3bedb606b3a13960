//! Compiled rules and how one rule is checked against one tree.

use super::imports::Import;
use super::matcher::{Capture, Captures, capture_range, match_node};
use super::pattern::{Code, unparen};
use super::precedence;
use super::schema::{Safety, Severity, Tests};
use super::template::{Template, Value};
use super::transform::{self, Call};
use super::version::Version;
use molt_syntax::scope::{BindingKind, NameSource, Scopes};
use molt_syntax::syntax::{NodeId, indentation_at};
use molt_syntax::{NodeKind, SyntaxNode, SyntaxTree, TextRange, TokenKind};
use regex::Regex;
use std::cell::OnceCell;
use std::path::PathBuf;

/// A rule ready to run.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub message: String,
    pub severity: Severity,
    pub note: Option<String>,
    pub url: Option<String>,
    pub min_python: Option<Version>,
    pub safety: Safety,
    pub(super) matcher: Matcher,
    /// The node kinds a match can have; `None` for any.
    pub(super) kinds: Option<Vec<NodeKind>>,
    /// Texts a file must contain to hold a match.
    pub(super) literals: Vec<String>,
    pub(super) constraints: Vec<(String, Constraint)>,
    pub(super) transforms: Vec<(String, Call)>,
    pub(super) fix: Option<Template>,
    pub imports: Vec<Import>,
    pub tests: Option<Tests>,
    /// The file the rule came from (`<built-in>/name.yaml` for built-ins).
    pub path: PathBuf,
}

#[derive(Debug)]
pub(super) enum Matcher {
    Pattern(Code),
    Kind(NodeKind),
    All(Vec<Matcher>),
    Any(Vec<Matcher>),
    Not(Box<Matcher>),
    Inside(Box<Matcher>),
    Has(Box<Matcher>),
}

#[derive(Debug, Default)]
pub(super) struct Constraint {
    pub regex: Option<Regex>,
    pub kinds: Vec<NodeKind>,
    pub qualified_names: Vec<String>,
}

/// What became of one match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A fix: the replacement text and how safe it is.
    Fix { text: String, safety: Safety },
    /// The rule reports the code and has no fix for it.
    Report,
    /// The rule reports the code, but its fix would lose something (a
    /// comment): the reason.
    ReportWithoutFix(String),
    /// The code is left alone: why (`--show-skips`).
    Skipped(String),
}

/// One match of one rule in one file.
#[derive(Debug, Clone)]
pub struct Match {
    pub rule: usize,
    pub node: NodeId,
    pub range: TextRange,
    pub outcome: Outcome,
}

impl Matcher {
    /// The node kinds this matcher can match; `None` for any.
    pub(super) fn kinds(&self) -> Option<Vec<NodeKind>> {
        match self {
            Matcher::Pattern(code) => code.root_kind().map(|k| vec![k]),
            Matcher::Kind(k) => Some(vec![*k]),
            Matcher::All(all) => all.iter().filter_map(Matcher::kinds).min_by_key(Vec::len),
            Matcher::Any(any) => {
                let mut out = Vec::new();
                for m in any {
                    out.extend(m.kinds()?);
                }
                out.sort();
                out.dedup();
                Some(out)
            }
            Matcher::Not(_) | Matcher::Inside(_) | Matcher::Has(_) => None,
        }
    }

    /// Literal texts every match contains.
    pub(super) fn literals(&self) -> Vec<String> {
        match self {
            Matcher::Pattern(code) => code.literals(),
            Matcher::All(all) => all.iter().flat_map(Matcher::literals).take(2).collect(),
            _ => Vec::new(),
        }
    }

    fn matches(&self, node: SyntaxNode<'_>, captures: &mut Captures) -> bool {
        match self {
            Matcher::Pattern(code) => match_node(&code.facts, code.root(), node, captures),
            Matcher::Kind(kind) => node.kind() == *kind,
            Matcher::All(all) => all.iter().all(|m| m.matches(node, captures)),
            Matcher::Any(any) => any.iter().any(|m| {
                let mut trial = captures.clone();
                let ok = m.matches(node, &mut trial);
                if ok {
                    *captures = trial;
                }
                ok
            }),
            Matcher::Not(m) => !m.matches(node, &mut captures.clone()),
            Matcher::Inside(m) => node.ancestors().any(|a| {
                let mut trial = captures.clone();
                let ok = m.matches(a, &mut trial);
                if ok {
                    *captures = trial;
                }
                ok
            }),
            Matcher::Has(m) => descendants(node).any(|d| {
                let mut trial = captures.clone();
                let ok = m.matches(d, &mut trial);
                if ok {
                    *captures = trial;
                }
                ok
            }),
        }
    }
}

/// The nodes under `node`, in preorder.
fn descendants<'t>(node: SyntaxNode<'t>) -> impl Iterator<Item = SyntaxNode<'t>> {
    let tree = node.tree();
    tree.preorder()
        .skip(node.id().index() + 1)
        .take_while(move |d| d.ancestors().any(|a| a.id() == node.id()))
}

/// What a rule run over one file shares: the tree, its nodes by kind, and
/// the scopes (built only when a rule asks for a qualified name).
pub struct FileContext<'t> {
    pub tree: &'t SyntaxTree,
    pub target: Version,
    by_kind: Vec<Vec<NodeId>>,
    scopes: OnceCell<Scopes>,
    newline: &'static str,
}

impl<'t> FileContext<'t> {
    pub fn new(tree: &'t SyntaxTree, target: Version) -> FileContext<'t> {
        let mut by_kind = vec![Vec::new(); NodeKind::ALL.len()];
        for node in tree.preorder() {
            by_kind[node.kind() as usize].push(node.id());
        }
        let newline = newline_of(tree.text());
        FileContext {
            tree,
            target,
            by_kind,
            scopes: OnceCell::new(),
            newline,
        }
    }

    pub fn newline(&self) -> &'static str {
        self.newline
    }

    pub(crate) fn scopes(&self) -> &Scopes {
        self.scopes.get_or_init(|| Scopes::new(self.tree))
    }
}

impl Rule {
    /// Is the rule on for `target`?
    pub fn applies_to(&self, target: Version) -> bool {
        self.min_python.is_none_or(|min| min <= target)
    }

    /// Can the rule match in `text`: is it on for `target`, and does the
    /// text hold its literal texts?
    pub fn may_match(&self, text: &str, target: Version) -> bool {
        self.applies_to(target) && self.literals.iter().all(|l| text.contains(l.as_str()))
    }

    /// Every match of this rule in the file, in preorder.
    pub fn check(&self, index: usize, file: &FileContext<'_>, out: &mut Vec<Match>) {
        let tree = file.tree;
        if !self.may_match(tree.text(), file.target) {
            return;
        }
        let visit = |id: NodeId| {
            let node = tree.node(id);
            let mut captures = Captures::default();
            if self.matcher.matches(node, &mut captures) && self.satisfies(file, &captures) {
                let (outcome, range) = self.outcome(file, node, &captures);
                out.push(Match {
                    rule: index,
                    node: id,
                    range,
                    outcome,
                });
            }
        };
        match &self.kinds {
            Some(kinds) if kinds.len() == 1 => file.by_kind[kinds[0] as usize]
                .iter()
                .copied()
                .for_each(visit),
            Some(kinds) => {
                let mut ids: Vec<NodeId> = kinds
                    .iter()
                    .flat_map(|k| file.by_kind[*k as usize].iter().copied())
                    .collect();
                ids.sort();
                ids.into_iter().for_each(visit)
            }
            None => tree.preorder().map(|n| n.id()).for_each(visit),
        }
    }

    fn satisfies(&self, file: &FileContext<'_>, captures: &Captures) -> bool {
        self.constraints.iter().all(|(name, constraint)| {
            let Some(capture) = captures.get(name) else {
                return false;
            };
            let tree = file.tree;
            let text = &tree.text()[capture_range(tree, capture).as_usize()];
            if let Some(regex) = &constraint.regex
                && !regex.is_match(text)
            {
                return false;
            }
            let node = match capture {
                Capture::Node(id) => Some(tree.node(*id)),
                _ => None,
            };
            if !constraint.kinds.is_empty()
                && !node.is_some_and(|n| constraint.kinds.contains(&unparen(n).kind()))
            {
                return false;
            }
            if !constraint.qualified_names.is_empty() {
                let Some(node) = node else {
                    return false;
                };
                // Only names that come from an import (or the builtins)
                // have a qualified name; a local `os` is not the module.
                let Some((name, NameSource::Import | NameSource::Builtin)) =
                    file.scopes().qualified_name(unparen(node))
                else {
                    return false;
                };
                if !constraint.qualified_names.contains(&name) {
                    return false;
                }
            }
            true
        })
    }

    /// What to do with a match at `node`, and the range a fix replaces.
    fn outcome(
        &self,
        file: &FileContext<'_>,
        node: SyntaxNode<'_>,
        captures: &Captures,
    ) -> (Outcome, TextRange) {
        let Some(template) = &self.fix else {
            return (Outcome::Report, node.range());
        };
        // A statement fix for an expression match replaces the statement
        // the expression makes up (`self.assertTrue(x)` -> `assert x`).
        let mut replaced = node;
        if template.is_statement() && node.is_expression() {
            match node.parent() {
                Some(parent)
                    if parent.kind() == NodeKind::ExprStmt && parent.range() == node.range() =>
                {
                    replaced = parent
                }
                _ => {
                    return (
                        Outcome::Skipped(
                            "the fix is a statement, and the match is part of an expression".into(),
                        ),
                        node.range(),
                    );
                }
            }
        }
        (
            self.fill(file, replaced, template, captures),
            replaced.range(),
        )
    }

    /// Fill the fix for a match replacing `node`.
    fn fill(
        &self,
        file: &FileContext<'_>,
        node: SyntaxNode<'_>,
        template: &Template,
        captures: &Captures,
    ) -> Outcome {
        let context = transform::Context {
            tree: file.tree,
            target: file.target,
            file,
        };
        let mut safety = self.safety;
        let mut computed: Vec<(&str, Value)> = Vec::new();
        for (name, call) in &self.transforms {
            match call.run(&context, captures) {
                Ok((value, s)) => {
                    safety = safety.max(s);
                    computed.push((name, value));
                }
                Err(reason) => return Outcome::Skipped(reason),
            }
        }
        let tree = file.tree;
        // A name the fix imports must mean the import where the fix uses
        // it: not a parameter or a variable of the same name.
        for import in &self.imports {
            let (name, meaning) = import.binding();
            let scopes = file.scopes();
            if let Some((scope, _)) = scopes.resolve(scopes.scope_of(node), name) {
                let other = scopes.scopes()[scope].bindings.get(name).is_some_and(|all| {
                    all.iter().any(|b| {
                        !matches!(&b.kind, BindingKind::Import { qualified } if *qualified == meaning)
                    })
                });
                if other {
                    return Outcome::Skipped(format!(
                        "the fix needs `{}`, and `{name}` means something else here",
                        import.text
                    ));
                }
            }
        }
        let lookup = |name: &str| {
            if let Some((_, v)) = computed.iter().find(|(n, _)| *n == name) {
                return Some(v.clone());
            }
            let capture = captures.get(name)?;
            let range = capture_range(tree, capture);
            let text = tree.text()[range.as_usize()].to_string();
            let precedence = match capture {
                Capture::Node(id) => precedence::of(tree.node(*id)),
                _ => precedence::ATOM,
            };
            let indent = Some(indentation_at(tree.text(), range.start).to_string());
            let bare_newline = match capture {
                Capture::Node(id) => bare_newline(tree.node(*id)),
                _ => text.contains('\n'),
            };
            Some(Value {
                text,
                precedence,
                indent,
                bare_newline,
            })
        };
        let indent = indentation_at(tree.text(), node.range().start);
        let Some(mut value) = template.fill(lookup, file.newline(), indent) else {
            return Outcome::Skipped("a metavariable of the fix captured nothing".into());
        };
        if node.is_expression() {
            if value.precedence < precedence::required(node) {
                value.text = format!("({})", value.text);
            }
            if molt_syntax::parse_as(&format!("({}\n)", value.text), molt_syntax::Input::Eval)
                .error
                .is_some()
            {
                return Outcome::Skipped(format!("the fix `{}` would not parse", value.text));
            }
        } else {
            // A statement fix must parse where it goes (`a = 1; f(x)`
            // cannot become a compound statement).
            let text = tree.text();
            let range = node.range().as_usize();
            let edited = format!(
                "{}{}{}",
                &text[..range.start],
                value.text,
                &text[range.end..]
            );
            if molt_syntax::parse(&edited).error.is_some() {
                return Outcome::Skipped("the fix would not parse here".into());
            }
        }
        // A comment inside the match must survive the fix.
        let range = node.range();
        let comments: Vec<&str> = node
            .token_range()
            .filter(|&i| tree.tokens().kind(i as usize) == TokenKind::Comment)
            .map(|i| tree.token_text(i))
            .collect();
        let dropped = comments.iter().any(|c| {
            let before = comments.iter().filter(|d| *d == c).count();
            value.text.matches(c).count() < before
        });
        if dropped {
            return Outcome::ReportWithoutFix("the fix would drop a comment".into());
        }
        if value.text == tree.text()[range.as_usize()] {
            return Outcome::Report;
        }
        Outcome::Fix {
            text: value.text,
            safety,
        }
    }
}

/// The line ending new lines in `text` get: CRLF if it has any, else LF.
pub fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Does `node` hold a line break outside its own brackets?
fn bare_newline(node: SyntaxNode<'_>) -> bool {
    let tokens = node.tree().tokens();
    let mut depth = 0i32;
    for i in node.token_range() {
        match tokens.kind(i as usize) {
            TokenKind::LPar | TokenKind::LSqb | TokenKind::LBrace => depth += 1,
            TokenKind::RPar | TokenKind::RSqb | TokenKind::RBrace => depth -= 1,
            TokenKind::Nl | TokenKind::Newline if depth <= 0 => return true,
            _ => {}
        }
    }
    false
}
