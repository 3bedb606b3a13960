//! The parser against the oracle's `ast.parse` on every file of two
//! standard libraries with their test suites: every file the oracle
//! accepts parses and prints back byte for byte; every file it refuses is
//! refused at the same line (and, where molt knows CPython's message, with
//! the same message).

mod common;

use common::run_driver;
use molt_oracle::{Oracle, local_python3, oracle, stdlib_files};
use molt_syntax::{Source, parse};
use serde_json::Value;

/// What molt says of a file, in the driver's shape.
fn molt_verdict(data: &[u8], name: &str) -> Value {
    let source = match Source::decode(data) {
        Ok(source) => source,
        Err(e) => {
            return serde_json::json!({"type": "SyntaxError", "msg": e.message(name), "lineno": e.line()});
        }
    };
    let parsed = parse(source.text());
    assert_eq!(
        parsed.tree.root().text(),
        source.text(),
        "{name}: the tree does not print its text"
    );
    assert_eq!(
        source.encode(parsed.tree.root().text()).as_deref(),
        Ok(data),
        "{name}: bytes differ"
    );
    match parsed.error {
        None => {
            // Scope metadata is built for every file that parses.
            let scopes = molt_syntax::scope::Scopes::new(&parsed.tree);
            assert!(!scopes.scopes().is_empty());
            serde_json::json!({"ok": true})
        }
        Some(e) => {
            serde_json::json!({"type": e.kind.name(), "msg": e.message, "lineno": e.line, "offset": e.offset})
        }
    }
}

fn compare_corpus(python: &Oracle) {
    let stdlib = python.stdlib();
    compare_files(&stdlib_files(&stdlib), &stdlib.display().to_string());
}

fn compare_files(files: &[std::path::PathBuf], label: &str) {
    let input: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let expected = run_driver(oracle(), "parse_errors.py", &[], &input);
    let (mut wrong, mut other_message, mut refused) = (Vec::new(), Vec::new(), 0);
    for (path, expected) in files.iter().zip(&expected) {
        let data = std::fs::read(path).expect("reading a corpus file");
        let name = path.display().to_string();
        let actual = molt_verdict(&data, &name);
        let oracle_ok = expected.get("ok").is_some();
        refused += usize::from(!oracle_ok);
        if oracle_ok != actual.get("ok").is_some()
            || (!oracle_ok && expected["lineno"] != actual["lineno"])
        {
            wrong.push(format!("{name}:\n  oracle: {expected}\n  molt:   {actual}"));
        } else if !oracle_ok && expected["msg"] != actual["msg"] {
            other_message.push(format!("{name}:\n  oracle: {expected}\n  molt:   {actual}"));
        }
    }
    eprintln!(
        "{}: {} files, {} refused by the oracle; {} verdicts differ; {} refusals at the right line with another message",
        label,
        files.len(),
        refused,
        wrong.len(),
        other_message.len()
    );
    for m in &other_message {
        eprintln!("message differs: {m}");
    }
    assert!(
        wrong.is_empty(),
        "{} of {} files get another verdict:\n{}",
        wrong.len(),
        files.len(),
        wrong.join("\n")
    );
}

#[test]
fn oracle_stdlib_parses_as_the_oracle_does() {
    compare_corpus(oracle());
}

#[test]
fn python311_stdlib_parses_as_the_oracle_does() {
    compare_corpus(&local_python3());
}

/// Large third-party packages (tests/data/pypi-requirements.txt), installed
/// from PyPI into a throwaway virtual environment of the oracle's.
#[test]
fn pypi_packages_parse_as_the_oracle_does() {
    let site = common::pypi_site_packages();
    // Everything installed: the four packages, their dependencies, pip.
    let files = stdlib_files(&site);
    assert!(
        files.len() > 2500,
        "only {} files under {}",
        files.len(),
        site.display()
    );

    compare_files(&files, &site.display().to_string());
}
