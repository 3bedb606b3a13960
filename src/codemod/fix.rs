//! Fixing one file's text: run the rules, apply the fixes that do not
//! overlap, re-parse, and repeat until nothing changes (nested matches
//! need a pass each), within a bounded number of passes. Each pass parses
//! once; the last pass's tree and matches are the result. Before a fixed
//! text is written, `check_compiles` compiles it as CPython would.

use super::compile::{CompileFailure, compile_source};
use crate::rules::imports::add_missing;
use crate::rules::{FileContext, Match, Outcome, Rule, Safety, Version};
use molt_syntax::syntax::Edits;
use molt_syntax::{ParseError, SyntaxTree, parse};

/// At most this many passes: enough for any real nesting, and a bound
/// that makes a fix that keeps matching its own output terminate.
pub const MAX_PASSES: usize = 10;

/// Can any rule match in `text`? Rules are pre-filtered by the literal
/// texts every match contains, so most files need no parse at all.
pub fn may_match(rules: &[Rule], text: &str, target: Version) -> bool {
    rules.iter().any(|r| r.may_match(text, target))
}

/// Every match of every rule in a tree, in text order.
pub fn check_tree(rules: &[Rule], tree: &SyntaxTree, target: Version) -> Vec<Match> {
    let context = FileContext::new(tree, target);
    let mut matches = Vec::new();
    for (index, rule) in rules.iter().enumerate() {
        rule.check(index, &context, &mut matches);
    }
    matches.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end), m.rule));
    matches
}

/// The result of fixing a text.
#[derive(Debug)]
pub struct Fixed {
    /// The fixed text, parsed.
    pub tree: SyntaxTree,
    /// Fixes applied, per rule index.
    pub applied: Vec<usize>,
    pub passes: usize,
    /// The matches left in the fixed text.
    pub remaining: Vec<Match>,
}

impl Fixed {
    pub fn text(&self) -> &str {
        self.tree.text()
    }
}

/// May a fix of this safety be applied?
pub fn allowed(safety: Safety, unsafe_fixes: bool) -> bool {
    safety == Safety::Safe || unsafe_fixes
}

/// Apply the rules' fixes to `text` until it stops changing. An error when
/// `text` does not parse.
pub fn fix_text(
    rules: &[Rule],
    text: &str,
    target: Version,
    unsafe_fixes: bool,
) -> Result<Fixed, ParseError> {
    let parsed = parse(text);
    if let Some(error) = parsed.error {
        return Err(error);
    }
    let matches = check_tree(rules, &parsed.tree, target);
    Ok(fix_tree(rules, parsed.tree, matches, target, unsafe_fixes))
}

/// Apply the fixes among `matches` (the rules' matches in `tree`), then
/// those in the result, until nothing changes.
pub fn fix_tree(
    rules: &[Rule],
    mut tree: SyntaxTree,
    mut matches: Vec<Match>,
    target: Version,
    unsafe_fixes: bool,
) -> Fixed {
    let mut applied = vec![0; rules.len()];
    let mut passes = 0;
    while passes < MAX_PASSES {
        // Outermost first; a fix inside another waits for the next pass.
        let mut chosen: Vec<(&Match, &str)> = Vec::new();
        for m in &matches {
            if let Outcome::Fix { text, safety } = &m.outcome
                && allowed(*safety, unsafe_fixes)
                && chosen
                    .last()
                    .is_none_or(|(last, _)| last.range.end <= m.range.start)
            {
                chosen.push((m, text));
            }
        }
        if chosen.is_empty() {
            break;
        }
        let edit = |set: &[(&Match, &str)]| -> Option<SyntaxTree> {
            let mut edits = Edits::new(&tree);
            for (m, text) in set {
                edits.replace_range(m.range, *text);
            }
            let parsed = parse(&edits.apply().ok()?);
            parsed.error.is_none().then_some(parsed.tree)
        };
        let (mut next, kept) = match edit(&chosen) {
            Some(next) => (next, chosen),
            None => {
                // Keep the fixes that parse on their own.
                let kept: Vec<_> = chosen
                    .into_iter()
                    .filter(|one| edit(std::slice::from_ref(one)).is_some())
                    .collect();
                match edit(&kept) {
                    Some(next) if !kept.is_empty() => (next, kept),
                    _ => break,
                }
            }
        };
        passes += 1;
        let mut imports = Vec::new();
        for (m, _) in &kept {
            applied[m.rule] += 1;
            imports.extend(rules[m.rule].imports.iter());
        }
        if !imports.is_empty() {
            let newline = crate::rules::rule::newline_of(next.text());
            if let Some(with_imports) = add_missing(&next, &imports, newline) {
                let parsed = parse(&with_imports);
                if parsed.error.is_none() {
                    next = parsed.tree;
                }
            }
        }
        let unchanged = next.text() == tree.text();
        tree = next;
        matches = check_tree(rules, &tree, target);
        if unchanged {
            break;
        }
    }
    Fixed {
        tree,
        applied,
        passes,
        remaining: matches,
    }
}

/// Check a rewrite as CPython would load it: the fixed text must compile
/// (`compile(fixed, filename, "exec")`, the symbol table and code
/// generation included) whenever the original did. The error is why the
/// fixed text must not replace the original. The original is compiled
/// only when the fixed text fails, so a clean rewrite costs one compile.
/// Recurses as deeply as the code nests: call it on a thread with a large
/// stack (`crate::cli::STACK_SIZE`).
pub fn check_compiles(original: &str, fixed: &str, filename: &str) -> Result<(), CompileFailure> {
    match compile_source(fixed, filename) {
        Ok(_) => Ok(()),
        Err(e) if compile_source(original, filename).is_ok() => Err(e),
        // The original does not compile either (or not in molt yet): the
        // fix made nothing worse.
        Err(_) => Ok(()),
    }
}
