//! Loading rule files: YAML into the schema types, then compiling each
//! rule (patterns parsed, regexes built, metavariables checked). Every
//! mistake is a diagnostic pointing at its place in the YAML.

use super::imports::Import;
use super::pattern::Code;
use super::rule::{Constraint, Matcher, Rule};
use super::schema::{self, RuleList, RuleSpec};
use super::template::Template;
use super::transform::Call;
use super::version::Version;
use crate::diagnostics::{Failure, SourceError};
use molt_syntax::NodeKind;
use regex::Regex;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

const DOCS: &str = "see docs/rules.md for the rule format";

/// The rules that ship with molt (`rules/` in the repository).
pub fn builtin() -> Vec<Rule> {
    let mut rules = Vec::new();
    for (name, text) in BUILTIN {
        let path = PathBuf::from(format!("<built-in>/{name}"));
        match parse_rules(&path, text) {
            Ok(mut r) => rules.append(&mut r),
            Err(e) => panic!("built-in rule {name} is broken: {e}"),
        }
    }
    rules
}

/// Rules from a file, or from every `.yaml`/`.yml` file under a directory.
pub fn load_path(path: &Path) -> Result<Vec<Rule>, Failure> {
    let mut files = Vec::new();
    if path.is_dir() {
        for entry in ignore::WalkBuilder::new(path).build() {
            let entry = entry.map_err(|e| Failure::Message(e.to_string()))?;
            let p = entry.path();
            if p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                files.push(p.to_path_buf());
            }
        }
        files.sort();
    } else {
        files.push(path.to_path_buf());
    }
    let mut rules = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| Failure::Message(format!("{}: {e}", file.display())))?;
        rules.append(&mut parse_rules(&file, &text).map_err(Failure::Source)?);
    }
    Ok(rules)
}

/// Parse and compile the rules of one file.
pub fn parse_rules(path: &Path, text: &str) -> Result<Vec<Rule>, Box<SourceError>> {
    let name = path.display().to_string();
    let error = |message: String, span: Range<usize>| {
        Box::new(SourceError::new("RuleError", message, &name, text, span).with_help(DOCS))
    };
    let is_list = text.lines().any(|l| l.starts_with("rules:"));
    let specs = if is_list {
        serde_yaml::from_str::<RuleList>(text).map(|l| l.rules)
    } else {
        serde_yaml::from_str::<RuleSpec>(text).map(|r| vec![r])
    }
    .map_err(|e| {
        let at = e.location().map_or(0, |l| l.index());
        let message = e.to_string();
        // serde_yaml appends " at line N column M"; miette shows the place.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        error(message, at..at + 1)
    })?;
    let mut rules: Vec<Rule> = Vec::new();
    for spec in specs {
        let base = locate(text, &format!("id: {}", spec.id), 0)
            .or_else(|| locate(text, &spec.id, 0))
            .map_or(0, |r| r.start);
        if rules.iter().any(|r| r.id == spec.id) {
            return Err(error(
                format!("a second rule with the id `{}`", spec.id),
                base..base + 2,
            ));
        }
        let rule = compile(path, spec, text, base).map_err(|(m, span)| error(m, span))?;
        rules.push(rule);
    }
    Ok(rules)
}

type Located = (String, Range<usize>);

/// The range of `needle` in `text` at or after `from`.
fn locate(text: &str, needle: &str, from: usize) -> Option<Range<usize>> {
    let needle = needle.lines().map(str::trim).find(|l| !l.is_empty())?;
    text.get(from..)?
        .find(needle)
        .map(|i| from + i..from + i + needle.len())
}

fn compile(path: &Path, spec: RuleSpec, text: &str, base: usize) -> Result<Rule, Located> {
    let at = |needle: &str| locate(text, needle, base).unwrap_or(base..base + 2);
    let min_python = spec
        .min_python
        .as_deref()
        .map(|v| {
            Version::parse(v).ok_or_else(|| {
                (
                    format!("`{v}` is not a Python version like \"3.9\""),
                    at("min-python"),
                )
            })
        })
        .transpose()?;
    let mut bound = BTreeSet::new();
    let matcher = compile_matcher(&spec.rule, &at, &mut bound, true)?;
    let mut constraints = Vec::new();
    for (name, c) in &spec.constraints {
        let name = name.trim_start_matches('$').to_string();
        if !bound.contains(&name) {
            return Err((
                format!("`where` constrains ${name}, which the rule never captures"),
                at(&format!("{name}:")),
            ));
        }
        let regex = c
            .regex
            .as_deref()
            .map(|r| Regex::new(r).map_err(|e| (format!("bad regex: {e}"), at(r))))
            .transpose()?;
        let kinds = c
            .kind
            .as_ref()
            .map(|k| k.to_vec())
            .unwrap_or_default()
            .iter()
            .map(|k| node_kind(k, &at))
            .collect::<Result<Vec<_>, _>>()?;
        let qualified_names = c
            .qualified_name
            .as_ref()
            .map(|q| q.to_vec())
            .unwrap_or_default();
        constraints.push((
            name,
            Constraint {
                regex,
                kinds,
                qualified_names,
            },
        ));
    }
    let mut transforms = Vec::new();
    for (name, call) in &spec.transform {
        let parsed = Call::parse(call).map_err(|m| (m, at(call)))?;
        if let Some(arg) = parsed.args.iter().find(|a| !bound.contains(*a)) {
            return Err((
                format!("the transform uses ${arg}, which the rule never captures"),
                at(call),
            ));
        }
        transforms.push((name.trim_start_matches('$').to_string(), parsed));
    }
    let fix = spec
        .fix
        .as_deref()
        .map(|f| {
            let template = Template::parse(f).map_err(|m| (format!("the fix {m}"), at(f)))?;
            for name in template.metavars() {
                let known = bound.contains(name) || transforms.iter().any(|(t, _)| t == name);
                if !known && !name.is_empty() && name != "_" {
                    return Err((
                        format!("the fix uses ${name}, which the rule never binds"),
                        at(&format!("${name}")),
                    ));
                }
            }
            Ok(template)
        })
        .transpose()?;
    let imports = spec
        .imports
        .iter()
        .map(|i| Import::parse(i).map_err(|m| (m, at(i))))
        .collect::<Result<Vec<_>, _>>()?;
    if !imports.is_empty() && fix.is_none() {
        return Err(("`imports` without a `fix`".into(), at("imports")));
    }
    let kinds = matcher.kinds();
    let literals = matcher.literals();
    Ok(Rule {
        id: spec.id,
        message: spec.message,
        severity: spec.severity,
        note: spec.note,
        url: spec.url,
        min_python,
        safety: spec.safety,
        matcher,
        kinds,
        literals,
        constraints,
        transforms,
        fix,
        imports,
        tests: spec.tests,
        path: path.to_path_buf(),
    })
}

fn node_kind(name: &str, at: &impl Fn(&str) -> Range<usize>) -> Result<NodeKind, Located> {
    NodeKind::from_name(name).ok_or_else(|| {
        (
            format!("`{name}` is not a node kind (`molt cst FILE` shows the kinds)"),
            at(name),
        )
    })
}

fn compile_matcher(
    spec: &schema::Matcher,
    at: &impl Fn(&str) -> Range<usize>,
    bound: &mut BTreeSet<String>,
    binds: bool,
) -> Result<Matcher, Located> {
    let mut parts = Vec::new();
    if let Some(pattern) = &spec.pattern {
        let code = Code::parse(pattern).map_err(|m| (format!("the pattern {m}"), at(pattern)))?;
        if binds {
            bound.extend(code.metavars.iter().cloned());
        }
        parts.push(Matcher::Pattern(code));
    }
    if let Some(kind) = &spec.kind {
        parts.push(Matcher::Kind(node_kind(kind, at)?));
    }
    let mut list = |specs: &[schema::Matcher]| -> Result<Vec<Matcher>, Located> {
        specs
            .iter()
            .map(|m| compile_matcher(m, at, bound, binds))
            .collect()
    };
    if let Some(all) = &spec.all {
        parts.push(Matcher::All(list(all)?));
    }
    if let Some(any) = &spec.any {
        parts.push(Matcher::Any(list(any)?));
    }
    if let Some(not) = &spec.not {
        parts.push(Matcher::Not(Box::new(compile_matcher(
            not, at, bound, false,
        )?)));
    }
    if let Some(inside) = &spec.inside {
        parts.push(Matcher::Inside(Box::new(compile_matcher(
            inside, at, bound, binds,
        )?)));
    }
    if let Some(has) = &spec.has {
        parts.push(Matcher::Has(Box::new(compile_matcher(
            has, at, bound, binds,
        )?)));
    }
    match parts.len() {
        0 => Err((
            "a matcher needs one of `pattern`, `kind`, `all`, `any`, `not`, `inside`, `has`".into(),
            at("rule:"),
        )),
        1 => Ok(parts.pop().unwrap()),
        _ => Ok(Matcher::All(parts)),
    }
}
