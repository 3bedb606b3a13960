//! `molt fix` with the printf rule over a copy of the oracle's standard
//! library and its tests: every fixed file still compiles with the oracle
//! and with the local `python3` (no new warnings either), its AST is
//! unchanged except where a `%` expression became an f-string, and a
//! second `fix` changes nothing. The count of conversions is printed beside
//! what Ruff's UP031 and flynt convert on the same copy (installed from
//! PyPI into a throwaway environment; benches/peers-requirements.txt).

mod common;

use common::{Scratch, run_driver, venv};
use molt_oracle::{Oracle, local_python3, oracle, stdlib_files};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Copy the oracle's standard library into `dir`; the copied paths.
fn copy_stdlib(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let root = oracle().stdlib();
    stdlib_files(&root)
        .into_iter()
        .map(|file| {
            let target = dir.join(file.strip_prefix(&root).unwrap());
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(&file, &target).unwrap();
            (file, target)
        })
        .collect()
}

/// The pairs whose bytes differ.
fn changed(pairs: &[(PathBuf, PathBuf)]) -> Vec<(PathBuf, PathBuf)> {
    pairs
        .iter()
        .filter(|(old, new)| std::fs::read(old).ok() != std::fs::read(new).ok())
        .cloned()
        .collect()
}

/// Check changed files with `python`: (files, conversions, problems).
fn check_with(python: &Oracle, pairs: &[(PathBuf, PathBuf)]) -> (usize, u64, Vec<String>) {
    let input: Vec<[String; 2]> = pairs
        .iter()
        .map(|(o, n)| [o.display().to_string(), n.display().to_string()])
        .collect();
    let out = run_driver(
        python,
        "fix_check.py",
        &[],
        &[serde_json::to_string(&input).unwrap()],
    );
    let results = out[0].as_array().unwrap();
    let mut conversions = 0;
    let mut problems = Vec::new();
    for ((_, new), r) in pairs.iter().zip(results) {
        conversions += r["conversions"].as_u64().unwrap_or(0);
        if r["compiles"] == Value::Bool(false) || r["ast"] == Value::Bool(false) {
            problems.push(format!("{}: {}", new.display(), r["error"]));
        }
    }
    (pairs.len(), conversions, problems)
}

fn molt_fix(dir: &Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_molt"))
        .args(["fix", "--select", "printf-to-fstring", "--no-progress"])
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    // Files CPython also refuses (badsyntax_*, bad encodings) make the
    // exit status 2; what matters is what was written.
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    stdout
        .lines()
        .find(|l| l.starts_with("fixed "))
        .unwrap_or_else(|| panic!("no summary in {stdout}"))
        .to_string()
}

#[test]
fn fixing_the_standard_library_keeps_it_compiling_and_its_ast() {
    let mut report = Vec::new();
    for (label, flags) in [("safe", &[][..]), ("unsafe too", &["--unsafe-fixes"][..])] {
        let scratch = Scratch::new("fix-stdlib");
        let pairs = copy_stdlib(scratch.path());
        let summary = molt_fix(scratch.path(), flags);
        let changed = changed(&pairs);
        assert!(changed.len() > 100, "{summary}");
        let (files, conversions, problems) = check_with(oracle(), &changed);
        assert!(problems.is_empty(), "oracle:\n{}", problems.join("\n"));
        let (_, _, problems) = check_with(&local_python3(), &changed);
        assert!(problems.is_empty(), "python3:\n{}", problems.join("\n"));
        let again = molt_fix(scratch.path(), flags);
        assert!(
            again.starts_with("fixed 0 matches in 0 files"),
            "not idempotent: {again}"
        );
        report.push(format!(
            "molt fix ({label}): {summary}; {conversions} conversions in {files} files by the AST"
        ));
    }
    // The peers on the same copy, counted the same way.
    let env = venv("peers", "benches/peers-requirements.txt");
    for (name, command) in [
        (
            "ruff UP031",
            vec![
                "ruff",
                "check",
                "--select",
                "UP031",
                "--fix",
                "--unsafe-fixes",
                "--no-cache",
                "--isolated",
                "--target-version",
                "py310",
                "--exit-zero",
                "--quiet",
            ],
        ),
        ("flynt", vec!["flynt", "--quiet", "--no-tf"]),
    ] {
        let scratch = Scratch::new("fix-stdlib-peer");
        let pairs = copy_stdlib(scratch.path());
        let status = Command::new(env.join("bin").join(command[0]))
            .args(&command[1..])
            .arg(scratch.path())
            .output()
            .unwrap();
        let _ = status;
        let changed = changed(&pairs);
        let (files, conversions, problems) = check_with(oracle(), &changed);
        report.push(format!(
            "{name}: {conversions} conversions in {files} files by the AST; {} files fail the checks{}",
            problems.len(),
            problems
                .iter()
                .take(3)
                .map(|p| format!("\n    {p}"))
                .collect::<String>()
        ));
    }
    println!("{}", report.join("\n"));
}
