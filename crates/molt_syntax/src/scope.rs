//! Scope metadata over the CST: the scopes of a module (module, class,
//! function, lambda, comprehension), the names each binds and how, and the
//! qualified name an expression refers to through imports
//! (`from os import path as p; p.join` is `os.path.join`), so that rules
//! can ask for what code means rather than how it is spelled.

use crate::TokenKind;
use crate::syntax::{NodeId, NodeKind, SyntaxNode, SyntaxTree};
use std::collections::{BTreeMap, BTreeSet};

/// What kind of scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// How a name is bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BindingKind {
    /// `import a.b` binds `a` to `a`; `import a.b as c` and
    /// `from a import b as c` bind `c` to `a.b`.
    Import {
        qualified: String,
    },
    Assignment,
    Parameter,
    /// `def` or `class`.
    Definition,
    /// A `for` target, a `with ... as`, an `except ... as`, a walrus, a
    /// capture pattern, a type parameter.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub kind: BindingKind,
    pub node: NodeId,
}

#[derive(Debug, Clone)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub parent: Option<usize>,
    pub node: NodeId,
    pub bindings: BTreeMap<String, Vec<Binding>>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
}

/// Where a qualified name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    Import,
    Local,
    Builtin,
}

/// The scopes of a tree.
#[derive(Debug, Clone)]
pub struct Scopes {
    scopes: Vec<Scope>,
    /// The innermost scope of every node, by node index.
    node_scope: Vec<u32>,
}

impl Scopes {
    pub fn new(tree: &SyntaxTree) -> Scopes {
        let root = tree.root();
        let mut builder = Builder {
            scopes: vec![Scope::new(
                ScopeKind::Module,
                "<module>".into(),
                None,
                root.id(),
            )],
            node_scope: vec![0; tree.node_count()],
        };
        builder.walk(root, 0);
        Scopes {
            scopes: builder.scopes,
            node_scope: builder.node_scope,
        }
    }

    pub fn scopes(&self) -> &[Scope] {
        &self.scopes
    }

    /// The innermost scope `node` is in.
    pub fn scope_of(&self, node: SyntaxNode<'_>) -> usize {
        self.node_scope[node.id().0 as usize] as usize
    }

    /// The binding a name resolves to from `scope` (local, enclosing
    /// functions, module), as Python resolves it; class scopes are seen
    /// only from their own body.
    pub fn resolve(&self, scope: usize, name: &str) -> Option<(usize, &Binding)> {
        let mut at = Some(scope);
        let mut first = true;
        while let Some(s) = at {
            let sc = &self.scopes[s];
            if sc.globals.contains(name) {
                return self.scopes[0]
                    .bindings
                    .get(name)
                    .and_then(|b| b.last())
                    .map(|b| (0, b));
            }
            if (first || sc.kind != ScopeKind::Class)
                && !sc.nonlocals.contains(name)
                && let Some(b) = sc.bindings.get(name).and_then(|b| b.last())
            {
                return Some((s, b));
            }
            first = false;
            at = sc.parent;
        }
        None
    }

    /// The qualified name of a `Name` or `Attribute` node: through the
    /// imports in scope (`os.path.join`), a local name as written, or a
    /// builtin (`builtins.print`).
    pub fn qualified_name(&self, node: SyntaxNode<'_>) -> Option<(String, NameSource)> {
        match node.kind() {
            NodeKind::Name => {
                let name = node.text();
                match self.resolve(self.scope_of(node), name) {
                    Some((
                        _,
                        Binding {
                            kind: BindingKind::Import { qualified },
                            ..
                        },
                    )) => Some((qualified.clone(), NameSource::Import)),
                    Some(_) => Some((name.to_string(), NameSource::Local)),
                    None if is_builtin(name) => {
                        Some((format!("builtins.{name}"), NameSource::Builtin))
                    }
                    None => None,
                }
            }
            NodeKind::Attribute => {
                let value = node.nth_expression(0)?;
                let (base, source) = self.qualified_name(value)?;
                Some((format!("{base}.{}", node.last_name()?), source))
            }
            _ => None,
        }
    }
}

impl Scope {
    fn new(kind: ScopeKind, name: String, parent: Option<usize>, node: NodeId) -> Scope {
        Scope {
            kind,
            name,
            parent,
            node,
            bindings: BTreeMap::new(),
            globals: BTreeSet::new(),
            nonlocals: BTreeSet::new(),
        }
    }
}

struct Builder {
    scopes: Vec<Scope>,
    node_scope: Vec<u32>,
}

impl Builder {
    fn bind(&mut self, scope: usize, name: &str, kind: BindingKind, node: NodeId) {
        let target = if self.scopes[scope].globals.contains(name) {
            0
        } else {
            scope
        };
        self.scopes[target]
            .bindings
            .entry(name.to_string())
            .or_default()
            .push(Binding { kind, node });
    }

    fn open(
        &mut self,
        kind: ScopeKind,
        name: String,
        parent: usize,
        node: SyntaxNode<'_>,
    ) -> usize {
        self.scopes
            .push(Scope::new(kind, name, Some(parent), node.id()));
        self.scopes.len() - 1
    }

    /// Record the scope of `node` and its subtree, opening scopes and
    /// binding names on the way.
    fn walk(&mut self, node: SyntaxNode<'_>, scope: usize) {
        self.node_scope[node.id().0 as usize] = scope as u32;
        match node.kind() {
            NodeKind::FunctionDef | NodeKind::ClassDef => {
                let name = node
                    .child(NodeKind::Name)
                    .map(|n| n.text().to_string())
                    .unwrap_or_default();
                if let Some(n) = node.child(NodeKind::Name) {
                    self.bind(scope, &name, BindingKind::Definition, n.id());
                }
                let kind = if node.kind() == NodeKind::ClassDef {
                    ScopeKind::Class
                } else {
                    ScopeKind::Function
                };
                let inner = self.open(kind, name, scope, node);
                for child in node.children() {
                    match child.kind() {
                        // Evaluated where the definition is.
                        NodeKind::Decorator | NodeKind::Arguments => self.walk(child, scope),
                        NodeKind::Name => self.node_scope[child.id().0 as usize] = scope as u32,
                        NodeKind::Parameters => self.parameters(child, scope, inner),
                        NodeKind::TypeParams => self.type_params(child, inner),
                        NodeKind::Block => self.walk(child, inner),
                        _ => self.walk(child, scope),
                    }
                }
            }
            NodeKind::Lambda => {
                let inner = self.open(ScopeKind::Lambda, "lambda".into(), scope, node);
                for child in node.children() {
                    match child.kind() {
                        NodeKind::Parameters => self.parameters(child, scope, inner),
                        _ => self.walk(child, inner),
                    }
                }
            }
            NodeKind::ListComp | NodeKind::SetComp | NodeKind::DictComp | NodeKind::Generator => {
                let inner = self.open(
                    ScopeKind::Comprehension,
                    node.kind().name().to_lowercase(),
                    scope,
                    node,
                );
                let mut first_iter = true;
                for child in node.children() {
                    if child.kind() == NodeKind::ForClause {
                        for part in child.children() {
                            let is_iter = child
                                .expression_after("in")
                                .is_some_and(|i| i.id() == part.id());
                            if is_iter && first_iter {
                                // The first iterable is evaluated outside.
                                self.walk(part, scope);
                                first_iter = false;
                            } else if part.is_expression() && !is_iter {
                                self.targets(part, inner, BindingKind::Other);
                                self.walk(part, inner);
                            } else {
                                self.walk(part, inner);
                            }
                        }
                        self.node_scope[child.id().0 as usize] = inner as u32;
                    } else {
                        self.walk(child, inner);
                    }
                }
            }
            NodeKind::Global | NodeKind::Nonlocal => {
                let names: Vec<String> = node
                    .child_tokens()
                    .filter(|&(_, k)| k == TokenKind::Name)
                    .skip(1)
                    .map(|(i, _)| node.tree().token_text(i).to_string())
                    .collect();
                let set = if node.kind() == NodeKind::Global {
                    &mut self.scopes[scope].globals
                } else {
                    &mut self.scopes[scope].nonlocals
                };
                set.extend(names);
            }
            NodeKind::Import | NodeKind::ImportFrom => {
                for child in node.children() {
                    self.walk(child, scope);
                }
                self.imports(node, scope);
            }
            _ => {
                self.bindings_of(node, scope);
                for child in node.children() {
                    self.walk(child, scope);
                }
            }
        }
    }

    /// The names a statement or expression binds in `scope`.
    fn bindings_of(&mut self, node: SyntaxNode<'_>, scope: usize) {
        match node.kind() {
            NodeKind::Assign => {
                let exprs: Vec<_> = node.children().filter(SyntaxNode::is_expression).collect();
                for target in &exprs[..exprs.len().saturating_sub(1)] {
                    self.targets(*target, scope, BindingKind::Assignment);
                }
            }
            NodeKind::AugAssign | NodeKind::AnnAssign => {
                if let Some(target) = node.nth_expression(0) {
                    let simple =
                        node.kind() == NodeKind::AugAssign || node.expression_after("=").is_some();
                    if simple || target.kind() == NodeKind::Name {
                        self.targets(target, scope, BindingKind::Assignment);
                    }
                }
            }
            NodeKind::For => {
                if let Some(target) = node.nth_expression(0) {
                    self.targets(target, scope, BindingKind::Other);
                }
            }
            NodeKind::WithItem => {
                if let Some(target) = node.expression_after("as") {
                    self.targets(target, scope, BindingKind::Other);
                }
            }
            NodeKind::ExceptHandler => {
                if let Some(name) = node.expression_after("as") {
                    self.bind(scope, name.text(), BindingKind::Other, name.id());
                }
            }
            NodeKind::NamedExpr => {
                // A walrus binds outside any comprehension.
                let mut at = scope;
                while self.scopes[at].kind == ScopeKind::Comprehension {
                    at = self.scopes[at].parent.unwrap_or(0);
                }
                if let Some(name) = node.child(NodeKind::Name) {
                    self.bind(at, name.text(), BindingKind::Other, name.id());
                }
            }
            NodeKind::TypeAlias => {
                if let Some(name) = node.child(NodeKind::Name) {
                    self.bind(scope, name.text(), BindingKind::Assignment, name.id());
                }
            }
            NodeKind::MatchCapture => self.bind(scope, node.text(), BindingKind::Other, node.id()),
            NodeKind::MatchAs | NodeKind::MatchStar | NodeKind::MatchMappingItem => {
                let star = node.kind() != NodeKind::MatchAs
                    && node.child_token("**").is_none()
                    && node.child_token("*").is_none();
                if !star
                    && let Some(name) = node.last_name()
                    && name != "_"
                {
                    self.bind(scope, name, BindingKind::Other, node.id());
                }
            }
            _ => {}
        }
    }

    /// Bind the names an assignment target assigns.
    fn targets(&mut self, target: SyntaxNode<'_>, scope: usize, kind: BindingKind) {
        match target.kind() {
            NodeKind::Name => self.bind(scope, target.text(), kind, target.id()),
            NodeKind::Tuple | NodeKind::List | NodeKind::Paren | NodeKind::Starred => {
                for child in target.children().filter(SyntaxNode::is_expression) {
                    self.targets(child, scope, kind.clone());
                }
            }
            _ => {}
        }
    }

    fn parameters(&mut self, params: SyntaxNode<'_>, outer: usize, inner: usize) {
        self.node_scope[params.id().0 as usize] = inner as u32;
        for param in params.children() {
            self.node_scope[param.id().0 as usize] = inner as u32;
            for child in param.children() {
                if child.kind() == NodeKind::Name
                    && param
                        .child(NodeKind::Name)
                        .is_some_and(|n| n.id() == child.id())
                {
                    self.node_scope[child.id().0 as usize] = inner as u32;
                    self.bind(inner, child.text(), BindingKind::Parameter, child.id());
                } else {
                    // Annotations and defaults are evaluated outside.
                    self.walk(child, outer);
                }
            }
        }
    }

    fn type_params(&mut self, params: SyntaxNode<'_>, inner: usize) {
        for param in params.children() {
            if let Some(name) = param.child(NodeKind::Name) {
                self.bind(inner, name.text(), BindingKind::Other, name.id());
            }
            self.walk(param, inner);
        }
    }

    fn imports(&mut self, node: SyntaxNode<'_>, scope: usize) {
        let tree = node.tree();
        let dotted = |n: SyntaxNode<'_>| -> String {
            n.child_tokens()
                .filter(|(_, k)| !k.is_trivia())
                .map(|(i, _)| tree.token_text(i))
                .collect()
        };
        if node.kind() == NodeKind::Import {
            for alias in node.children() {
                let Some(name) = alias.child(NodeKind::DottedName) else {
                    continue;
                };
                let full = dotted(name);
                match alias.expression_after("as") {
                    Some(asname) => self.bind(
                        scope,
                        asname.text(),
                        BindingKind::Import { qualified: full },
                        asname.id(),
                    ),
                    None => {
                        let first = full.split('.').next().unwrap_or_default().to_string();
                        self.bind(
                            scope,
                            &first.clone(),
                            BindingKind::Import { qualified: first },
                            alias.id(),
                        );
                    }
                }
            }
            return;
        }
        let mut module = String::new();
        for (i, kind) in node.child_tokens() {
            if matches!(kind, TokenKind::Dot | TokenKind::Ellipsis) {
                module.push_str(tree.token_text(i));
            }
        }
        if let Some(name) = node.child(NodeKind::DottedName) {
            module.push_str(&dotted(name));
        }
        let Some(names) = node.child(NodeKind::ImportNames) else {
            return;
        };
        for alias in names.children() {
            let Some(name) = alias.children().next() else {
                continue;
            };
            let qualified = if module.ends_with('.') {
                format!("{module}{}", name.text())
            } else {
                format!("{module}.{}", name.text())
            };
            let bound = alias.expression_after("as").unwrap_or(name);
            self.bind(
                scope,
                bound.text(),
                BindingKind::Import { qualified },
                bound.id(),
            );
        }
    }
}

/// Names in CPython's `builtins` module.
fn is_builtin(name: &str) -> bool {
    BUILTINS.binary_search(&name).is_ok()
}

#[rustfmt::skip] // generated by `cargo xtask codegen`
#[path = "scope_builtins.rs"]
mod builtins;
use builtins::BUILTINS;
