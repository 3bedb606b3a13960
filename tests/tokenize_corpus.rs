//! `molt tokenize` against the oracle's `python -m tokenize`, on every file
//! of two standard libraries with their test suites: the oracle's own and
//! the local `python3`'s (3.11). Both tokenized by the oracle.
//!
//! Expected output comes from the oracle during the test (as CRC-32 and
//! length of each listing; a mismatch is re-run in full to show the first
//! differing line). Files the oracle refuses must be refused with the same
//! message and line.

mod common;

use common::{first_difference, molt_tokenize, oracle_tokenize};
use molt_oracle::{Oracle, local_python3, oracle, stdlib_files};
use molt_syntax::{Mode, Source, lex};
use serde_json::Value;

/// 3.14 differs from a 3.13 oracle here: it reads `t'...'` as a t-string
/// (PEP 750) and rejects incompatible prefixes such as `ub'...'`. A file
/// whose listing differs only because of that is reported, not failed.
fn is_documented_314_difference(expected: &Value, actual: &Value) -> bool {
    let t_string = actual["plain"]
        .as_str()
        .is_some_and(|s| s.contains("TSTRING_START"));
    let prefixes = actual["error"]
        .as_str()
        .is_some_and(|s| s.ends_with("prefixes are incompatible"));
    (t_string || prefixes) && expected.get("error").is_none()
}

/// In both lexer modes, the tokens of a decodable file tile its text.
fn assert_tiles(data: &[u8], name: &str) {
    let Ok(source) = Source::decode(data) else {
        return;
    };
    let text = source.text();
    for mode in [Mode::Tokenize, Mode::Compile] {
        let tokens = lex(text, mode).tokens;
        let tiled = tokens.iter().all(|(_, r)| r.start <= r.end) && tokens.get(0).start == 0;
        assert!(
            tiled && tokens.iter().map(|(_, r)| r.len() as usize).sum::<usize>() == text.len(),
            "{name}: tokens do not tile the text"
        );
    }
}

fn compare_corpus(python: &Oracle) {
    let stdlib = python.stdlib();
    compare_files(&stdlib_files(&stdlib), &stdlib);
}

fn compare_files(files: &[std::path::PathBuf], stdlib: &std::path::Path) {
    assert!(
        files.len() > 1000,
        "only {} files under {}",
        files.len(),
        stdlib.display()
    );
    let expected = oracle_tokenize(files, true);
    let mut failures = Vec::new();
    let (mut refused, mut bytes) = (0, 0);
    for (path, expected) in files.iter().zip(&expected) {
        let data = std::fs::read(path).expect("reading a corpus file");
        bytes += data.len();
        let name = path.display().to_string();
        assert_tiles(&data, &name);
        let mut actual = molt_tokenize(&data, &name, true);
        actual["path"] = Value::String(name.clone());
        if expected.get("error").is_some() {
            refused += 1;
            let same_line = expected["loc"].get(0) == actual["loc"].get(0);
            if expected["error"] != actual["error"] || !same_line {
                failures.push(format!(
                    "{name}:\n  oracle: {}\n  molt:   {}",
                    expected, actual
                ));
            }
        } else if expected != &actual {
            failures.push(name);
        }
    }
    let mut report = Vec::new();
    for failure in failures.iter().take(8) {
        if failure.contains('\n') {
            report.push(failure.clone());
            continue;
        }
        let path = std::path::PathBuf::from(failure);
        let full = oracle_tokenize(std::slice::from_ref(&path), false).remove(0);
        let data = std::fs::read(&path).expect("reading a corpus file");
        let ours = molt_tokenize(&data, failure, false);
        if is_documented_314_difference(&full, &ours) {
            eprintln!("{failure}: differs as 3.14 differs from 3.13 (t-strings, string prefixes)");
            continue;
        }
        let detail = match (full["plain"].as_str(), ours["plain"].as_str()) {
            (Some(e), Some(a)) if e != a => first_difference(e, a),
            (Some(e), Some(a)) if e == a => first_difference(
                full["exact"].as_str().unwrap_or_default(),
                ours["exact"].as_str().unwrap_or_default(),
            ),
            _ => format!("oracle: {}\nmolt: {}", full, ours),
        };
        report.push(format!("{failure}: {detail}"));
    }
    eprintln!(
        "{}: {} files ({:.1} MB), {} refused by the oracle, {} differ",
        stdlib.display(),
        files.len(),
        bytes as f64 / 1e6,
        refused,
        failures.len()
    );
    assert!(
        report.is_empty() && failures.len() <= 8,
        "{} of {} files differ from `{} -m tokenize`:\n{}",
        failures.len(),
        files.len(),
        oracle().path.display(),
        report.join("\n")
    );
}

#[test]
fn oracle_stdlib_tokenizes_as_the_oracle_does() {
    compare_corpus(oracle());
}

#[test]
fn python311_stdlib_tokenizes_as_the_oracle_does() {
    compare_corpus(&local_python3());
}

/// The third-party corpus of the parser test (Django, SymPy, mypy, Black).
#[test]
fn pypi_packages_tokenize_as_the_oracle_does() {
    let site = common::pypi_site_packages();
    compare_files(&stdlib_files(&site), &site);
}
