//! The printf-to-fstring rule against the oracle: every fix in the rule's
//! tests keeps behaviour on probe values (ints, floats, bools, strings,
//! tuples, lists, a str subclass, an object whose `__format__` differs
//! from its `__str__`, ...), and every naive conversion molt avoids really
//! changes behaviour.

mod common;

use common::run_driver;
use molt_oracle::oracle;
use pymolt::codemod::fix::{check_tree, fix_text};
use pymolt::rules::schema::Safety;
use pymolt::rules::{Outcome, Rule, Version, load};
use serde_json::{Value, json};

fn printf_rule() -> Vec<Rule> {
    load::builtin()
        .into_iter()
        .filter(|r| r.id == "printf-to-fstring")
        .collect()
}

/// The oracle's verdicts for `(old, new, probes)` cases.
fn verdicts(cases: &[(String, String, &str)]) -> Vec<Value> {
    let input: Vec<Value> = cases
        .iter()
        .map(|(old, new, probes)| json!({"old": old, "new": new, "probes": probes}))
        .collect();
    let out = run_driver(
        oracle(),
        "printf_behaviour.py",
        &[],
        &[serde_json::to_string(&input).unwrap()],
    );
    let list = out[0].as_array().expect("a list of verdicts").clone();
    assert_eq!(list.len(), cases.len());
    list
}

#[test]
fn every_fix_in_the_rule_tests_keeps_behaviour() {
    let rules = printf_rule();
    let tests = rules[0].tests.as_ref().expect("the rule has tests");
    let mut cases = Vec::new();
    for case in &tests.invalid {
        let Some(fixed) = &case.fixed else { continue };
        // Safe fixes must hold for every probe; unsafe ones for the types
        // the conversion is written for (ints, floats, bools).
        let probes = match case.safety {
            Safety::Safe => "all",
            Safety::Unsafe => "numeric",
        };
        // Cases written as `x = ...` (a string first in a module would be
        // its docstring) are compared as expressions.
        let expression = |code: &str| {
            let code = code.trim();
            code.strip_prefix("x = ").unwrap_or(code).to_string()
        };
        cases.push((expression(&case.code), expression(fixed), probes));
    }
    assert!(cases.len() > 60, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut checked = 0;
    for ((old, new, _), verdict) in cases.iter().zip(verdicts(&cases)) {
        checked += verdict["checked"].as_u64().unwrap_or(0);
        if verdict["ok"] != Value::Bool(true) {
            failures.push(format!("{old}  ->  {new}: {}", verdict["mismatch"]));
        }
    }
    println!("{} fixes, {checked} probe bindings", cases.len());
    assert!(
        failures.is_empty(),
        "fixes that change behaviour:\n{}",
        failures.join("\n")
    );
}

#[test]
fn naive_conversions_change_behaviour_and_molt_avoids_them() {
    let rules = printf_rule();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/printf-naive.txt"),
    )
    .unwrap();
    let pairs: Vec<(String, String)> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (old, new) = l.split_once(" ==> ").expect("`old ==> new`");
            (old.to_string(), new.to_string())
        })
        .collect();
    // The naive conversions differ from `%` on some probe.
    let naive: Vec<(String, String, &str)> = pairs
        .iter()
        .map(|(o, n)| (o.clone(), n.clone(), "all"))
        .collect();
    let mut problems = Vec::new();
    for ((old, new, _), verdict) in naive.iter().zip(verdicts(&naive)) {
        if verdict["ok"] != Value::Bool(false) || verdict["checked"].as_u64() == Some(0) {
            problems.push(format!("the naive `{new}` for `{old}` behaves the same"));
        }
    }
    // molt leaves the code alone, marks its fix unsafe, or writes a fix
    // that keeps behaviour on every probe.
    let mut safe_fixes = Vec::new();
    for (old, _) in &pairs {
        let code = format!("{old}\n");
        let tree = molt_syntax::parse(&code).tree;
        let matches = check_tree(&rules, &tree, Version::DEFAULT);
        match matches.first().map(|m| &m.outcome) {
            Some(Outcome::Fix {
                safety: Safety::Safe,
                ..
            }) => {
                let fixed = fix_text(&rules, &code, Version::DEFAULT, false).unwrap();
                safe_fixes.push((old.clone(), fixed.text().trim().to_string(), "all"));
            }
            Some(Outcome::Fix { .. } | Outcome::Skipped(_)) => {}
            other => problems.push(format!("`{old}`: unexpected {other:?}")),
        }
    }
    for ((old, new, _), verdict) in safe_fixes.iter().zip(verdicts(&safe_fixes)) {
        if verdict["ok"] != Value::Bool(true) {
            problems.push(format!(
                "molt's `{new}` for `{old}`: {}",
                verdict["mismatch"]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_behaviour_driver_passes_its_self_test() {
    let status = oracle()
        .command()
        .arg(common::driver("printf_behaviour.py"))
        .arg("--self-test")
        .status()
        .expect("running the oracle");
    assert!(status.success());
}
