//! Helpers shared by the test files: run the oracle's drivers in
//! `tests/oracle/`, and produce molt's answers in the same shape.

#![allow(dead_code)]

pub mod code_objects;

use molt_oracle::{Oracle, oracle};
use molt_syntax::python_tokenize::{Listing, format};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The path of a driver script in `tests/oracle/`.
pub fn driver(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/oracle")
        .join(name)
}

/// Run a driver under `python` with `args`, feeding it `input` lines; one
/// JSON value per output line.
pub fn run_driver(python: &Oracle, script: &str, args: &[&str], input: &[String]) -> Vec<Value> {
    let mut child = python
        .command()
        .arg(driver(script))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run the oracle {}: {e}", python.path.display()));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let lines = input.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(lines.as_bytes()));
    let stdout = child.stdout.take().expect("piped stdout");
    let values: Vec<Value> = BufReader::new(stdout)
        .lines()
        .map(|line| serde_json::from_str(&line.expect("driver output")).expect("driver JSON"))
        .collect();
    writer
        .join()
        .expect("writer thread")
        .expect("writing to the driver");
    let status = child.wait().expect("waiting for the driver");
    assert!(
        status.success(),
        "{script} failed under {}",
        python.path.display()
    );
    assert_eq!(
        values.len(),
        input.len(),
        "{script} answered {} of {} inputs",
        values.len(),
        input.len()
    );
    values
}

/// The oracle's `tokenize` answers for files.
pub fn oracle_tokenize(paths: &[PathBuf], digest: bool) -> Vec<Value> {
    let input: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let args: &[&str] = if digest { &["--digest"] } else { &[] };
    run_driver(oracle(), "tokenize_listing.py", args, &input)
}

/// What molt's `tokenize` view says about a file, in the driver's shape:
/// `{"plain": ..., "exact": ...}` or `{"error": ..., "loc": ...}`.
pub fn molt_tokenize(bytes: &[u8], name: &str, digest: bool) -> Value {
    let listing = match Listing::from_bytes(bytes, name) {
        Ok(listing) => listing,
        Err(e) => {
            return serde_json::json!({"error": e.message, "loc": e.location.map(|(l, c)| [l, c])});
        }
    };
    let tokens = match listing.tokens() {
        Ok(tokens) => tokens,
        Err(e) => {
            return serde_json::json!({"error": e.message, "loc": e.location.map(|(l, c)| [l, c])});
        }
    };
    let mut out = serde_json::Map::new();
    for (key, exact) in [("plain", false), ("exact", true)] {
        let mut text = String::new();
        format(&mut text, listing.encoding.as_deref(), &tokens, exact);
        let value = if digest {
            serde_json::json!([crc32fast::hash(text.as_bytes()), text.len()])
        } else {
            Value::String(text)
        };
        out.insert(key.into(), value);
    }
    Value::Object(out)
}

/// The first line where two listings differ, for a readable failure.
pub fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  oracle: {e}\n  molt:   {a}", n + 1);
        }
    }
    format!(
        "one listing is a prefix of the other ({} vs {} lines)",
        expected.lines().count(),
        actual.lines().count()
    )
}

/// A directory under the target dir, removed when dropped.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = format!("{name}-{}-{n}", std::process::id());
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
        std::fs::create_dir_all(&path).expect("creating a scratch dir");
        Scratch(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The site-packages of a virtual environment of the oracle's holding the
/// third-party corpus (tests/data/pypi-requirements.txt).
pub fn pypi_site_packages() -> PathBuf {
    let root = venv("pypi-corpus", "tests/data/pypi-requirements.txt");
    std::fs::read_dir(root.join("lib"))
        .expect("the venv's lib")
        .map(|e| e.expect("an entry").path().join("site-packages"))
        .find(|p| p.is_dir())
        .expect("site-packages")
}

/// A virtual environment of the oracle's under the target directory named
/// `name`, holding `requirements` (a path relative to the project),
/// installed from PyPI the first time and when the requirements change.
pub fn venv(name: &str, requirements: &str) -> PathBuf {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let requirements = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(requirements);
    let marker = root.join("installed.txt");
    let wanted = std::fs::read_to_string(&requirements).expect("reading the requirements");
    if std::fs::read_to_string(&marker).ok().as_deref() != Some(wanted.as_str()) {
        let _ = std::fs::remove_dir_all(&root);
        let status = oracle()
            .command()
            .args(["-m", "venv"])
            .arg(&root)
            .status()
            .expect("running the oracle");
        assert!(
            status.success(),
            "cannot make a virtual environment at {}",
            root.display()
        );
        let status = std::process::Command::new(root.join("bin/python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements)
            .status()
            .expect("running pip");
        assert!(
            status.success(),
            "pip could not install {} (is PyPI reachable?)",
            requirements.display()
        );
        std::fs::write(&marker, &wanted).expect("writing the marker");
    }
    root
}

/// Run the `molt` binary in `dir` with `args`, `stdin` on its standard
/// input; its output.
pub fn molt_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    output_with_stdin(
        Command::new(env!("CARGO_BIN_EXE_molt"))
            .args(args)
            .current_dir(dir),
        stdin,
    )
}

/// Run `command` with `stdin` on its standard input; its output.
pub fn output_with_stdin(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawning {command:?}: {e}"));
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin).expect("writing stdin");
    drop(pipe);
    child.wait_with_output().expect("waiting")
}

/// `molt dis` against the oracle's `dis` for each source, then molt's code
/// objects against the oracle's field by field (`code_objects.py` reads
/// files: each source is written to one under the target directory): the
/// sources that differ, with their first difference (or molt's error).
pub fn dis_differences(sources: &[&str]) -> Vec<String> {
    let mut wrong = listing_differences(sources);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("code-object-cases")
        .join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).expect("a directory for the cases");
    let paths: Vec<String> = sources
        .iter()
        .enumerate()
        .map(|(i, source)| {
            let path = dir.join(format!("case{i}.py"));
            std::fs::write(&path, source).expect("writing a case");
            path.display().to_string()
        })
        .collect();
    let answers = run_driver(oracle(), "code_objects.py", &[], &paths);
    for ((source, path), answer) in sources.iter().zip(&paths).zip(answers) {
        let answer: code_objects::Answer = serde_json::from_value(answer).expect("driver JSON");
        let json = answer
            .code
            .unwrap_or_else(|| panic!("the oracle compiles {source:?}: {:?}", answer.error));
        let want = code_objects::code_object(json, &mut Vec::new());
        match pymolt::codemod::compile::compile_source(source, path) {
            Ok(got) => {
                if let Some(why) = code_objects::code_difference(&got, &want) {
                    wrong.push(format!("{source:?}\n  code objects differ: {why}"));
                }
            }
            Err(e) => wrong.push(format!("{source:?}\n  molt: {e}")),
        }
    }
    std::fs::remove_dir_all(&dir).expect("removing the cases");
    wrong
}

/// `molt dis` against the oracle's `dis` for each source.
fn listing_differences(sources: &[&str]) -> Vec<String> {
    let input: Vec<String> = sources
        .iter()
        .map(|s| serde_json::json!({ "source": s }).to_string())
        .collect();
    let expected = run_driver(oracle(), "dis_listing.py", &[], &input);
    let mut wrong = Vec::new();
    for (source, want) in sources.iter().zip(&expected) {
        let want = want["dis"]
            .as_str()
            .unwrap_or_else(|| panic!("the oracle compiles {source:?}: {}", want["error"]));
        match pymolt::cli::dis_source("<dis>", source) {
            Ok(got) if got == want => {}
            Ok(got) => wrong.push(format!("{source:?}\n{}", first_difference(want, &got))),
            Err(e) => wrong.push(format!("{source:?}\n  molt: {e}")),
        }
    }
    wrong
}
