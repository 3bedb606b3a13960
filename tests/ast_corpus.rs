//! `molt ast --include-attributes` and `molt unparse` against the oracle's
//! `ast.dump(ast.parse(source), include_attributes=True)` and
//! `ast.unparse(ast.parse(source))` on every file of two standard libraries
//! with their test suites.
//!
//! Every file the oracle parses must lower, and its dump must be the
//! oracle's byte for byte: 100%, positions included. The third-party corpus
//! of the parser test (Django, SymPy, mypy, Black) is compared too.

mod common;

use common::run_driver;
use molt_ast::{DumpOptions, dump, lower::lower_module, unparse};
use molt_oracle::{Oracle, local_python3, oracle, stdlib_files};
use molt_syntax::{Source, parse};

fn compare(python: &Oracle) {
    compare_files(
        &stdlib_files(&python.stdlib()),
        &python.stdlib().display().to_string(),
    );
}

/// Lowering recurses as deeply as the code nests: run on a thread with a
/// large stack, as the CLI does.
fn compare_files(files: &[std::path::PathBuf], label: &str) {
    let (files, label) = (files.to_vec(), label.to_string());
    std::thread::Builder::new()
        .stack_size(pymolt::cli::STACK_SIZE)
        .spawn(move || compare_on_this_thread(&files, &label))
        .expect("spawning")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}

fn compare_on_this_thread(files: &[std::path::PathBuf], label: &str) {
    let input: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let expected = run_driver(oracle(), "ast_dump.py", &["--digest"], &input);
    let (mut same, mut wrong, mut unanswered) = (0, Vec::new(), 0);
    for (path, expected) in files.iter().zip(&expected) {
        let Some(want) = expected.get("dump") else {
            continue;
        };
        let name = path.display().to_string();
        let source =
            Source::decode(&std::fs::read(path).expect("reading")).expect("the oracle decoded it");
        let parsed = parse(source.text());
        assert!(parsed.error.is_none(), "{name}: the oracle parses it");
        let module = match lower_module(&parsed.tree) {
            Ok(module) => module,
            Err(e) => {
                wrong.push(format!("{name}:{}: {}", e.line, e.message));
                continue;
            }
        };
        let digest = |text: &str| serde_json::json!([crc32fast::hash(text.as_bytes()), text.len()]);
        let dumped = dump(
            &module,
            DumpOptions {
                indent: None,
                include_attributes: true,
            },
        );
        if &digest(&dumped) != want {
            wrong.push(format!("{name}: ast.dump differs"));
        } else if expected["unparse"].is_null() {
            // The oracle's own unparse hit its recursion limit: no answer.
            unanswered += 1;
            same += 1;
        } else if digest(&unparse(&module)) != expected["unparse"] {
            wrong.push(format!("{name}: ast.unparse differs"));
        } else {
            same += 1;
        }
    }
    eprintln!(
        "{label}: {same} files dump and unparse as the oracle's ({unanswered} too deep for the oracle's unparse), {} differ",
        wrong.len()
    );
    assert!(same > 1500, "only {same} files compared under {label}");
    assert!(
        wrong.is_empty(),
        "{} files differ (diff `molt ast --indent 1 --include-attributes` or `molt unparse` with the oracle):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn oracle_stdlib_dumps_as_the_oracle_does() {
    compare(oracle());
}

#[test]
fn python311_stdlib_dumps_as_the_oracle_does() {
    compare(&local_python3());
}

#[test]
fn pypi_packages_dump_as_the_oracle_does() {
    let site = common::pypi_site_packages();
    compare_files(&stdlib_files(&site), &site.display().to_string());
}
