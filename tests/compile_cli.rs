//! `molt compile` and `molt trace` as users run them: `compile` reports
//! each file the oracle's `compile()` refuses with the oracle's message at
//! the oracle's line, whatever stage finds it, walks directories as `molt
//! check` does and exits 2 on any error; `trace` prints each stage exactly
//! as the command for that stage prints it.

mod common;

use common::{Scratch, molt_in, run_driver};
use molt_oracle::oracle;
use std::path::{Path, PathBuf};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Files each refused at another stage: (name, bytes).
const REFUSED: &[(&str, &[u8])] = &[
    // tokenizer
    ("lex.py", b"x = 1\ny = 'abc\n"),
    // parser
    ("parse.py", b"def f(:\n    pass\n"),
    ("indent.py", b"if x:\npass\n"),
    // AST (string literals are decoded while lowering)
    ("ast.py", b"x = 1\ny = b'\xc3\xa9'\n"),
    // symbol table
    ("symtable.py", b"def f(a, a):\n    pass\n"),
    ("nonlocal.py", b"x = 1\nnonlocal x\n"),
    // code generator
    ("codegen.py", b"x = 1\n\nreturn x\n"),
    ("await.py", b"def f():\n    await x\n"),
    ("break.py", b"for x in y:\n    pass\nbreak\n"),
];

#[test]
fn compile_reports_each_refused_file_as_the_oracle_does() {
    let s = Scratch::new("compile-cli");
    let dir = s.path();
    std::fs::create_dir_all(dir.join("src")).unwrap();
    for (name, bytes) in REFUSED {
        std::fs::write(dir.join("src").join(name), bytes).unwrap();
    }
    std::fs::write(dir.join("src/ok.py"), "def f(x):\n    return x\n").unwrap();
    // Not Python, or ignored: not compiled.
    std::fs::write(dir.join("src/notes.txt"), "return\n").unwrap();
    std::fs::write(dir.join(".gitignore"), "build/\n").unwrap();
    std::fs::create_dir_all(dir.join("build")).unwrap();
    std::fs::write(dir.join("build/generated.py"), "return\n").unwrap();

    let out = molt_in(dir, &["compile", "."], b"");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let paths: Vec<String> = REFUSED
        .iter()
        .map(|(name, _)| dir.join("src").join(name).display().to_string())
        .collect();
    let expected = run_driver(oracle(), "compile_files.py", &[], &paths);
    for ((name, _), want) in REFUSED.iter().zip(&expected) {
        let (kind, message, line) = (
            want["type"].as_str().expect("the oracle refuses it"),
            want["msg"].as_str().expect("a message"),
            want["lineno"].as_u64().expect("a line"),
        );
        assert!(
            stderr.contains(&format!("{kind}: {message}\n")),
            "{name}: expected {kind}: {message} in\n{stderr}"
        );
        let place = format!("src/{name}:{line}:");
        assert!(
            stderr.contains(&place),
            "{name}: expected {place} in\n{stderr}"
        );
    }
    assert!(!stderr.contains("generated.py") && !stderr.contains("notes.txt"));
    assert!(stderr.ends_with("10 files, 9 errors\n"), "{stderr}");

    // One clean file: exit 0, a summary and nothing else.
    let out = molt_in(dir, &["compile", "src/ok.py"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stderr), "1 file, 0 errors\n");
}

#[test]
fn compile_reads_stdin_and_reports_unreadable_input() {
    let s = Scratch::new("compile-cli");
    let dir = s.path();
    let out = molt_in(dir, &["compile", "-"], b"x = [y for y in z]\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = molt_in(dir, &["compile", "-"], b"class C:\n    return 1\n");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("SyntaxError: 'return' outside function") && err.contains("<stdin>:2:5"),
        "{err}"
    );
    // A missing path, bytes that are not UTF-8: errors, never a panic.
    std::fs::write(dir.join("latin.py"), b"x = '\xe9'\n").unwrap();
    let out = molt_in(dir, &["compile", "missing.py", "latin.py"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("missing.py: No such file or directory"),
        "{err}"
    );
    assert!(
        err.contains("Non-UTF-8 code starting with '\\xe9'"),
        "{err}"
    );
    assert!(err.ends_with("2 files, 2 errors\n"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// `--timings` adds a table of every stage and flow-graph pass before the
/// summary, with times that add up to the total; the exit status and the
/// errors stay as they are.
#[test]
fn compile_timings_list_every_stage_and_pass() {
    let s = Scratch::new("compile-cli");
    let dir = s.path();
    let ok = "import os\n\ndef f(x):\n    try:\n        return [y for y in x]\n    finally:\n        del x\n";
    std::fs::write(dir.join("ok.py"), ok).unwrap();
    std::fs::write(dir.join("bad.py"), "return 1\n").unwrap();
    let out = molt_in(dir, &["compile", "--timings", "ok.py", "bad.py"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("'return' outside function"), "{err}");
    assert!(err.ends_with("2 files, 1 error\n"), "{err}");
    let table: Vec<&str> = err
        .lines()
        .skip_while(|l| !l.starts_with("where the time went"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .collect();
    let names: Vec<&str> = table.iter().map(|l| l[..32].trim()).collect();
    for stage in [
        "read and decode",
        "parse",
        "lower",
        "symbol tables",
        "code generation",
    ] {
        assert!(names.contains(&stage), "{stage} missing from\n{err}");
    }
    for pass in [
        "load into blocks",
        "LOAD_FAST_CHECK",
        "stack depth",
        "assemble",
    ] {
        let line = table
            .iter()
            .find(|l| l.trim_start().starts_with(pass))
            .unwrap();
        assert!(line.starts_with("    "), "a pass is indented: {line}");
    }
    let ms = |l: &str| -> f64 { l[32..].split_whitespace().next().unwrap().parse().unwrap() };
    let (total, stages) = table.split_last().unwrap();
    assert_eq!(names.last(), Some(&"total"));
    let sum: f64 = stages.iter().map(|l| ms(l)).sum();
    assert!((sum - ms(total)).abs() < 0.1 * stages.len() as f64, "{err}");
    assert!(ms(total) > 0.0, "{err}");

    // Without the flag, no table.
    let out = molt_in(dir, &["compile", "ok.py"], b"");
    assert_eq!(text(&out.stderr), "1 file, 0 errors\n");
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// The sections of a trace: (heading, body).
fn sections(trace: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in trace.split_inclusive('\n') {
        if let Some(heading) = line.strip_prefix("=== ") {
            if let Some((_, body)) = out.last_mut() {
                // The blank line between sections.
                assert_eq!(body.pop(), Some('\n'));
            }
            out.push((heading.trim_end().to_string(), String::new()));
        } else {
            out.last_mut().expect("a heading first").1.push_str(line);
        }
    }
    out
}

#[test]
fn trace_prints_every_stage_as_its_own_command_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["hello.py", "tour.py"] {
        let path = example(file);
        let path = path.to_str().expect("UTF-8 path");
        let out = molt_in(dir, &["trace", path], b"");
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        let traced = sections(&text(&out.stdout));
        let commands: [&[&str]; 5] = [
            &["tokenize"],
            &["cst"],
            &["ast", "--indent", "4"],
            &["symtable"],
            &["dis"],
        ];
        let stages = [
            "tokens",
            "concrete syntax tree",
            "abstract syntax tree",
            "symbol tables",
            "bytecode",
        ];
        assert_eq!(traced.len(), 5, "{file}: {traced:?}");
        for ((heading, body), (command, stage)) in traced.iter().zip(commands.iter().zip(stages)) {
            let alone = molt_in(dir, &[*command, &[path]].concat(), b"");
            assert_eq!(alone.status.code(), Some(0));
            let shown = format!("{stage} (molt {} {path}) ===", command.join(" "));
            assert_eq!(heading, &shown, "{file}");
            assert_eq!(body, &text(&alone.stdout), "{file}: {stage}");
        }
    }
}

#[test]
fn trace_stops_at_the_stage_that_fails_and_reads_stdin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Parses, lowers and has symbol tables; the code generator refuses it.
    let source = b"x = 1\nreturn x\n";
    let out = molt_in(dir, &["trace", "-"], source);
    assert_eq!(out.status.code(), Some(2));
    let traced = sections(&text(&out.stdout));
    let headings: Vec<&str> = traced.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(
        headings,
        [
            "tokens (molt tokenize -) ===",
            "concrete syntax tree (molt cst -) ===",
            "abstract syntax tree (molt ast --indent 4 -) ===",
            "symbol tables (molt symtable -) ==="
        ]
    );
    // Stdin is tokenized as `molt tokenize -` reads it.
    let alone = molt_in(dir, &["tokenize", "-"], source);
    assert_eq!(traced[0].1, text(&alone.stdout));
    assert!(text(&out.stderr).contains("SyntaxError: 'return' outside function"));
}

/// Deeply nested code is refused as CPython refuses it, never a crash,
/// for one file (compiled on the calling thread) as for many.
#[test]
fn compile_refuses_deep_code_without_crashing() {
    let scratch = Scratch::new("compile-deep");
    let deep = format!("x = {}1\n", "1+".repeat(12_000));
    std::fs::write(scratch.path().join("deep.py"), &deep).expect("writing");
    let out = molt_in(scratch.path(), &["compile", "deep.py"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    // The oracle's exception class and message.
    let path = scratch.path().join("deep.py").display().to_string();
    let expected = &run_driver(oracle(), "compile_files.py", &[], &[path])[0];
    let wanted = format!(
        "{}: {}",
        expected["type"].as_str().expect("an exception"),
        expected["msg"].as_str().expect("a message")
    );
    assert!(
        text(&out.stderr).contains(&wanted),
        "{wanted}\n{}",
        text(&out.stderr)
    );
    let out = molt_in(scratch.path(), &["dis", "deep.py"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}
