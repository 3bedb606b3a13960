//! `molt symtable` against the oracle's `symtable.symtable(source, path,
//! "exec")` on every file of two standard libraries with their test
//! suites: the text form of every table (symbols, flags, scopes, children)
//! must be the oracle's byte for byte, and a file the oracle refuses must
//! be refused with the same message at the same line and offset. The
//! third-party corpus of the parser test (Django, SymPy, mypy, Black) is
//! compared too.

mod common;

use common::run_driver;
use molt_ast::lower::lower;
use molt_compile::symtable::{SymbolTable, dump};
use molt_oracle::{Oracle, local_python3, oracle, stdlib_files};
use molt_syntax::{Input, Source, parse};
use serde_json::{Value, json};
use std::path::PathBuf;

/// molt's answer for one file, in the driver's shape.
fn molt_answer(path: &std::path::Path) -> Option<Value> {
    let source = Source::decode(&std::fs::read(path).ok()?).ok()?;
    let parsed = parse(source.text());
    if parsed.error.is_some() {
        return None;
    }
    let module = lower(&parsed.tree, Input::Exec).ok()?;
    Some(
        match SymbolTable::build(&module, &path.display().to_string()) {
            Ok(table) => {
                let text = dump(&table);
                json!({"dump": [crc32fast::hash(text.as_bytes()), text.len()]})
            }
            Err(e) => json!({
                "error": e.message,
                "lineno": e.location.lineno,
                "offset": e.location.col_offset + 1,
            }),
        },
    )
}

fn compare(python: &Oracle) {
    compare_files(
        stdlib_files(&python.stdlib()),
        python.stdlib().display().to_string(),
    );
}

fn compare_files(files: Vec<PathBuf>, label: String) {
    // The first pass recurses as deeply as the code nests.
    std::thread::Builder::new()
        .stack_size(pymolt::cli::STACK_SIZE)
        .spawn(move || compare_on_this_thread(&files, &label))
        .expect("spawning")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn compare_on_this_thread(files: &[PathBuf], label: &str) {
    let input: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let expected = run_driver(oracle(), "symtable_dump.py", &["--digest"], &input);
    let (mut same, mut refused, mut unparsed, mut wrong) = (0, 0, 0, Vec::new());
    for (path, want) in files.iter().zip(&expected) {
        let name = path.display().to_string();
        let Some(got) = molt_answer(path) else {
            // Files the oracle cannot parse either (Python 2 code in the
            // 3.11 tree) are the parser tests' business.
            if want.get("error").is_none() {
                wrong.push(format!("{name}: molt does not parse or lower it"));
            }
            unparsed += 1;
            continue;
        };
        if &got == want {
            same += 1;
            refused += usize::from(want.get("error").is_some());
        } else {
            wrong.push(format!("{name}:\n  oracle: {want}\n  molt:   {got}"));
        }
    }
    eprintln!(
        "{label}: {same} of {} files have the oracle's symbol tables ({refused} refused alike), {unparsed} do not parse, {} differ",
        files.len(),
        wrong.len()
    );
    assert!(same > 1500, "only {same} files compared under {label}");
    assert!(
        wrong.is_empty(),
        "{} files differ (diff `molt symtable FILE` with tests/oracle/symtable_dump.py), the first:\n{}",
        wrong.len(),
        wrong
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn oracle_stdlib_symtables_are_the_oracles() {
    compare(oracle());
}

#[test]
fn python311_stdlib_symtables_are_the_oracles() {
    compare(&local_python3());
}

#[test]
fn pypi_packages_symtables_are_the_oracles() {
    let site = common::pypi_site_packages();
    compare_files(stdlib_files(&site), site.display().to_string());
}
