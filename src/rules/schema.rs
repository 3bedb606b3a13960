//! The rule file format: serde types that reject unknown keys. This file is
//! the one description of the format; `docs/rules.md` documents it key by
//! key, and `load.rs` turns these types into compiled rules.

use serde::Deserialize;
use std::collections::BTreeMap;

/// A file holding a list of rules under `rules:`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleList {
    pub rules: Vec<RuleSpec>,
}

/// One rule, as written in YAML.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleSpec {
    /// A short unique name (`printf-to-fstring`), used by `--select`.
    pub id: String,
    /// What is wrong, shown with each match.
    pub message: String,
    #[serde(default)]
    pub severity: Severity,
    /// Longer advice shown under the message.
    pub note: Option<String>,
    /// Where to read more.
    pub url: Option<String>,
    /// The oldest Python version whose syntax and library the fix needs
    /// (`"3.6"`): the rule is off when the target version is older.
    pub min_python: Option<String>,
    /// Whether the fix keeps behaviour for every input (`safe`) or only
    /// for the expected ones (`unsafe`, applied with `--unsafe-fixes`).
    #[serde(default)]
    pub safety: Safety,
    /// What to match.
    pub rule: Matcher,
    /// Constraints on metavariables, by name (without `$`).
    #[serde(default, rename = "where")]
    pub constraints: BTreeMap<String, Constraint>,
    /// Metavariables computed by built-in transforms:
    /// `NEW: printf_to_fstring($FMT, $ARGS)`.
    #[serde(default)]
    pub transform: BTreeMap<String, String>,
    /// The replacement: Python code with the pattern's metavariables.
    pub fix: Option<String>,
    /// Imports the fix needs, added once per file.
    #[serde(default)]
    pub imports: Vec<String>,
    /// Cases checked by `molt rules test`.
    pub tests: Option<Tests>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    #[default]
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// How sure molt is that a fix keeps behaviour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// Behaviour is kept for every input.
    #[default]
    Safe,
    /// Behaviour is kept for the inputs the code was written for; applied
    /// only with `--unsafe-fixes`.
    Unsafe,
}

impl Safety {
    pub fn name(self) -> &'static str {
        match self {
            Safety::Safe => "safe",
            Safety::Unsafe => "unsafe",
        }
    }
}

/// What a node must look like. Every key present must hold.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matcher {
    /// Python code with metavariables (`$X`, `$_`, `$$$ARGS`).
    pub pattern: Option<String>,
    /// A CST node kind (`Call`, `String`, `FunctionDef`).
    pub kind: Option<String>,
    pub all: Option<Vec<Matcher>>,
    pub any: Option<Vec<Matcher>>,
    pub not: Option<Box<Matcher>>,
    /// Some ancestor matches.
    pub inside: Option<Box<Matcher>>,
    /// Some descendant matches.
    pub has: Option<Box<Matcher>>,
}

/// Constraints on one metavariable's capture.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Constraint {
    /// A regular expression that must match somewhere in the captured text
    /// (anchor it with `^...$` to match all of it).
    pub regex: Option<String>,
    /// The captured node's kind, or one of several.
    pub kind: Option<OneOrMany>,
    /// The dotted name the capture resolves to through imports
    /// (`os.path.join`), or one of several.
    pub qualified_name: Option<OneOrMany>,
}

/// A string, or a list of strings.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// Test cases kept in the rule file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tests {
    /// Code the rule must fix, with the expected result.
    #[serde(default)]
    pub invalid: Vec<InvalidCase>,
    /// Code the rule must leave alone.
    #[serde(default)]
    pub valid: Vec<ValidCase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InvalidCase {
    pub code: String,
    /// The fixed code; absent when the match is reported without a fix.
    pub fixed: Option<String>,
    /// The fix's expected safety (default: `safe`).
    #[serde(default)]
    pub safety: Safety,
    /// Target version for this case (default: the oldest the rule allows
    /// that is at least 3.10).
    pub target_version: Option<String>,
}

/// Code that must not be fixed: a string, or a mapping that also says why
/// molt leaves it alone.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum ValidCase {
    Code(String),
    Skipped(SkippedCase),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SkippedCase {
    pub code: String,
    /// Part of the reason molt gives for leaving the code alone.
    pub skip: Option<String>,
    pub target_version: Option<String>,
}
