//! `molt rules test [PATH...]`: run the test cases kept in rule files.

use super::Outcome;
use crate::codemod::fix::{check_tree, fix_text};
use crate::rules::schema::{Safety, ValidCase};
use crate::rules::{self, Rule, Version};
use molt_syntax::parse;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Run the `tests:` of rule files (default: the built-in rules) and
    /// print `N passed, N failed`.
    Test {
        /// Rule files or directories.
        paths: Vec<PathBuf>,
    },
    /// List the rules: id, severity, message.
    List {
        /// Rule files or directories (default: the built-in rules).
        paths: Vec<PathBuf>,
    },
}

pub fn run(args: &Args) -> Outcome {
    let (Command::Test { paths } | Command::List { paths }) = &args.command;
    let rules = if paths.is_empty() {
        rules::load::builtin()
    } else {
        let mut all = Vec::new();
        for path in paths {
            match rules::load::load_path(path) {
                Ok(mut r) => all.append(&mut r),
                Err(failure) => {
                    failure.emit();
                    return Outcome::Error;
                }
            }
        }
        all
    };
    match args.command {
        Command::List { .. } => {
            let mut out = String::new();
            for rule in &rules {
                out.push_str(&format!(
                    "{}\t{}\t{}\n",
                    rule.id,
                    rule.severity.name(),
                    rule.message
                ));
            }
            super::print_out(&out)
        }
        Command::Test { .. } => {
            let mut out = String::new();
            let (mut passed, mut failed) = (0, 0);
            for rule in &rules {
                for failure in test_rule(rule, &mut passed) {
                    failed += 1;
                    out.push_str(&format!(
                        "FAIL {} ({}): {failure}\n",
                        rule.id,
                        rule.path.display()
                    ));
                }
            }
            out.push_str(&format!("{passed} passed, {failed} failed\n"));
            super::print_out(&out);
            if failed > 0 {
                Outcome::Findings
            } else {
                Outcome::Ok
            }
        }
    }
}

/// The target version a case runs with: its own, else the oldest the rule
/// allows that is at least the default.
fn target_for(rule: &Rule, case: Option<&str>) -> Result<Version, String> {
    match case {
        Some(text) => Version::parse(text).ok_or_else(|| format!("bad target-version `{text}`")),
        None => Ok(rule
            .min_python
            .map_or(Version::DEFAULT, |m| m.max(Version::DEFAULT))),
    }
}

/// Run one rule's cases; the failures, described. Counts passes.
pub fn test_rule(rule: &Rule, passed: &mut usize) -> Vec<String> {
    let mut failures = Vec::new();
    let one = std::slice::from_ref(rule);
    let Some(tests) = &rule.tests else {
        return failures;
    };
    for case in &tests.invalid {
        let result = (|| -> Result<(), String> {
            let target = target_for(rule, case.target_version.as_deref())?;
            let code = with_newline(&case.code);
            let tree = parse(&code);
            if let Some(e) = tree.error {
                return Err(format!("the case does not parse: {}", e.message));
            }
            let matches = check_tree(one, &tree.tree, target);
            let found = matches
                .iter()
                .find(|m| !matches!(m.outcome, rules::Outcome::Skipped(_)));
            let Some(found) = found else {
                let why = matches.iter().find_map(|m| match &m.outcome {
                    rules::Outcome::Skipped(why) => Some(format!(" (skipped: {why})")),
                    _ => None,
                });
                return Err(format!(
                    "expected a match in `{}`{}",
                    case.code.trim(),
                    why.unwrap_or_default()
                ));
            };
            match (&case.fixed, &found.outcome) {
                (Some(expected), rules::Outcome::Fix { safety, .. }) => {
                    if *safety != case.safety {
                        return Err(format!(
                            "`{}`: expected a {} fix, got a {} one",
                            case.code.trim(),
                            case.safety.name(),
                            safety.name()
                        ));
                    }
                    let fixed = fix_text(one, &code, target, *safety == Safety::Unsafe)
                        .map_err(|e| e.message)?;
                    let expected = with_newline(expected);
                    if fixed.text() != expected {
                        return Err(format!(
                            "`{}`: expected\n  {}\ngot\n  {}",
                            case.code.trim(),
                            expected.trim_end(),
                            fixed.text().trim_end()
                        ));
                    }
                    Ok(())
                }
                (None, rules::Outcome::Fix { text, .. }) => Err(format!(
                    "`{}`: expected no fix, got `{text}`",
                    case.code.trim()
                )),
                (Some(_), other) => Err(format!(
                    "`{}`: expected a fix, got {other:?}",
                    case.code.trim()
                )),
                (None, _) => Ok(()),
            }
        })();
        match result {
            Ok(()) => *passed += 1,
            Err(e) => failures.push(e),
        }
    }
    for case in &tests.valid {
        let (code, skip, target) = match case {
            ValidCase::Code(code) => (code, None, None),
            ValidCase::Skipped(s) => (&s.code, s.skip.as_deref(), s.target_version.as_deref()),
        };
        let result = (|| -> Result<(), String> {
            let target = target_for(rule, target)?;
            let code_nl = with_newline(code);
            let tree = parse(&code_nl);
            if let Some(e) = tree.error {
                return Err(format!("the case does not parse: {}", e.message));
            }
            let matches = check_tree(one, &tree.tree, target);
            if let Some(m) = matches
                .iter()
                .find(|m| !matches!(m.outcome, rules::Outcome::Skipped(_)))
            {
                return Err(format!(
                    "`{}` must not match, but got {:?}",
                    code.trim(),
                    m.outcome
                ));
            }
            if let Some(expected) = skip {
                let reasons: Vec<&str> = matches
                    .iter()
                    .filter_map(|m| match &m.outcome {
                        rules::Outcome::Skipped(why) => Some(why.as_str()),
                        _ => None,
                    })
                    .collect();
                if !reasons.iter().any(|r| r.contains(expected)) {
                    return Err(format!(
                        "`{}`: expected a skip saying `{expected}`, got {reasons:?}",
                        code.trim()
                    ));
                }
            }
            Ok(())
        })();
        match result {
            Ok(()) => *passed += 1,
            Err(e) => failures.push(e),
        }
    }
    failures
}

fn with_newline(code: &str) -> String {
    let code = code.trim_end_matches('\n');
    format!("{code}\n")
}
